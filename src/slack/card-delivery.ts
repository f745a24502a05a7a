import type { WebClient } from '@slack/web-api';
import { businessDate } from '../offboarding/due-dates.js';
import { renderOffboardingCard } from '../offboarding/offboarding-card.js';
import { renderThreadNote } from '../offboarding/thread-notes.js';
import type { Services } from '../services.js';
import type { Logger } from '../shared/logger.js';

export type DeliveryOptions = {
  /** Minimum gap between chat.postMessage calls to the channel (Slack allows about one a second). */
  postIntervalMs?: number;
  /** First retry delay after Slack fails; doubles per attempt up to `maxRetryDelayMs`. */
  retryDelayMs?: number;
  maxRetryDelayMs?: number;
  /** How often pending work is looked for even without a kick. */
  pollIntervalMs?: number;
};

// Slack answers these when the card is gone: post a fresh one rather than retry forever.
const CARD_GONE = new Set(['message_not_found', 'cant_update_message', 'channel_not_found', 'is_archived']);

const slackErrorCode = (error: unknown): string | undefined =>
  (error as { data?: { error?: string } }).data?.error;

/**
 * Delivers the Slack outbox after commit: posts or re-renders each card from the database and replies in its
 * thread, in order per case. A failure leaves the item pending with a backoff, so nothing is lost to a Slack
 * outage or a restart; 429s are retried by @slack/web-api itself, honouring Retry-After.
 */
export const createCardDelivery = (deps: {
  services: Services;
  client: WebClient;
  channel: string;
  logger: Logger;
  options?: DeliveryOptions;
}) => {
  const { services, client, channel, logger } = deps;
  const postInterval = deps.options?.postIntervalMs ?? 1100;
  const retryDelay = deps.options?.retryDelayMs ?? 2000;
  const maxRetryDelay = deps.options?.maxRetryDelayMs ?? 5 * 60_000;
  const pollInterval = deps.options?.pollIntervalMs ?? 5000;
  let lastPostAt = 0;
  let running: Promise<void> | null = null;
  let again = false;
  let timer: NodeJS.Timeout | null = null;
  let stopped = false;

  const paced = async () => {
    const wait = lastPostAt + postInterval - Date.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    lastPostAt = Date.now();
  };

  const vendorNames = async () => {
    const vendors = await services.vendors.listActive();
    return (id: string) => vendors.find((vendor) => vendor.id === id)?.name ?? id;
  };

  const postCard = async (caseId: string, card: ReturnType<typeof renderOffboardingCard>) => {
    await paced();
    const posted = await client.chat.postMessage({
      channel,
      text: card.text,
      blocks: card.blocks,
      unfurl_links: false,
    });
    if (!posted.ts) throw new Error('chat.postMessage returned no ts');
    await services.cases.setCardLocation(caseId, posted.channel ?? channel, posted.ts);
    logger.info({ caseId, ts: posted.ts }, 'card posted');
  };

  const refreshCard = async (caseId: string) => {
    const record = await services.cases.getCase(caseId);
    if (!record) return;
    const card = renderOffboardingCard(record, {
      timeZone: services.timeZone,
      today: businessDate(services.clock(), services.timeZone),
    });
    if (!record.slackTs || !record.slackChannel) return postCard(caseId, card);
    try {
      await client.chat.update({
        channel: record.slackChannel,
        ts: record.slackTs,
        text: card.text,
        blocks: card.blocks,
      });
    } catch (error) {
      if (!CARD_GONE.has(slackErrorCode(error) ?? '')) throw error;
      logger.warn({ caseId, error: slackErrorCode(error) }, 'card gone from Slack; posting it again');
      await postCard(caseId, card);
    }
  };

  /** Returns false when the card is not posted yet, so the note waits for it. */
  const postThreadNote = async (caseId: string, auditEventId: number, names: (id: string) => string) => {
    const record = await services.cases.getCase(caseId);
    if (!record) return true;
    if (!record.slackTs || !record.slackChannel) return false;
    const event = await services.ledger.eventById(auditEventId);
    if (!event) return true;
    await paced();
    await client.chat.postMessage({
      channel: record.slackChannel,
      thread_ts: record.slackTs,
      text: renderThreadNote(event, names),
      unfurl_links: false,
    });
    return true;
  };

  const drainOnce = async () => {
    const due = await services.outbox.due(services.clock());
    if (due.length === 0) return;
    const names = await vendorNames();
    const blockedCases = new Set<string>();
    const refreshed = new Set<string>();
    for (const item of due) {
      if (stopped) return;
      const caseId = item.caseId ?? '';
      if (blockedCases.has(caseId)) continue;
      try {
        if (item.kind === 'card.refresh') {
          // One render shows every change so far: later refreshes of the same case in this batch are free.
          if (!refreshed.has(caseId)) await refreshCard(caseId);
          refreshed.add(caseId);
        } else if (item.kind === 'thread.note') {
          const delivered = await postThreadNote(caseId, Number(item.payload.auditEventId), names);
          if (!delivered) {
            blockedCases.add(caseId);
            continue;
          }
        }
        await services.outbox.markDone([item.id], services.clock());
      } catch (error) {
        blockedCases.add(caseId);
        const delay = Math.min(retryDelay * 2 ** item.attempts, maxRetryDelay);
        const message = slackErrorCode(error) ?? (error as Error).message;
        logger.warn(
          { caseId, outboxId: item.id, attempts: item.attempts + 1, error: message },
          'Slack delivery failed; will retry',
        );
        await services.outbox.markFailed(item.id, message, new Date(services.clock().getTime() + delay));
      }
    }
  };

  const drain = async (): Promise<void> => {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      try {
        do {
          again = false;
          await drainOnce();
        } while (again && !stopped);
      } catch (error) {
        logger.error({ err: (error as Error).message }, 'card delivery failed');
      } finally {
        running = null;
      }
    })();
    return running;
  };

  return {
    /** Deliver what is due now (after a command committed). Resolves when this pass is done. */
    kick: () => drain(),
    start: () => {
      stopped = false;
      timer = setInterval(() => void drain(), pollInterval);
      timer.unref();
      void drain();
    },
    stop: async () => {
      stopped = true;
      if (timer) clearInterval(timer);
      await running;
    },
  };
};

export type CardDelivery = ReturnType<typeof createCardDelivery>;
