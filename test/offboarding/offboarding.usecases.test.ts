import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { auditEvents, slackOutbox } from '../../src/db/schema.js';
import type { StartCaseInput } from '../../src/offboarding/offboarding.usecases.js';
import { createServices, type Services } from '../../src/services.js';
import { evidence, hr, hrSystem, it as itPerson, nobody } from '../support/actors.js';
import { databaseTargets, type TestDatabase } from '../support/test-database.js';

const now = new Date('2026-11-23T15:00:00Z');

describe.each(databaseTargets())('offboarding use cases on $label', ({ open }) => {
  let database: TestDatabase;
  let services: Services;

  beforeAll(async () => {
    database = await open();
    services = createServices({ db: database.db, timeZone: 'UTC', clock: () => now });
  });
  afterAll(async () => database?.close());
  beforeEach(async () => database.reset());

  const start = (overrides: Partial<StartCaseInput> & { fromRoster?: boolean } = {}) => {
    const { fromRoster, ...rest } = overrides;
    const input: StartCaseInput = {
      employeeEmail: 'Dana.Reyes@example.com',
      employeeName: 'Dana Reyes',
      lastDay: '2026-11-27',
      vendorIds: ['spring-health', 'one-medical'],
      source: 'webhook',
      ...rest,
    };
    if (fromRoster) delete input.vendorIds;
    return services.offboarding.startCase(input, hrSystem);
  };

  const auditCount = async () =>
    (await database.db.select({ n: sql<number>`count(*)::int` }).from(auditEvents))[0]?.n ?? 0;

  test('starting a case stores it awaiting HR with one removal per vendor, one audit event and a queued card', async () => {
    const { case: record, created } = await start();
    expect(created).toBe(true);
    expect(record.status).toBe('awaiting_hr');
    expect(record.employeeEmail).toBe('dana.reyes@example.com');
    expect(record.removals.map((removal) => [removal.vendorId, removal.status])).toEqual([
      ['one-medical', 'awaiting_approval'],
      ['spring-health', 'awaiting_approval'],
    ]);
    expect(await auditCount()).toBe(1);
    const outbox = await database.db.select().from(slackOutbox).where(eq(slackOutbox.caseId, record.id));
    expect(outbox.map((item) => item.kind)).toEqual(['card.refresh', 'thread.note']);
  });

  test('the same external id again returns the first case and writes nothing', async () => {
    const first = await start({ externalId: 'workday-7781' });
    const second = await start({ externalId: 'workday-7781', employeeName: 'Someone Else' });
    expect(second.created).toBe(false);
    expect(second.case.id).toBe(first.case.id);
    expect(second.case.employeeName).toBe('Dana Reyes');
    expect(await auditCount()).toBe(1);
  });

  test('without vendors the case takes the vendors whose rosters list the employee', async () => {
    await database.db.transaction((tx) =>
      services.roster.replace(tx, 'betterup', [{ email: 'dana.reyes@example.com' }], now),
    );
    const { case: record } = await start({ fromRoster: true });
    expect(record.removals.map((removal) => removal.vendorId)).toEqual(['betterup']);
  });

  test('an unknown vendor is refused and nothing is written', async () => {
    await expect(start({ vendorIds: ['spring-health', 'acme-dental'] })).rejects.toMatchObject({
      code: 'vendor.unknown',
    });
    expect(await auditCount()).toBe(0);
  });

  test('approval requests every removal with a due date from the vendor SLA in business days', async () => {
    const { case: record } = await start();
    const { case: approved, event } = await services.offboarding.approve(record.id, hr());
    expect(approved.status).toBe('approved');
    expect(event.action).toBe('case.approved');
    // last day Friday 2026-11-27 + 5 business days = Friday 2026-12-04
    expect(approved.removals.map((removal) => [removal.status, removal.dueOn])).toEqual([
      ['requested', '2026-12-04'],
      ['requested', '2026-12-04'],
    ]);
  });

  test('a second approval of the same case is refused and names the first approver', async () => {
    const { case: record } = await start();
    await services.offboarding.approve(record.id, hr('UHR00001'));
    await expect(services.offboarding.approve(record.id, hr('UHR00002'))).rejects.toMatchObject({
      code: 'case.already_approved',
      message: expect.stringContaining('<@UHR00001>'),
    });
    expect(await auditCount()).toBe(2);
  });

  test('confirming every removal completes the case and keeps the evidence', async () => {
    const { case: record } = await start();
    await services.offboarding.approve(record.id, hr());
    await services.offboarding.confirmRemoval(record.id, 'spring-health', evidence('SH-1'), itPerson());
    const { case: done } = await services.offboarding.confirmRemoval(
      record.id,
      'one-medical',
      evidence('OM-2'),
      itPerson(),
    );
    expect(done.status).toBe('completed');
    expect(done.completedAt).toEqual(now);
    expect(done.removals.find((removal) => removal.vendorId === 'one-medical')?.evidenceReference).toBe(
      'OM-2',
    );
    expect(await auditCount()).toBe(4);
  });

  test('a refused command changes nothing and writes no event', async () => {
    const { case: record } = await start();
    await expect(
      services.offboarding.confirmRemoval(record.id, 'spring-health', evidence(), itPerson()),
    ).rejects.toMatchObject({ code: 'case.not_approved' });
    await expect(services.offboarding.approve(record.id, nobody())).rejects.toMatchObject({
      code: 'auth.not_hr_approver',
    });
    expect((await services.offboarding.getCase(record.id))?.status).toBe('awaiting_hr');
    expect(await auditCount()).toBe(1);
  });

  test('a denied attempt is recorded in the ledger without changing the case', async () => {
    const { case: record } = await start();
    await services.offboarding.recordDenied({
      actor: 'UNOBODY1',
      attempted: 'approve',
      caseId: record.id,
      code: 'auth.not_hr_approver',
    });
    const [denied] = await database.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.action, 'access.denied'));
    expect(denied).toMatchObject({ actor: 'UNOBODY1', caseId: record.id });
    expect((await services.offboarding.getCase(record.id))?.status).toBe('awaiting_hr');
  });

  test('an unknown or malformed case id is refused as not found', async () => {
    await expect(services.offboarding.approve('not-a-uuid', hr())).rejects.toMatchObject({
      code: 'case.not_found',
    });
    await expect(
      services.offboarding.approve('00000000-0000-4000-8000-000000000000', hr()),
    ).rejects.toMatchObject({ code: 'case.not_found' });
  });

  test('HR can reopen a rejected case and approve it again, all of it audited', async () => {
    const { case: record } = await start();
    await services.offboarding.reject(record.id, 'Departure rescinded', hr());
    const { case: reopened } = await services.offboarding.reopen(record.id, 'Leaving after all', hr());
    expect(reopened.status).toBe('awaiting_hr');
    expect(reopened.removals.every((removal) => removal.status === 'awaiting_approval')).toBe(true);
    await services.offboarding.approve(record.id, hr());
    const actions = (await database.db.select().from(auditEvents).orderBy(auditEvents.id)).map(
      (e) => e.action,
    );
    expect(actions).toEqual(['case.started', 'case.rejected', 'case.reopened', 'case.approved']);
  });
});
