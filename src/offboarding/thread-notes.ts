import type { AuditEventRow } from '../db/schema.js';
import { describeActor } from './case-lifecycle.js';
import { describeStart, escapeMrkdwn, truncate } from './offboarding-card.js';

/** The one line posted in a card's thread for an audit event: who did what. */
export const renderThreadNote = (event: AuditEventRow, vendorName: (vendorId: string) => string): string => {
  const who = describeActor(event.actor);
  const details = event.details as Record<string, unknown>;
  const reason = typeof details.reason === 'string' ? `: ${escapeMrkdwn(truncate(details.reason, 500))}` : '';
  switch (event.action) {
    case 'case.started': {
      const vendors = Array.isArray(details.vendors) ? (details.vendors as string[]).map(vendorName) : [];
      return `Started ${describeStart({ initiatedBy: event.actor, source: String(details.source) })} — vendors: ${vendors.length > 0 ? vendors.join(', ') : 'none on any roster'}`;
    }
    case 'case.approved': {
      const requested = Array.isArray(details.requested)
        ? (details.requested as { vendorId: string; dueOn: string }[])
        : [];
      return requested.length > 0
        ? `Approved by ${who} — removal requested at ${requested.map((r) => `${vendorName(r.vendorId)} (due ${r.dueOn})`).join(', ')}`
        : `Approved by ${who} — nothing to remove, case complete`;
    }
    case 'case.rejected':
      return `Rejected by ${who}${reason}`;
    case 'case.cancelled':
      return `Cancelled by ${who}${reason}`;
    case 'case.reopened':
      return `Reopened by ${who}${reason}`;
    case 'removal.confirmed': {
      const evidence = (details.evidence ?? {}) as { reference?: string; vendorContact?: string };
      const completed = (details.caseStatus as { to?: string } | undefined)?.to === 'completed';
      return `${vendorName(event.vendorId ?? '')} removal confirmed by ${who} — ref ${escapeMrkdwn(truncate(evidence.reference ?? '', 120))}${evidence.vendorContact ? ` (vendor: ${escapeMrkdwn(truncate(evidence.vendorContact, 120))})` : ''}${completed ? '\n:white_check_mark: Every vendor confirmed: offboarding complete.' : ''}`;
    }
    default:
      return `${event.action} by ${who}`;
  }
};
