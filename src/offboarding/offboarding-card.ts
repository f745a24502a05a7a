import type { ActionsBlock, Button, KnownBlock, SectionBlock } from '@slack/types';
import type { VendorRow } from '../db/schema.js';
import { describeActor, isRemovalOverdue } from './case-lifecycle.js';
import { formatInstant } from './due-dates.js';
import type { CaseRecord } from './offboarding.repository.js';

/** Action ids shared by the card and its listeners. */
export const CardAction = {
  approve: 'approve_case',
  reject: 'reject_case',
  confirmRemoval: 'confirm_removal',
  draftRequest: 'draft_removal_request',
  manageCase: 'manage_case',
} as const;

/** Escapes text from outside (names, contacts, reasons) so Slack shows it as written. */
export const escapeMrkdwn = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export const truncate = (text: string, max: number): string =>
  text.length <= max ? text : `${text.slice(0, Math.max(0, max - 1))}…`;

const removalPathLabel: Record<string, string> = {
  customer_success: 'vendor customer success team',
  broker: 'employer partnerships team, broker or HR platform',
  hr_platform: 'HR platform',
};

export const describeRemovalPath = (vendor: Pick<VendorRow, 'removalPath'>): string =>
  removalPathLabel[vendor.removalPath] ?? vendor.removalPath;

const caseStatusLine: Record<CaseRecord['status'], string> = {
  awaiting_hr: ':hourglass_flowing_sand: Awaiting HR approval',
  approved: ':envelope_with_arrow: Approved, waiting for vendors to confirm removal',
  rejected: ':no_entry_sign: Rejected',
  cancelled: ':heavy_multiplication_x: Cancelled',
  completed: ':white_check_mark: Complete: every vendor confirmed the removal',
};

const sourceLabel: Record<string, string> = {
  slack: 'in Slack',
  webhook: 'by the HR system',
  import: 'by bulk import',
  reconcile: 'by roster reconciliation',
};

/** "by the HR system", "by <@U…> in Slack", "by bulk import". */
export const describeStart = (record: Pick<CaseRecord, 'initiatedBy' | 'source'>): string =>
  record.initiatedBy === 'api'
    ? 'by the HR system'
    : `by ${describeActor(record.initiatedBy)}${sourceLabel[record.source] && record.source !== 'webhook' ? ` ${sourceLabel[record.source]}` : ''}`;

export type CardContext = { timeZone: string; today: string };

const removalSection = (removal: CaseRecord['removals'][number], context: CardContext): SectionBlock => {
  const vendor = removal.vendor;
  const lines = [
    `*${escapeMrkdwn(truncate(vendor.name, 80))}* · ${escapeMrkdwn(truncate(vendor.benefit, 80))}`,
  ];
  switch (removal.status) {
    case 'awaiting_approval':
      lines.push(':white_circle: Removal will be requested once HR approves');
      break;
    case 'requested': {
      const overdue = isRemovalOverdue(removal, context.today);
      lines.push(
        `${overdue ? ':red_circle: *Overdue*' : ':large_yellow_circle: Waiting for the vendor'} · due ${removal.dueOn ?? 'not set'}`,
      );
      break;
    }
    case 'confirmed': {
      const evidence = removal.evidenceReference
        ? ` — ref ${escapeMrkdwn(truncate(removal.evidenceReference, 120))}, confirmed by ${escapeMrkdwn(truncate(removal.evidenceVendorContact ?? '', 120))} on ${removal.evidenceConfirmedOn}`
        : '';
      lines.push(
        `:white_check_mark: Removal confirmed by ${describeActor(removal.confirmedBy ?? 'system')}${removal.confirmedAt ? ` at ${formatInstant(removal.confirmedAt, context.timeZone)}` : ''}${evidence}`,
      );
      break;
    }
    case 'withdrawn':
      lines.push(':heavy_minus_sign: Not needed: the case was closed');
      break;
  }
  if (removal.status === 'awaiting_approval' || removal.status === 'requested') {
    lines.push(
      `Removal path: ${describeRemovalPath(vendor)} · Contact: ${vendor.contact ? escapeMrkdwn(truncate(vendor.contact, 200)) : '_not set — add it to the vendor catalog_'}`,
    );
  }
  return {
    type: 'section',
    block_id: `removal:${vendor.id}`,
    text: { type: 'mrkdwn', text: truncate(lines.join('\n'), 3000) },
  };
};

const button = (text: string, actionId: string, value: string, style?: 'primary' | 'danger'): Button => ({
  type: 'button',
  text: { type: 'plain_text', text, emoji: true },
  action_id: actionId,
  value,
  ...(style ? { style } : {}),
});

/** Renders a case's card from its stored state: the same rows always give the same card. */
export const renderOffboardingCard = (
  record: CaseRecord,
  context: CardContext,
): { text: string; blocks: KnownBlock[] } => {
  const name = escapeMrkdwn(truncate(record.employeeName, 120));
  const blocks: KnownBlock[] = [
    {
      type: 'header',
      block_id: 'header',
      text: {
        type: 'plain_text',
        text: truncate(`Offboarding: ${record.employeeName} — last day ${record.lastDay}`, 150),
      },
    },
    {
      type: 'section',
      block_id: 'summary',
      fields: [
        { type: 'mrkdwn', text: `*Employee*\n${name}\n${escapeMrkdwn(truncate(record.employeeEmail, 200))}` },
        { type: 'mrkdwn', text: `*Last day*\n${record.lastDay}` },
        { type: 'mrkdwn', text: `*Status*\n${caseStatusLine[record.status]}` },
        { type: 'mrkdwn', text: `*Started*\n${describeStart(record)}` },
      ],
    },
  ];

  if (record.status === 'rejected' || record.status === 'cancelled') {
    blocks.push({
      type: 'section',
      block_id: 'outcome',
      text: {
        type: 'mrkdwn',
        text: truncate(
          `*${record.status === 'rejected' ? 'Rejected' : 'Cancelled'}* by ${describeActor(record.decidedBy ?? 'system')}${record.decidedAt ? ` at ${formatInstant(record.decidedAt, context.timeZone)}` : ''}\n>${escapeMrkdwn(record.closedReason ?? '')}`,
          3000,
        ),
      },
    });
  } else if (record.status === 'completed') {
    blocks.push({
      type: 'section',
      block_id: 'outcome',
      text: {
        type: 'mrkdwn',
        text: `*Complete*${record.completedAt ? ` at ${formatInstant(record.completedAt, context.timeZone)}` : ''}${record.decidedBy ? ` · approved by ${describeActor(record.decidedBy)}` : ''}${record.removals.length === 0 ? ' · the employee was on no vendor roster' : ''}`,
      },
    });
  } else if (record.status === 'approved' && record.decidedBy) {
    blocks.push({
      type: 'context',
      block_id: 'approval',
      elements: [
        {
          type: 'mrkdwn',
          text: `Approved by ${describeActor(record.decidedBy)}${record.decidedAt ? ` at ${formatInstant(record.decidedAt, context.timeZone)}` : ''}`,
        },
      ],
    });
  }

  blocks.push({ type: 'divider' });
  if (record.removals.length === 0) {
    blocks.push({
      type: 'section',
      block_id: 'no-vendors',
      text: { type: 'mrkdwn', text: '_No vendor enrollment found for this employee: nothing to remove._' },
    });
  }
  for (const removal of record.removals) {
    blocks.push(removalSection(removal, context));
    if (record.status === 'approved' && removal.status === 'requested') {
      const value = `${record.id}:${removal.vendorId}`;
      blocks.push({
        type: 'actions',
        block_id: `removal-actions:${removal.vendorId}`,
        elements: [
          button('Vendor confirmed removal', CardAction.confirmRemoval, value, 'primary'),
          button('Draft removal request', CardAction.draftRequest, value),
        ],
      } satisfies ActionsBlock);
    }
  }

  const open = record.status === 'awaiting_hr' || record.status === 'approved';
  if (open) {
    const elements: ActionsBlock['elements'] = [];
    if (record.status === 'awaiting_hr') {
      elements.push(button('Approve', CardAction.approve, record.id, 'primary'));
      elements.push(button('Reject', CardAction.reject, record.id, 'danger'));
    }
    elements.push({
      type: 'overflow',
      action_id: CardAction.manageCase,
      options: [
        { text: { type: 'plain_text', text: 'Cancel offboarding…' }, value: `cancel:${record.id}` },
        { text: { type: 'plain_text', text: 'Show checklist' }, value: `checklist:${record.id}` },
      ],
    });
    blocks.push({ type: 'divider' }, { type: 'actions', block_id: 'case-actions', elements });
  }

  blocks.push({
    type: 'context',
    block_id: 'footer',
    elements: [
      {
        type: 'mrkdwn',
        text: `Case \`${record.id}\`${record.externalId ? ` · HR system id ${escapeMrkdwn(truncate(record.externalId, 100))}` : ''} · every action is recorded in the audit ledger`,
      },
    ],
  });

  return {
    text: truncate(
      `Offboarding: ${record.employeeName} (last day ${record.lastDay}) — ${record.status.replace('_', ' ')}`,
      300,
    ),
    blocks,
  };
};
