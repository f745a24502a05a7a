import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';

/** The hash that stands before the first event of the chain. */
export const GENESIS_HASH = '0'.repeat(64);

/** The content of an audit event that its hash covers. */
export type AuditEventContent = {
  id: number;
  occurredAt: Date;
  actor: string;
  action: string;
  caseId: string | null;
  vendorId: string | null;
  fromStatus: string | null;
  toStatus: string | null;
  details: Record<string, unknown>;
};

/** SHA-256 over the RFC 8785 canonical JSON of the event's content and the previous event's hash. */
export const hashAuditEvent = (event: AuditEventContent, prevHash: string): string => {
  const canonical = canonicalize({
    id: event.id,
    occurredAt: event.occurredAt.toISOString(),
    actor: event.actor,
    action: event.action,
    caseId: event.caseId,
    vendorId: event.vendorId,
    fromStatus: event.fromStatus,
    toStatus: event.toStatus,
    details: event.details,
    prevHash,
  });
  if (canonical === undefined) throw new Error('audit event cannot be serialised');
  return createHash('sha256').update(canonical).digest('hex');
};

export type ChainBreak = { id: number; reason: string };

/** Checks events in id order, carrying the chain head between batches; returns the first break or the new head. */
export const checkChainSegment = (
  events: Iterable<AuditEventContent & { prevHash: string; hash: string }>,
  head: string,
): { ok: true; head: string; count: number } | { ok: false; count: number; break: ChainBreak } => {
  let previous = head;
  let count = 0;
  for (const event of events) {
    if (event.prevHash !== previous) {
      return {
        ok: false,
        count,
        break: {
          id: event.id,
          reason: 'its prev_hash does not match the event before it (an event was removed or reordered)',
        },
      };
    }
    if (hashAuditEvent(event, event.prevHash) !== event.hash) {
      return {
        ok: false,
        count,
        break: { id: event.id, reason: 'its content does not match its hash (the event was altered)' },
      };
    }
    previous = event.hash;
    count += 1;
  }
  return { ok: true, head: previous, count };
};
