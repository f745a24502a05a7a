import { and, asc, eq, gt, inArray, isNull, lt, lte, notExists, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Database, Queryable } from '../db/database.js';
import { type SlackOutboxRow, slackOutbox } from '../db/schema.js';

/**
 * Slack work written in the same transaction as the state change it reports, and delivered after commit:
 * `card.refresh` re-renders (or first posts) the case's card; `thread.note` replies in its thread about an audit event.
 */
export type OutboxItem = { kind: 'card.refresh' } | { kind: 'thread.note'; auditEventId: number };

export type CardOutbox = ReturnType<typeof createCardOutbox>;

export const createCardOutbox = ({ db }: { db: Database }) => ({
  enqueue: async (tx: Queryable, caseId: string, items: OutboxItem[], now: Date) => {
    if (items.length === 0) return;
    await tx
      .insert(slackOutbox)
      .values(
        items.map(({ kind, ...payload }) => ({ caseId, kind, payload, notBefore: now, createdAt: now })),
      );
  },

  /**
   * Pending items that are due, oldest first — but nothing of a case while an earlier item of that case waits
   * for its retry: a thread line must not announce a change its card does not show yet.
   */
  due: (now: Date, limit = 100): Promise<SlackOutboxRow[]> => {
    const earlier = alias(slackOutbox, 'earlier');
    return db
      .select()
      .from(slackOutbox)
      .where(
        and(
          isNull(slackOutbox.doneAt),
          lte(slackOutbox.notBefore, now),
          notExists(
            db
              .select({ id: earlier.id })
              .from(earlier)
              .where(
                and(
                  eq(earlier.caseId, slackOutbox.caseId),
                  isNull(earlier.doneAt),
                  lt(earlier.id, slackOutbox.id),
                  gt(earlier.notBefore, now),
                ),
              ),
          ),
        ),
      )
      .orderBy(asc(slackOutbox.id))
      .limit(limit);
  },

  markDone: async (ids: number[], now: Date) => {
    if (ids.length === 0) return;
    await db.update(slackOutbox).set({ doneAt: now }).where(inArray(slackOutbox.id, ids));
  },

  markFailed: async (id: number, error: string, retryAt: Date) => {
    await db
      .update(slackOutbox)
      .set({ attempts: sql`${slackOutbox.attempts} + 1`, lastError: error.slice(0, 500), notBefore: retryAt })
      .where(eq(slackOutbox.id, id));
  },

  pendingCount: async (): Promise<number> => {
    const [row] = await db
      .select({ count: sql<number>`count(*)::int` })
      .from(slackOutbox)
      .where(isNull(slackOutbox.doneAt));
    return row?.count ?? 0;
  },
});
