import { parse } from 'csv-parse/sync';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { auditCsvColumns } from '../../src/audit/audit-export.js';
import { auditEvents } from '../../src/db/schema.js';
import {
  type CliDatabase,
  cliDatabaseTargets,
  expectUsageError,
  runWithBadArguments,
} from './cli-harness.js';

const requiredFields = [
  'id',
  'occurredAt',
  'actor',
  'action',
  'caseId',
  'vendor',
  'fromStatus',
  'toStatus',
  'details',
  'prevHash',
  'hash',
];

describe.each(cliDatabaseTargets())('audit command-line tools on $label', ({ open }) => {
  let database: CliDatabase;

  // One seeded chain for the whole file: the exports only read it, and each tampering test undoes itself.
  beforeAll(async () => {
    database = await open();
    await seedEvents();
  });
  afterAll(async () => database?.close());

  /** Five events over three days; the second names a vendor and carries text that CSV must quote. */
  const seedEvents = async () => {
    const { db, ledger } = await database.services();
    const days = [
      '2026-11-01T09:00:00Z',
      '2026-11-01T17:30:00Z',
      '2026-11-02T10:00:00Z',
      '2026-11-03T08:00:00Z',
    ];
    for (const [index, day] of days.entries()) {
      await db.transaction((tx) =>
        ledger.append(
          tx,
          {
            actor: index === 1 ? 'UIT00001' : 'cli:operator',
            action: index === 1 ? 'removal.confirmed' : 'test.event',
            vendorId: index === 1 ? 'spring-health' : null,
            details: index === 1 ? { note: 'ticket "SH-1", confirmed,\nby phone' } : { index },
          },
          new Date(day),
        ),
      );
    }
    await db.transaction((tx) =>
      ledger.append(
        tx,
        { actor: 'system', action: 'test.event', details: {} },
        new Date('2026-11-03T23:59:59Z'),
      ),
    );
  };

  /** Changes the ledger the way only a superuser could: with the append-only trigger switched off. */
  const behindTheTriggersBack = async (statement: string) =>
    (await database.services()).db.transaction(async (tx) => {
      await tx.execute(sql`set local session_replication_role = replica`);
      await tx.execute(sql.raw(statement));
    });

  test('the JSON export writes every event oldest first, one object per line, and nothing else on stdout', async () => {
    const { code, stdout } = await database.run('audit-export.ts', ['--format', 'json']);
    expect(code).toBe(0);
    expect(stdout.endsWith('\n')).toBe(true);
    const events = stdout
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(events.map((event) => event.id)).toEqual([1, 2, 3, 4, 5]);
    for (const event of events) expect(Object.keys(event)).toEqual(expect.arrayContaining(requiredFields));
    expect(events[0]).toMatchObject({ occurredAt: '2026-11-01T09:00:00.000Z', vendor: null, caseId: null });
    expect(events[1]).toMatchObject({
      actor: 'UIT00001',
      action: 'removal.confirmed',
      vendor: 'spring-health',
      details: { note: 'ticket "SH-1", confirmed,\nby phone' },
    });
    expect(events[1]?.prevHash).toBe(events[0]?.hash);
  });

  test('the CSV export has a header and one row per event oldest first, with details as a JSON column', async () => {
    const { code, stdout } = await database.run('audit-export.ts', ['--format', 'csv']);
    expect(code).toBe(0);
    expect(stdout.split('\n')[0]).toBe(auditCsvColumns.join(','));
    const rows = parse(stdout, { columns: true }) as Record<string, string>[];
    expect(rows.map((row) => row.id)).toEqual(['1', '2', '3', '4', '5']);
    expect(rows[1]).toMatchObject({
      vendor: 'spring-health',
      caseId: '',
      occurredAt: '2026-11-01T17:30:00.000Z',
    });
    expect(JSON.parse(rows[1]?.details ?? '')).toEqual({ note: 'ticket "SH-1", confirmed,\nby phone' });
  });

  test('--since exports only the events from the start of that day on', async () => {
    const { code, stdout } = await database.run('audit-export.ts', [
      '--format',
      'json',
      '--since',
      '2026-11-02',
    ]);
    expect(code).toBe(0);
    const ids = stdout
      .trimEnd()
      .split('\n')
      .map((line) => (JSON.parse(line) as { id: number }).id);
    expect(ids).toEqual([3, 4, 5]);
  });

  test('verification of a whole chain exits 0, counts the events and prints the head hash', async () => {
    const { code, stdout } = await database.run('audit-verify.ts', []);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^audit chain OK: 5 events verified; head [0-9a-f]{64}\n$/);
    const head = /head ([0-9a-f]{64})/.exec(stdout)?.[1] ?? '';
    expect(await database.run('audit-verify.ts', ['--head', head])).toMatchObject({ code: 0 });
    const unknown = await database.run('audit-verify.ts', ['--head', 'f'.repeat(64)]);
    expect(unknown.code).toBe(1);
    expect(unknown.stdout).toContain('not in the chain');
    expect(await database.run('audit-verify.ts', ['--head', 'nope'])).toMatchObject({ code: 2 });
  });

  test('verification exits 1 naming the first event whose content was altered behind the trigger', async () => {
    await behindTheTriggersBack(`update audit_events set details = '{"index": 99}' where id = 3`);
    try {
      const { code, stdout } = await database.run('audit-verify.ts', []);
      expect(code).toBe(1);
      expect(stdout).toMatch(
        /^audit chain BROKEN at event 3: .*altered.*; the 2 events before it verified\n$/,
      );
    } finally {
      await behindTheTriggersBack(`update audit_events set details = '{"index": 2}' where id = 3`);
    }
  });

  test('verification exits 1 naming the event after one deleted behind the trigger', async () => {
    const { db } = await database.services();
    const [deleted] = await db.select().from(auditEvents).where(eq(auditEvents.id, 2));
    await behindTheTriggersBack('delete from audit_events where id = 2');
    try {
      const { code, stdout } = await database.run('audit-verify.ts', []);
      expect(code).toBe(1);
      expect(stdout).toMatch(/^audit chain BROKEN at event 3: .*removed.*\n$/);
    } finally {
      // Inserting is what the ledger allows anyway; the chain is whole again.
      if (deleted) await (await database.services()).db.insert(auditEvents).values(deleted);
    }
  });
});

describe('audit command-line arguments', () => {
  test.each([
    [['--format', 'xml'], /--format must be json or csv/],
    [['--format', 'json', '--since', '2026-02-30'], /--since must be a real date/],
  ])(
    'a bad export call %j prints the problem and usage on stderr, nothing on stdout, and exits 2',
    async (args, problem) => {
      expectUsageError(
        await runWithBadArguments('audit-export.ts', args),
        problem,
        'usage: npm run -s audit:export -- --format json|csv [--since YYYY-MM-DD]',
      );
    },
  );
});
