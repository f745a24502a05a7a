import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { type DatabaseHandle, openDatabase } from '../../src/db/database.js';
import { applyMigrations } from '../../src/db/migrate.js';

/** Set by test/support/global-setup.ts: a PGlite data folder already migrated, copied per test file. */
const templateDir = () => process.env.PGLITE_TEMPLATE_DIR;

export type TestDatabase = DatabaseHandle & {
  /** Empties every table (the audit trigger is bypassed for this, as only a superuser can). */
  reset: () => Promise<void>;
  /** Where it lives, for child processes (CLI tests). */
  env: Record<string, string>;
  label: string;
};

const tables = [
  'slack_outbox',
  'audit_events',
  'vendor_removals',
  'offboarding_cases',
  'roster_entries',
  'vendors',
];

/** The vendor catalog as the migrations seed it, to put back after each test. */
const vendorSeed = (() => {
  const folder = new URL('../../drizzle/', import.meta.url);
  for (const file of readdirSync(folder).sort()) {
    const statement = readFileSync(new URL(file, folder), 'utf8')
      .split('--> statement-breakpoint')
      .find((part) => /INSERT INTO vendors/i.test(part));
    if (statement) return statement;
  }
  throw new Error('no migration seeds the vendor catalog');
})();

const withReset = (handle: DatabaseHandle, env: Record<string, string>, label: string): TestDatabase => ({
  ...handle,
  env,
  label,
  reset: async () => {
    await handle.db.transaction(async (tx) => {
      await tx.execute(sql`set local session_replication_role = replica`);
      await tx.execute(sql.raw(`truncate ${tables.join(', ')} restart identity cascade`));
      await tx.execute(sql.raw(vendorSeed));
    });
  },
});

const openPglite = async (): Promise<TestDatabase> => {
  const dir = mkdtempSync(join(tmpdir(), 'offboarding-test-'));
  const template = templateDir();
  if (template && existsSync(template)) {
    cpSync(template, dir, { recursive: true });
    const handle = await openDatabase({ pgliteDir: dir });
    return withReset(
      {
        ...handle,
        close: async () => {
          await handle.close();
          rmSync(dir, { recursive: true, force: true });
        },
      },
      { PGLITE_DIR: dir },
      'pglite',
    );
  }
  mkdirSync(dir, { recursive: true });
  const handle = await openDatabase({ pgliteDir: dir });
  await applyMigrations(handle);
  return withReset(handle, { PGLITE_DIR: dir }, 'pglite');
};

/** A fresh database on the server named by `url`, migrated, dropped on close. */
const openPostgres = async (url: string): Promise<TestDatabase> => {
  const name = `offboarding_test_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = postgres(url, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const target = new URL(url);
  target.pathname = `/${name}`;
  const handle = await openDatabase({ databaseUrl: target.toString(), pgliteDir: '' });
  await applyMigrations(handle);
  return withReset(
    {
      ...handle,
      close: async () => {
        await handle.close();
        await admin.unsafe(`drop database if exists ${name} with (force)`);
        await admin.end();
      },
    },
    { DATABASE_URL: target.toString() },
    'postgres',
  );
};

/** The databases a suite runs against: PGlite always, PostgreSQL too when TEST_DATABASE_URL is set. */
export const databaseTargets = (): { label: string; open: () => Promise<TestDatabase> }[] => {
  const targets = [{ label: 'pglite', open: openPglite }];
  const url = process.env.TEST_DATABASE_URL;
  if (url) targets.push({ label: 'postgres', open: () => openPostgres(url) });
  return targets;
};

export const postgresTarget = (): { label: string; open: () => Promise<TestDatabase> } | undefined => {
  const url = process.env.TEST_DATABASE_URL;
  return url ? { label: 'postgres', open: () => openPostgres(url) } : undefined;
};
