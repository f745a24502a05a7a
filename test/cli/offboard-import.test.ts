import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { asc, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { readCsvTable } from '../../src/cli/csv-table.js';
import { auditEvents, offboardingCases, slackOutbox } from '../../src/db/schema.js';
import { leaverColumns, validateLeaverRows } from '../../src/offboarding/bulk-import.js';
import {
  type CliDatabase,
  cliDatabaseTargets,
  expectUsageError,
  runWithBadArguments,
} from './cli-harness.js';

const knownVendors = new Set(['spring-health', 'betterup', 'one-medical']);
const readLeavers = (text: string) =>
  validateLeaverRows(readCsvTable(text, leaverColumns).rows, knownVendors);

describe('leavers file parsing', () => {
  test('vendors may be separated by semicolons, bars or spaces; an empty list means from the rosters', () => {
    const result = readLeavers(
      'Email,Name,Last_Day,Vendors,External ID\r\n' +
        'Dana.Reyes@Example.com,Dana Reyes,2026-11-27,Spring-Health; betterup|one-medical betterup,wd-1\r\n' +
        'sam.lee@example.com,Sam Lee,2026-11-30,,\r\n',
    );
    expect(result).toEqual({
      ok: true,
      leavers: [
        {
          line: 2,
          input: {
            employeeEmail: 'dana.reyes@example.com',
            employeeName: 'Dana Reyes',
            lastDay: '2026-11-27',
            vendorIds: ['spring-health', 'betterup', 'one-medical'],
            externalId: 'wd-1',
            source: 'import',
          },
        },
        {
          line: 3,
          input: {
            employeeEmail: 'sam.lee@example.com',
            employeeName: 'Sam Lee',
            lastDay: '2026-11-30',
            source: 'import',
          },
        },
      ],
    });
  });

  test('every bad row is named by its line with all its problems, and repeats point at the first line', () => {
    const result = readLeavers(
      [
        'email,name,last day,vendors,external id',
        'dana.reyes@example.com,Dana Reyes,2026-11-27,spring-health,wd-1',
        'not-an-email,Someone,2026-11-27,,',
        'sam.lee@example.com,,2026-02-30,acme-dental;betterup,',
        'DANA.REYES@example.com,Dana Again,2026-11-27,,wd-2',
        'kim.park@example.com,Kim Park,2026-11-27,,wd-1',
        'lee.chen@example.com,Lee Chen,,,',
      ].join('\n'),
    );
    expect(result.ok ? [] : result.problems).toEqual([
      { line: 3, message: 'email is not a valid email address' },
      {
        line: 4,
        message:
          'name is empty; last day "2026-02-30" is not a real date (YYYY-MM-DD); ' +
          'unknown vendor "acme-dental" (known: betterup, one-medical, spring-health)',
      },
      { line: 5, message: 'the same email as line 2' },
      { line: 6, message: 'the same external id as line 2' },
      { line: 7, message: 'last day is empty' },
    ]);
  });

  test('a file without a last day column is refused on line 1', () => {
    expect(readCsvTable('email,name\na@example.com,A\n', leaverColumns).problems).toEqual([
      { line: 1, message: 'the header has no "last day" column (found: email, name)' },
    ]);
  });
});

const fixtures = mkdtempSync(join(tmpdir(), 'offboard-import-'));
afterAll(() => rmSync(fixtures, { recursive: true, force: true }));

const fixture = (name: string, lines: string[]) => {
  const path = join(fixtures, name);
  writeFileSync(path, `${lines.join('\r\n')}\r\n`);
  return path;
};

const reductionInForce = fixture('rif.csv', [
  'email,name,last day,vendors,external id',
  'dana.reyes@example.com,Dana Reyes,2026-11-27,,wd-1',
  'sam.lee@example.com,Sam Lee,2026-11-27,spring-health;betterup,wd-2',
  'kim.park@example.com,Kim Park,2026-11-30,spring-health | one-medical,',
]);

const secondRun = fixture('rif-again.csv', [
  'email,name,last day,vendors,external id',
  'dana.reyes@example.com,Dana Reyes,2026-11-27,,wd-1',
  'lee.chen@example.com,Lee Chen,2026-12-04,,wd-3',
]);

const badFile = fixture('bad.csv', [
  'email,name,last day,vendors,external id',
  'ada@example.com,Ada,2026-11-27,betterup,wd-10',
  'bo@example.com,Bo,2026-11-31,betterup,wd-11',
  'cy@example.com,Cy,2026-11-27,acme-dental,wd-12',
  'ADA@example.com,Ada,2026-11-27,betterup,wd-13',
  'di@example.com,Di,2026-11-27,betterup,wd-10',
]);

describe.each(cliDatabaseTargets())('offboard:import on $label', ({ open }) => {
  let database: CliDatabase;

  // The tests build on each other: a first import, a second with a known external id, a refused file.
  beforeAll(async () => {
    database = await open();
    const services = await database.services();
    await services.db.transaction((tx) =>
      services.roster.replace(tx, 'one-medical', [{ email: 'dana.reyes@example.com' }], new Date()),
    );
  });
  afterAll(async () => database?.close());

  const counts = async () => {
    const { db } = await database.services();
    const count = async (table: typeof offboardingCases | typeof auditEvents | typeof slackOutbox) =>
      (await db.select({ n: sql<number>`count(*)::int` }).from(table))[0]?.n;
    return {
      cases: await count(offboardingCases),
      events: await count(auditEvents),
      outbox: await count(slackOutbox),
    };
  };

  test('an import starts one case per row in one go, queues a card for each and says how long posting takes', async () => {
    const { code, stdout } = await database.run('offboard-import.ts', [reductionInForce]);
    expect(code).toBe(0);
    expect(stdout).toBe(
      '3 cases started, 0 skipped.\n' +
        'Their cards are queued: the running app posts them to Slack at about one per second (~3 s).\n',
    );
    const services = await database.services();
    const cases = await services.db
      .select()
      .from(offboardingCases)
      .orderBy(asc(offboardingCases.employeeEmail));
    const vendorsOf = async (id: string) =>
      (await services.offboarding.getCase(id))?.removals.map((removal) => removal.vendorId).sort();
    expect(cases.map((row) => [row.employeeEmail, row.externalId, row.source, row.status])).toEqual([
      ['dana.reyes@example.com', 'wd-1', 'import', 'awaiting_hr'],
      ['kim.park@example.com', null, 'import', 'awaiting_hr'],
      ['sam.lee@example.com', 'wd-2', 'import', 'awaiting_hr'],
    ]);
    expect(await vendorsOf(cases[0]?.id ?? '')).toEqual(['one-medical']);
    expect(await vendorsOf(cases[1]?.id ?? '')).toEqual(['one-medical', 'spring-health']);
    expect(await vendorsOf(cases[2]?.id ?? '')).toEqual(['betterup', 'spring-health']);
    const cards = await services.db.select().from(slackOutbox);
    for (const row of cases) {
      expect(cards.filter((card) => card.caseId === row.id && card.kind === 'card.refresh')).toHaveLength(1);
    }
    const events = await services.db.select().from(auditEvents);
    expect(events.map((event) => [event.action, event.actor.startsWith('cli:')])).toEqual([
      ['case.started', true],
      ['case.started', true],
      ['case.started', true],
    ]);
  });

  test('a row whose external id already has a case is skipped and reported by its line', async () => {
    const before = await counts();
    const { code, stdout } = await database.run('offboard-import.ts', [secondRun]);
    expect(code).toBe(0);
    expect(stdout).toBe(
      '1 case started, 1 skipped (their external id already has a case: line 2).\n' +
        '1 of them has no vendor to remove (none in the file, none on a roster): line 3.\n' +
        'Their cards are queued: the running app posts them to Slack at about one per second (~1 s).\n',
    );
    expect((await counts()).cases).toBe((before.cases ?? 0) + 1);
  });

  test('a file with bad rows starts no case and names every bad row by its line', async () => {
    const before = await counts();
    const { code, stdout, stderr } = await database.run('offboard-import.ts', [badFile]);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toBe(
      [
        'nothing imported from bad.csv:',
        'line 3: last day "2026-11-31" is not a real date (YYYY-MM-DD)',
        'line 4: unknown vendor "acme-dental" (known: betterup, one-medical, spring-health)',
        'line 5: the same email as line 2',
        'line 6: the same external id as line 2',
        '',
      ].join('\n'),
    );
    expect(await counts()).toEqual(before);
  });
});

describe('offboard:import arguments', () => {
  test('a call without a file prints the problem and usage on stderr and exits 2', async () => {
    expectUsageError(
      await runWithBadArguments('offboard-import.ts', []),
      'FILE.csv is required',
      'usage: npm run offboard:import -- FILE.csv',
    );
  });
});
