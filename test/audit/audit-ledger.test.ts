import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { auditEvents } from '../../src/db/schema.js';
import { createServices, type Services } from '../../src/services.js';
import { hr, hrSystem } from '../support/actors.js';
import { databaseTargets, type TestDatabase } from '../support/test-database.js';

/** Drizzle wraps the driver's error; the database's own message is its cause. */
const refusedAsAppendOnly = (error: unknown) =>
  /append-only/.test(String((error as { cause?: { message?: string } }).cause?.message ?? error));

describe.each(databaseTargets())('audit ledger on $label', ({ open }) => {
  let database: TestDatabase;
  let services: Services;

  beforeAll(async () => {
    database = await open();
    services = createServices({ db: database.db, timeZone: 'UTC' });
  });
  afterAll(async () => database?.close());
  beforeEach(async () => database.reset());

  const appendSome = async (count: number) => {
    for (let index = 0; index < count; index += 1) {
      await database.db.transaction((tx) =>
        services.ledger.append(tx, { actor: 'system', action: 'test.event', details: { index } }, new Date()),
      );
    }
  };

  /** Alters the ledger the way only someone with superuser access could, bypassing the trigger. */
  const behindTheTriggersBack = (statement: string) =>
    database.db.transaction(async (tx) => {
      await tx.execute(sql`set local session_replication_role = replica`);
      await tx.execute(sql.raw(statement));
    });

  test('the database refuses UPDATE on audit events', async () => {
    await appendSome(1);
    await expect(database.db.execute(sql`update audit_events set actor = 'UEVIL'`)).rejects.toSatisfy(
      refusedAsAppendOnly,
    );
  });

  test('the database refuses DELETE on audit events', async () => {
    await appendSome(1);
    await expect(database.db.execute(sql`delete from audit_events`)).rejects.toSatisfy(refusedAsAppendOnly);
  });

  test('the database refuses TRUNCATE on audit events', async () => {
    await appendSome(1);
    await expect(database.db.execute(sql`truncate audit_events`)).rejects.toSatisfy(refusedAsAppendOnly);
  });

  test('each event links to the hash of the one before it and the whole chain verifies', async () => {
    await appendSome(5);
    const rows = await database.db.select().from(auditEvents).orderBy(auditEvents.id);
    expect(rows).toHaveLength(5);
    for (const [index, row] of rows.entries()) {
      if (index > 0) expect(row.prevHash).toBe(rows[index - 1]?.hash);
      expect(row.hash).toMatch(/^[0-9a-f]{64}$/);
    }
    expect(await services.ledger.verify()).toMatchObject({ ok: true, count: 5 });
  });

  test('verification names the first event whose content was altered behind the trigger', async () => {
    await appendSome(4);
    await behindTheTriggersBack(`update audit_events set details = '{"index": 99}' where id = 3`);
    const result = await services.ledger.verify();
    expect(result).toMatchObject({
      ok: false,
      count: 2,
      break: { id: 3, reason: expect.stringContaining('altered') },
    });
  });

  test('verification names the event after one that was deleted behind the trigger', async () => {
    await appendSome(4);
    await behindTheTriggersBack('delete from audit_events where id = 2');
    expect(await services.ledger.verify()).toMatchObject({ ok: false, break: { id: 3 } });
  });

  test('a recorded head hash reveals events cut off the end of the chain', async () => {
    await appendSome(3);
    const before = await services.ledger.verify();
    if (!before.ok) throw new Error('chain should verify');
    await appendSome(1);
    expect(await services.ledger.verify({ expectHead: before.head })).toMatchObject({ ok: true, count: 4 });
    await behindTheTriggersBack('delete from audit_events where id >= 3');
    // The shortened chain is whole in itself; only the recorded head shows what is missing.
    expect(await services.ledger.verify()).toMatchObject({ ok: true, count: 2 });
    expect(await services.ledger.verify({ expectHead: before.head })).toMatchObject({
      ok: false,
      break: { reason: expect.stringContaining('not in the chain') },
    });
  });

  test('concurrent appends from 8 writers keep one unbroken chain', async () => {
    await Promise.all(Array.from({ length: 8 }, () => appendSome(10)));
    expect(await services.ledger.verify()).toMatchObject({ ok: true, count: 80 });
  });

  test('twenty conflicting approvals at once have exactly one winner', async () => {
    const { case: started } = await services.offboarding.startCase(
      {
        employeeEmail: 'sam.lee@example.com',
        employeeName: 'Sam Lee',
        lastDay: '2026-11-30',
        vendorIds: ['betterup'],
        source: 'webhook',
      },
      hrSystem,
    );
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, (_, index) =>
        services.offboarding.approve(started.id, hr(`UHR${1000 + index}`)),
      ),
    );
    const winners = results.filter((result) => result.status === 'fulfilled');
    const losers = results.filter((result) => result.status === 'rejected');
    expect(winners).toHaveLength(1);
    expect(losers).toHaveLength(19);
    for (const loser of losers) {
      expect((loser as PromiseRejectedResult).reason).toMatchObject({ code: 'case.already_approved' });
    }
    const approvals = await database.db
      .select()
      .from(auditEvents)
      .where(sql`${auditEvents.action} = 'case.approved'`);
    expect(approvals).toHaveLength(1);
    expect(await services.ledger.verify()).toMatchObject({ ok: true });
  });
});
