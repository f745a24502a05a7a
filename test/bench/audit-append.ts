// Measures the audit ledger's append rate with concurrent writers, and PGlite's start-up time.
// Run: node_modules/.bin/tsx test/bench/audit-append.ts   (PostgreSQL too when TEST_DATABASE_URL is set)
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { openDatabase } from '../../src/db/database.js';
import { applyMigrations } from '../../src/db/migrate.js';
import { createServices } from '../../src/services.js';
import { databaseTargets } from '../support/test-database.js';

const WRITERS = Number(process.env.WRITERS ?? 8);
const PER_WRITER = 250;

const pgliteStartup = async () => {
  const dir = mkdtempSync(join(tmpdir(), 'bench-pglite-'));
  let started = performance.now();
  let handle = await openDatabase({ pgliteDir: dir });
  const fresh = performance.now() - started;
  await applyMigrations(handle);
  await handle.close();
  started = performance.now();
  handle = await openDatabase({ pgliteDir: dir });
  await applyMigrations(handle);
  const reopen = performance.now() - started;
  await handle.close();
  rmSync(dir, { recursive: true, force: true });
  return { fresh, reopen };
};

const appendRate = async (open: () => ReturnType<ReturnType<typeof databaseTargets>[number]['open']>) => {
  const database = await open();
  const services = createServices({ db: database.db, timeZone: 'UTC' });
  const started = performance.now();
  await Promise.all(
    Array.from({ length: WRITERS }, async (_, writer) => {
      for (let index = 0; index < PER_WRITER; index += 1) {
        await database.db.transaction((tx) =>
          services.ledger.append(
            tx,
            { actor: 'system', action: 'bench.event', details: { writer, index } },
            new Date(),
          ),
        );
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const verified = await services.ledger.verify();
  await database.close();
  return { rate: (WRITERS * PER_WRITER) / seconds, verified };
};

const startup = await pgliteStartup();
console.log(
  `PGlite: new data folder (initdb) ${startup.fresh.toFixed(0)} ms; reopen + migrations check ${startup.reopen.toFixed(0)} ms`,
);
for (const target of databaseTargets()) {
  const { rate, verified } = await appendRate(target.open);
  console.log(
    `${target.label}: ${WRITERS} writers × ${PER_WRITER} appends → ${rate.toFixed(0)} events/s; chain ${verified.ok ? `verifies (${verified.count})` : 'BROKEN'}`,
  );
}
