import type { KnownBlock } from '@slack/types';
import type { CaseRecord } from './offboarding.repository.js';
import { describeRemovalPath, escapeMrkdwn, truncate } from './offboarding-card.js';

/**
 * A ready-to-send request to the vendor's contact: the employee's details, what we need the vendor to do,
 * and the checklist the vendor guides insist on (integrations and credentials, not only the login).
 */
export const draftRemovalRequest = (
  record: CaseRecord,
  vendorId: string,
): { text: string; blocks: KnownBlock[] } | undefined => {
  const removal = record.removals.find((candidate) => candidate.vendorId === vendorId);
  if (!removal) return undefined;
  const vendor = removal.vendor;
  const letter = [
    `To: ${vendor.contact ?? `[${vendor.name} contact: not set in the vendor catalog]`}`,
    `Subject: Please remove ${record.employeeName} from ${vendor.name} (employer offboarding)`,
    '',
    `Hello ${vendor.name} team,`,
    '',
    `${record.employeeName} (${record.employeeEmail}) leaves us on ${record.lastDay}. Please end their ${vendor.benefit.toLowerCase()} eligibility and membership from that date and free the seat.`,
    '',
    'Please reply with:',
    '1. your reference or ticket number for this removal;',
    '2. whether the account is disabled or deleted;',
    '3. the date the seat stops being billed.',
    '',
    `Our agreed turnaround is ${vendor.slaBusinessDays} business days${removal.dueOn ? ` (by ${removal.dueOn})` : ''}.`,
    '',
    'Thank you,',
  ].join('\n');
  const checklist = vendor.checklist.map((item) => `• ${escapeMrkdwn(item)}`).join('\n');
  return {
    text: `Draft removal request for ${vendor.name}`,
    blocks: [
      {
        type: 'section',
        text: {
          type: 'mrkdwn',
          text: truncate(
            `*Draft removal request for ${escapeMrkdwn(vendor.name)}* — send it via the ${describeRemovalPath(vendor)}. Only you can see this.`,
            3000,
          ),
        },
      },
      {
        type: 'section',
        text: { type: 'mrkdwn', text: truncate(`\`\`\`${escapeMrkdwn(letter)}\`\`\``, 3000) },
      },
      { type: 'section', text: { type: 'mrkdwn', text: truncate(`*Checklist*\n${checklist}`, 3000) } },
      {
        type: 'context',
        elements: [
          {
            type: 'mrkdwn',
            text: 'When the vendor confirms, click *Vendor confirmed removal* on the card and record their reference.',
          },
        ],
      },
    ],
  };
};
