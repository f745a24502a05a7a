import { and, asc, eq, gt, gte, sql } from 'drizzle-orm';
import type { Database, Queryable } from '../db/database.js';
import { type AuditEventRow, auditEvents } from '../db/schema.js';
import { type ChainBreak, checkChainSegment, GENESIS_HASH, hashAuditEvent } from './audit-chain.js';

/** What a use case records; the ledger adds id, time, chain link and hash. */
export type AuditEventDraft = {
  actor: string;
  action: string;
  caseId?: string | null;
  vendorId?: string | null;
  fromStatus?: string | null;
  toStatus?: string | null;
  details?: Record<string, unknown>;
};

// Serialises chain appends across connections and processes; held until the transaction ends.
const CHAIN_LOCK_KEY = 0x6175_6469; // 'audi'

/** Plain JSON only: what jsonb will give back is what gets hashed. */
const toPlainJson = (details: Record<string, unknown>): Record<string, unknown> =>
  JSON.parse(JSON.stringify(details)) as Record<string, unknown>;

/** postgres.js returns rows as the result itself, PGlite as `.rows`. */
const rowsOf = <T>(result: unknown): T[] =>
  Array.isArray(result) ? (result as T[]) : ((result as { rows?: T[] }).rows ?? []);

export type AuditLedger = ReturnType<typeof createAuditLedger>;

export const createAuditLedger = ({ db }: { db: Database }) => {
  /** Appends inside the caller's transaction, so the event commits or rolls back with the state change. */
  const append = async (tx: Queryable, draft: AuditEventDraft, occurredAt: Date): Promise<AuditEventRow> => {
    await tx.execute(sql`select pg_advisory_xact_lock(${CHAIN_LOCK_KEY})`);
    // After the lock, in a new statement: its snapshot must see the head the previous holder committed.
    const [head] = rowsOf<{ prev: string | null; id: string }>(
      await tx.execute(
        sql`select (select hash from audit_events order by id desc limit 1) as prev,
                   nextval(pg_get_serial_sequence('audit_events', 'id'))::text as id`,
      ),
    );
    if (!head) throw new Error('audit_events sequence returned nothing');
    const content = {
      id: Number(head.id),
      occurredAt,
      actor: draft.actor,
      action: draft.action,
      caseId: draft.caseId ?? null,
      vendorId: draft.vendorId ?? null,
      fromStatus: draft.fromStatus ?? null,
      toStatus: draft.toStatus ?? null,
      details: toPlainJson(draft.details ?? {}),
    };
    const prevHash = head.prev ?? GENESIS_HASH;
    const [row] = await tx
      .insert(auditEvents)
      .values({ ...content, prevHash, hash: hashAuditEvent(content, prevHash) })
      .returning();
    if (!row) throw new Error('audit event was not inserted');
    return row;
  };

  /** Every event in chain order, `batchSize` rows per query, optionally from a date on. */
  async function* events(options: { since?: Date; batchSize?: number } = {}): AsyncGenerator<AuditEventRow> {
    const batchSize = options.batchSize ?? 1000;
    let afterId = 0;
    for (;;) {
      const batch = await db
        .select()
        .from(auditEvents)
        .where(
          and(
            gt(auditEvents.id, afterId),
            options.since ? gte(auditEvents.occurredAt, options.since) : undefined,
          ),
        )
        .orderBy(asc(auditEvents.id))
        .limit(batchSize);
      yield* batch;
      const lastRow = batch.at(-1);
      if (!lastRow || batch.length < batchSize) return;
      afterId = lastRow.id;
    }
  }

  /**
   * Walks the whole chain from its genesis; names the first event that does not verify. `head` is the last
   * event's hash: recorded elsewhere and passed back as `expectHead`, it also reveals events cut off the end.
   */
  const verify = async (
    options: { expectHead?: string } = {},
  ): Promise<{ ok: true; count: number; head: string } | { ok: false; count: number; break: ChainBreak }> => {
    let head = GENESIS_HASH;
    let count = 0;
    let sawExpected = options.expectHead === undefined || options.expectHead === GENESIS_HASH;
    let batch: AuditEventRow[] = [];
    const flush = () => {
      const result = checkChainSegment(batch, head);
      if (result.ok && !sawExpected) sawExpected = batch.some((event) => event.hash === options.expectHead);
      batch = [];
      if (!result.ok) return { ...result, count: count + result.count };
      head = result.head;
      count += result.count;
      return null;
    };
    for await (const event of events()) {
      batch.push(event);
      if (batch.length >= 1000) {
        const broken = flush();
        if (broken) return { ok: false, count: broken.count, break: broken.break };
      }
    }
    const broken = flush();
    if (broken) return { ok: false, count: broken.count, break: broken.break };
    if (!sawExpected) {
      return {
        ok: false,
        count,
        break: {
          id: count,
          reason: `the recorded head ${options.expectHead} is not in the chain (events were cut off its end or it was rewritten)`,
        },
      };
    }
    return { ok: true, count, head };
  };

  const eventById = async (id: number): Promise<AuditEventRow | undefined> =>
    (await db.select().from(auditEvents).where(eq(auditEvents.id, id)))[0];

  return { append, events, verify, eventById };
};
