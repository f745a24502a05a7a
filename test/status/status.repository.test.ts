import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import type { StartCaseInput } from '../../src/offboarding/offboarding.usecases.js';
import { createServices, type Services } from '../../src/services.js';
import { createStatusRepository, type StatusRepository } from '../../src/status/status.repository.js';
import { evidence, hr, hrSystem, it as itPerson } from '../support/actors.js';
import { databaseTargets, type TestDatabase } from '../support/test-database.js';

// Every vendor's SLA is 5 business days; a removal is due 5 business days after approval (or the last day).
const today = '2026-11-16';

describe.each(databaseTargets())('status queries on $label', ({ open }) => {
  let database: TestDatabase;
  let services: Services;
  let status: StatusRepository;
  let now = new Date('2026-11-16T15:00:00Z');

  beforeAll(async () => {
    database = await open();
    services = createServices({ db: database.db, timeZone: 'UTC', clock: () => now });
    status = createStatusRepository({ db: database.db });
  });
  afterAll(async () => database?.close());
  beforeEach(async () => database.reset());

  const at = (instant: string) => {
    now = new Date(instant);
  };
  const start = async (
    input: Partial<StartCaseInput> & Pick<StartCaseInput, 'employeeEmail' | 'employeeName'>,
  ) =>
    (
      await services.offboarding.startCase(
        { lastDay: '2026-11-02', vendorIds: ['spring-health'], source: 'webhook', ...input },
        hrSystem,
      )
    ).case.id;

  /**
   * Fixture, as of 2026-11-16:
   * - Ira (betterup) approved 2026-10-26, due 2026-11-02: 14 days overdue
   * - Dana's first case, rejected 2026-10-27
   * - Dana (spring-health confirmed, one-medical due 2026-11-09: 7 days overdue) approved 2026-11-02
   * - Kim (one-medical) completed 2026-11-03; Old (one-medical) completed 2026-09-01
   * - Lee (spring-health) approved 2026-11-16, due 2026-11-27
   * - Sam (betterup) awaiting HR
   */
  const seed = async () => {
    at('2026-09-01T10:00:00Z');
    const old = await start({
      employeeEmail: 'old@example.com',
      employeeName: 'Old Leaver',
      vendorIds: ['one-medical'],
    });
    await services.offboarding.approve(old, hr());
    await services.offboarding.confirmRemoval(old, 'one-medical', evidence('OM-0'), itPerson());

    at('2026-10-26T10:00:00Z');
    const ira = await start({
      employeeEmail: 'ira@example.com',
      employeeName: 'Ira Novak',
      lastDay: '2026-10-26',
      vendorIds: ['betterup'],
    });
    await services.offboarding.approve(ira, hr());

    at('2026-10-27T10:00:00Z');
    const danaFirst = await start({ employeeEmail: 'dana.reyes@example.com', employeeName: 'Dana Reyes' });
    await services.offboarding.reject(danaFirst, 'Departure rescinded', hr());

    at('2026-11-02T10:00:00Z');
    const dana = await start({
      employeeEmail: 'Dana.Reyes@example.com',
      employeeName: 'Dana Reyes',
      vendorIds: ['spring-health', 'one-medical'],
    });
    await services.offboarding.approve(dana, hr());
    at('2026-11-03T09:30:00Z');
    await services.offboarding.confirmRemoval(dana, 'spring-health', evidence('SH-1'), itPerson());

    const kim = await start({
      employeeEmail: 'kim@example.com',
      employeeName: 'Kim Ode',
      vendorIds: ['one-medical'],
    });
    await services.offboarding.approve(kim, hr());
    await services.offboarding.confirmRemoval(kim, 'one-medical', evidence('OM-1'), itPerson());

    at('2026-11-16T09:00:00Z');
    const lee = await start({
      employeeEmail: 'lee@example.com',
      employeeName: 'Lee Park',
      lastDay: '2026-11-20',
    });
    await services.offboarding.approve(lee, hr());
    await start({ employeeEmail: 'sam@example.com', employeeName: 'Sam Ito', vendorIds: ['betterup'] });

    await database.db.transaction(async (tx) => {
      const members = (n: number) =>
        Array.from({ length: n }, (_, i) => ({ email: `member${i}@example.com` }));
      await services.roster.replace(tx, 'one-medical', members(3), now);
      await services.roster.replace(tx, 'spring-health', members(2), now);
    });
    at('2026-11-16T15:00:00Z');
    return { ira, dana, danaFirst, kim, lee };
  };

  test('the summary counts cases by stage, overdue removals, recent completions, and each vendor', async () => {
    await seed();
    const summary = await status.summary({ today, completedSince: new Date('2026-10-17T15:00:00Z') });
    expect(summary).toMatchObject({
      awaitingHr: 1,
      awaitingVendors: 3,
      overdueRemovals: 2,
      completedRecently: 1,
    });
    expect(summary.vendors).toEqual([
      {
        vendorId: 'betterup',
        name: 'BetterUp',
        openRemovals: 1,
        overdueRemovals: 1,
        activeSeats: 0,
        annualSeatCostCents: null,
      },
      {
        vendorId: 'one-medical',
        name: 'One Medical',
        openRemovals: 1,
        overdueRemovals: 1,
        activeSeats: 3,
        annualSeatCostCents: 14900,
      },
      {
        vendorId: 'spring-health',
        name: 'Spring Health',
        openRemovals: 1,
        overdueRemovals: 0,
        activeSeats: 2,
        annualSeatCostCents: null,
      },
    ]);
  });

  test('an empty database gives a summary of zeros with every active vendor listed', async () => {
    const summary = await status.summary({ today, completedSince: new Date('2026-10-17T15:00:00Z') });
    expect(summary).toMatchObject({
      awaitingHr: 0,
      awaitingVendors: 0,
      overdueRemovals: 0,
      completedRecently: 0,
    });
    expect(summary.vendors.map((vendor) => vendor.vendorId)).toEqual([
      'betterup',
      'one-medical',
      'spring-health',
    ]);
  });

  test("a person's cases are found by email in any case, newest first, per vendor, with their timeline", async () => {
    const { dana, danaFirst } = await seed();
    const person = await status.person('  DANA.reyes@Example.com ', { today });
    expect(person.email).toBe('dana.reyes@example.com');
    expect(person.cases.total).toBe(2);
    expect(person.cases.items.map((record) => [record.id, record.status])).toEqual([
      [dana, 'approved'],
      [danaFirst, 'rejected'],
    ]);
    const [latest, first] = person.cases.items;
    expect(latest?.removals).toEqual([
      {
        vendorId: 'one-medical',
        vendorName: 'One Medical',
        status: 'requested',
        dueOn: '2026-11-09',
        overdue: true,
        confirmedBy: null,
        confirmedAt: null,
      },
      {
        vendorId: 'spring-health',
        vendorName: 'Spring Health',
        status: 'confirmed',
        dueOn: '2026-11-09',
        overdue: false,
        confirmedBy: 'UIT00001',
        confirmedAt: new Date('2026-11-03T09:30:00Z'),
      },
    ]);
    expect(latest?.timeline).toEqual({
      total: 3,
      items: [
        {
          action: 'case.started',
          actor: 'api',
          vendorId: null,
          occurredAt: new Date('2026-11-02T10:00:00Z'),
        },
        {
          action: 'case.approved',
          actor: 'UHR00001',
          vendorId: null,
          occurredAt: new Date('2026-11-02T10:00:00Z'),
        },
        {
          action: 'removal.confirmed',
          actor: 'UIT00001',
          vendorId: 'spring-health',
          occurredAt: new Date('2026-11-03T09:30:00Z'),
        },
      ],
    });
    expect(first?.removals.map((removal) => removal.status)).toEqual(['withdrawn']);
    expect(first?.timeline.items.map((entry) => entry.action)).toEqual(['case.started', 'case.rejected']);
  });

  test('a person query stops at the limit, keeps the latest events, and still counts everything', async () => {
    const { dana } = await seed();
    const person = await status.person('dana.reyes@example.com', { today, limit: 1, timelineLength: 2 });
    expect(person.cases.total).toBe(2);
    expect(person.cases.items.map((record) => record.id)).toEqual([dana]);
    expect(person.cases.items[0]?.timeline.total).toBe(3);
    expect(person.cases.items[0]?.timeline.items.map((entry) => entry.action)).toEqual([
      'case.approved',
      'removal.confirmed',
    ]);
  });

  test('someone with no case gets an empty answer', async () => {
    await seed();
    expect(await status.person('nobody@example.com', { today })).toEqual({
      email: 'nobody@example.com',
      cases: { items: [], total: 0 },
    });
  });

  test("a vendor's status lists its open removals oldest due first, with overdue flags, seats and cost", async () => {
    const { dana } = await seed();
    expect(await status.vendor('one-medical', { today })).toEqual({
      vendorId: 'one-medical',
      name: 'One Medical',
      annualSeatCostCents: 14900,
      activeSeats: 3,
      awaitingApproval: 0,
      overdueRemovals: 1,
      openRemovals: {
        total: 1,
        items: [
          {
            caseId: dana,
            employeeName: 'Dana Reyes',
            lastDay: '2026-11-02',
            dueOn: '2026-11-09',
            overdue: true,
          },
        ],
      },
    });
    const betterup = await status.vendor('betterup', { today });
    expect(betterup).toMatchObject({ awaitingApproval: 1, overdueRemovals: 1, activeSeats: 0 });
    expect(betterup?.openRemovals.items.map((removal) => [removal.employeeName, removal.dueOn])).toEqual([
      ['Ira Novak', '2026-11-02'],
    ]);
    const spring = await status.vendor('spring-health', { today });
    expect(spring?.openRemovals.items).toMatchObject([
      { employeeName: 'Lee Park', dueOn: '2026-11-27', overdue: false },
    ]);
  });

  test('a vendor list stops at the limit but counts every open removal', async () => {
    at('2026-11-02T10:00:00Z');
    for (const n of [1, 2, 3]) {
      const id = await start({
        employeeEmail: `p${n}@example.com`,
        employeeName: `Person ${n}`,
        vendorIds: ['betterup'],
      });
      await services.offboarding.approve(id, hr());
    }
    const betterup = await status.vendor('betterup', { today, limit: 2 });
    expect(betterup?.openRemovals.total).toBe(3);
    expect(betterup?.openRemovals.items).toHaveLength(2);
    expect(betterup?.overdueRemovals).toBe(3);
  });

  test('an unknown vendor id gives nothing', async () => {
    expect(await status.vendor('acme-dental', { today })).toBeUndefined();
  });

  test('the overdue list runs across vendors, oldest due first, with days overdue', async () => {
    const { ira, dana } = await seed();
    expect(await status.overdue({ today })).toEqual({
      total: 2,
      items: [
        {
          caseId: ira,
          vendorId: 'betterup',
          vendorName: 'BetterUp',
          employeeName: 'Ira Novak',
          lastDay: '2026-10-26',
          dueOn: '2026-11-02',
          daysOverdue: 14,
        },
        {
          caseId: dana,
          vendorId: 'one-medical',
          vendorName: 'One Medical',
          employeeName: 'Dana Reyes',
          lastDay: '2026-11-02',
          dueOn: '2026-11-09',
          daysOverdue: 7,
        },
      ],
    });
    const first = await status.overdue({ today, limit: 1 });
    expect(first.total).toBe(2);
    expect(first.items.map((item) => item.caseId)).toEqual([ira]);
  });

  test('a removal due today is not overdue yet', async () => {
    await seed();
    const onDueDay = await status.overdue({ today: '2026-11-09' });
    expect(onDueDay.items.map((item) => item.dueOn)).toEqual(['2026-11-02']);
  });
});
