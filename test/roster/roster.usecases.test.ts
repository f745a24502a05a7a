import { asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { auditEvents, rosterEntries } from '../../src/db/schema.js';
import { createRosterUseCases, type RosterUseCases } from '../../src/roster/roster.usecases.js';
import { createServices, type Services } from '../../src/services.js';
import { databaseTargets, type TestDatabase } from '../support/test-database.js';

const now = new Date('2026-11-23T15:00:00Z');
const operator = { id: 'cli:operator', isHrApprover: false, isItConfirmer: false };

describe.each(databaseTargets())('roster use cases on $label', ({ open }) => {
  let database: TestDatabase;
  let services: Services;
  let rosters: RosterUseCases;

  beforeAll(async () => {
    database = await open();
    services = createServices({ db: database.db, timeZone: 'UTC', clock: () => now });
    rosters = createRosterUseCases({ ...services, clock: () => now });
  });
  afterAll(async () => database?.close());
  beforeEach(async () => database.reset());

  const importRoster = (vendorId: string, emails: string[]) =>
    rosters.importRoster(
      {
        vendorId,
        members: emails.map((email) => ({ email })),
        fileName: 'roster.csv',
        sha256: 'f'.repeat(64),
      },
      operator,
    );

  test('an import replaces the vendor roster and records one event with counts, file name and hash only', async () => {
    await importRoster('betterup', ['dana.reyes@example.com', 'sam.lee@example.com']);
    const second = await importRoster('betterup', ['sam.lee@example.com']);
    expect({ before: second.before, after: second.after }).toEqual({ before: 2, after: 1 });
    const entries = await database.db
      .select()
      .from(rosterEntries)
      .where(eq(rosterEntries.vendorId, 'betterup'));
    expect(entries.map((entry) => entry.email)).toEqual(['sam.lee@example.com']);
    const events = await database.db.select().from(auditEvents).orderBy(asc(auditEvents.id));
    expect(events).toHaveLength(2);
    expect(events[1]).toMatchObject({
      actor: 'cli:operator',
      action: 'roster.imported',
      vendorId: 'betterup',
      caseId: null,
      occurredAt: now,
      details: { membersBefore: 2, membersAfter: 1, fileName: 'roster.csv', sha256: 'f'.repeat(64) },
    });
    expect(JSON.stringify(events)).not.toContain('@example.com');
  });

  test('an import leaves the rosters of other vendors alone', async () => {
    await importRoster('one-medical', ['dana.reyes@example.com']);
    await importRoster('betterup', ['sam.lee@example.com']);
    expect(await services.roster.vendorsEnrolling('dana.reyes@example.com')).toEqual(['one-medical']);
  });

  test('an unknown vendor is refused and nothing is written', async () => {
    await expect(importRoster('acme-dental', ['dana.reyes@example.com'])).rejects.toMatchObject({
      code: 'vendor.unknown',
    });
    expect(await database.db.select().from(rosterEntries)).toEqual([]);
    expect(await database.db.select().from(auditEvents)).toEqual([]);
  });
});
