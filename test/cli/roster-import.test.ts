import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { auditEvents, rosterEntries } from '../../src/db/schema.js';
import {
  type CliDatabase,
  cliDatabaseTargets,
  expectUsageError,
  runWithBadArguments,
} from './cli-harness.js';

const fixtures = mkdtempSync(join(tmpdir(), 'roster-import-'));
afterAll(() => rmSync(fixtures, { recursive: true, force: true }));

const fixture = (name: string, text: string) => {
  const path = join(fixtures, name);
  writeFileSync(path, text);
  return path;
};

const goodRoster = fixture(
  'spring-health.csv',
  '\uFEFFEmail,Full Name,Member ID,Enrolled On\r\n' +
    'dana.reyes@example.com,Dana Reyes,SH-1,2025-01-15\r\n' +
    'Sam.Lee@Example.com,"Lee, Sam",SH-2,\r\n' +
    'kim.park@example.com,Kim Park,,2025-03-01\r\n',
);

const badRoster = fixture(
  'bad.csv',
  'email,name,enrolled on\n' +
    'ada@example.com,Ada,2025-01-15\n' +
    'not-an-email,Someone,2025-01-15\n' +
    'bo@example.com,Bo,2025-02-30\n' +
    'ADA@example.com,Ada again,\n',
);

describe.each(cliDatabaseTargets())('roster:import on $label', ({ open }) => {
  let database: CliDatabase;

  // The tests build on each other: an import, then a refused one that must leave it as it was.
  beforeAll(async () => {
    database = await open();
  });
  afterAll(async () => database?.close());

  const springHealthRoster = async () =>
    (await database.services()).db
      .select({ email: rosterEntries.email, name: rosterEntries.name, enrolledOn: rosterEntries.enrolledOn })
      .from(rosterEntries)
      .where(eq(rosterEntries.vendorId, 'spring-health'))
      .orderBy(asc(rosterEntries.email));

  const events = async () =>
    (await database.services()).db.select().from(auditEvents).orderBy(asc(auditEvents.id));

  test('an import replaces the roster, records one audit event without emails or names and prints one line', async () => {
    const { code, stdout, stderr } = await database.run('roster-import.ts', [
      '--vendor',
      'spring-health',
      goodRoster,
    ]);
    expect(stderr).not.toMatch(/example\.com|Dana|Reyes/);
    expect(code).toBe(0);
    expect(stdout).toMatch(
      /^spring-health roster replaced from spring-health\.csv: 3 members \(was 0\); audit event 1, sha256 [0-9a-f]{64}\n$/,
    );
    expect(await springHealthRoster()).toEqual([
      { email: 'dana.reyes@example.com', name: 'Dana Reyes', enrolledOn: '2025-01-15' },
      { email: 'kim.park@example.com', name: 'Kim Park', enrolledOn: '2025-03-01' },
      { email: 'sam.lee@example.com', name: 'Lee, Sam', enrolledOn: null },
    ]);
    const [event, ...more] = await events();
    expect(more).toEqual([]);
    expect(event).toMatchObject({
      actor: expect.stringMatching(/^cli:.+/),
      action: 'roster.imported',
      vendorId: 'spring-health',
      details: {
        membersBefore: 0,
        membersAfter: 3,
        fileName: 'spring-health.csv',
        sha256: expect.any(String),
      },
    });
    expect(JSON.stringify(event)).not.toMatch(/example\.com|Dana|Reyes/);
  });

  test('bad rows and an unknown vendor write nothing and every problem is named, each bad row by its line', async () => {
    const { code, stdout, stderr } = await database.run('roster-import.ts', [
      '--vendor',
      'acme-dental',
      badRoster,
    ]);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toBe(
      [
        'nothing imported from bad.csv:',
        'unknown vendor "acme-dental" (known: betterup, one-medical, spring-health)',
        'line 3: email is not a valid email address',
        'line 4: enrolled on "2025-02-30" is not a real date (YYYY-MM-DD)',
        'line 5: the same email as line 2',
        '',
      ].join('\n'),
    );
    expect(await springHealthRoster()).toHaveLength(3);
    expect(await events()).toHaveLength(1);
  });
});

describe('roster:import arguments', () => {
  test('a call without --vendor prints the problem and usage on stderr and exits 2', async () => {
    expectUsageError(
      await runWithBadArguments('roster-import.ts', [goodRoster]),
      '--vendor ID is required',
      'usage: npm run roster:import -- --vendor ID FILE.csv',
    );
  });
});
