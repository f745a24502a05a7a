import { and, asc, eq, isNotNull, ne, sql } from 'drizzle-orm';
import type { Database } from '../db/database.js';
import { auditEvents, offboardingCases } from '../db/schema.js';
import type { CardOutbox } from '../notifications/card-outbox.js';

/**
 * The sandbox's Slack lives in memory, so after a restart its channel is empty: the cards are posted again from
 * the database and their threads rebuilt from the audit ledger, through the same outbox as any change.
 */
export const createSandboxRepository = ({ db, outbox }: { db: Database; outbox: CardOutbox }) => ({
  caseCount: async (): Promise<number> =>
    (await db.select({ n: sql<number>`count(*)::int` }).from(offboardingCases))[0]?.n ?? 0,

  replayChannel: async (now: Date): Promise<number> => {
    const cases = await db
      .select({ id: offboardingCases.id })
      .from(offboardingCases)
      .orderBy(asc(offboardingCases.createdAt));
    await db.transaction(async (tx) => {
      await tx.update(offboardingCases).set({ slackChannel: null, slackTs: null });
      for (const { id } of cases) {
        const events = await tx
          .select({ id: auditEvents.id })
          .from(auditEvents)
          .where(
            and(
              eq(auditEvents.caseId, id),
              isNotNull(auditEvents.caseId),
              ne(auditEvents.action, 'access.denied'),
            ),
          )
          .orderBy(asc(auditEvents.id));
        await outbox.enqueue(
          tx,
          id,
          [
            { kind: 'card.refresh' },
            ...events.map((event) => ({ kind: 'thread.note' as const, auditEventId: event.id })),
          ],
          now,
        );
      }
    });
    return cases.length;
  },
});
