import type { KnownBlock, ModalView, PlainTextOption } from '@slack/types';
import type { VendorRow } from '../db/schema.js';
import { escapeMrkdwn, truncate } from './offboarding-card.js';

/** Callback ids, block ids and action ids shared by the modals and their listeners. */
export const ModalId = {
  reject: 'reject_case_modal',
  cancel: 'cancel_case_modal',
  evidence: 'confirm_removal_modal',
  start: 'start_offboarding_modal',
} as const;

export const Field = {
  reason: { block: 'reason', action: 'reason_input' },
  reference: { block: 'reference', action: 'reference_input' },
  vendorContact: { block: 'vendor_contact', action: 'vendor_contact_input' },
  confirmedOn: { block: 'confirmed_on', action: 'confirmed_on_input' },
  note: { block: 'note', action: 'note_input' },
  email: { block: 'email', action: 'email_input' },
  name: { block: 'name', action: 'name_input' },
  lastDay: { block: 'last_day', action: 'last_day_input' },
  vendors: { block: 'vendors', action: 'vendors_input' },
} as const;

const plain = (text: string) => ({ type: 'plain_text' as const, text, emoji: true });

const textInput = (
  field: { block: string; action: string },
  label: string,
  options: {
    multiline?: boolean;
    maxLength?: number;
    optional?: boolean;
    hint?: string;
    initial?: string;
  } = {},
): KnownBlock => ({
  type: 'input',
  block_id: field.block,
  label: plain(label),
  optional: options.optional ?? false,
  ...(options.hint ? { hint: plain(options.hint) } : {}),
  element: {
    type: 'plain_text_input',
    action_id: field.action,
    multiline: options.multiline ?? false,
    max_length: options.maxLength ?? 300,
    ...(options.initial ? { initial_value: options.initial } : {}),
  },
});

const modal = (
  callbackId: string,
  title: string,
  submit: string,
  metadata: string,
  blocks: KnownBlock[],
): ModalView => ({
  type: 'modal',
  callback_id: callbackId,
  title: plain(truncate(title, 24)),
  submit: plain(submit),
  close: plain('Cancel'),
  private_metadata: metadata,
  blocks,
});

export const reasonModal = (kind: 'reject' | 'cancel', caseId: string, employeeName: string): ModalView =>
  modal(
    kind === 'reject' ? ModalId.reject : ModalId.cancel,
    kind === 'reject' ? 'Reject offboarding' : 'Cancel offboarding',
    kind === 'reject' ? 'Reject' : 'Cancel case',
    caseId,
    [
      {
        type: 'section',
        text: {
          type: 'mrkdwn',
          text: `${kind === 'reject' ? 'Reject' : 'Cancel'} the offboarding of *${escapeMrkdwn(truncate(employeeName, 200))}*. The reason goes on the card and into the audit ledger.`,
        },
      },
      textInput(Field.reason, 'Reason', { multiline: true, maxLength: 1000 }),
    ],
  );

export const evidenceModal = (input: {
  caseId: string;
  vendor: Pick<VendorRow, 'id' | 'name'>;
  employeeName: string;
  today: string;
}): ModalView =>
  modal(ModalId.evidence, 'Vendor confirmation', 'Record removal', `${input.caseId}:${input.vendor.id}`, [
    {
      type: 'section',
      text: {
        type: 'mrkdwn',
        text: `Record that *${escapeMrkdwn(truncate(input.vendor.name, 80))}* confirmed it removed *${escapeMrkdwn(truncate(input.employeeName, 200))}*. Auditors will see this evidence.`,
      },
    },
    textInput(Field.reference, "Vendor's reference or ticket", {
      maxLength: 200,
      hint: 'e.g. the case number in their reply',
    }),
    textInput(Field.vendorContact, 'Who at the vendor confirmed', { maxLength: 200 }),
    {
      type: 'input',
      block_id: Field.confirmedOn.block,
      label: plain('Date the vendor confirmed'),
      element: { type: 'datepicker', action_id: Field.confirmedOn.action, initial_date: input.today },
    },
    textInput(Field.note, 'Note', { multiline: true, maxLength: 1000, optional: true }),
  ]);

export const startCaseModal = (input: {
  vendors: Pick<VendorRow, 'id' | 'name' | 'benefit'>[];
  preselected: string[];
  email?: string;
}): ModalView => {
  const options: PlainTextOption[] = input.vendors.slice(0, 10).map((vendor) => ({
    text: plain(truncate(`${vendor.name} (${vendor.benefit})`, 75)),
    value: vendor.id,
  }));
  const initial = options.filter((option) => input.preselected.includes(option.value ?? ''));
  return modal(ModalId.start, 'Start offboarding', 'Start', '', [
    textInput(Field.email, 'Work email', {
      maxLength: 254,
      ...(input.email ? { initial: input.email } : {}),
    }),
    textInput(Field.name, 'Full name', { maxLength: 200 }),
    {
      type: 'input',
      block_id: Field.lastDay.block,
      label: plain('Last day'),
      element: { type: 'datepicker', action_id: Field.lastDay.action },
    },
    {
      type: 'input',
      block_id: Field.vendors.block,
      label: plain('Vendors to remove them from'),
      optional: true,
      hint: plain(
        input.preselected.length > 0
          ? 'Ticked: the vendors whose rosters list this email.'
          : 'Leave all unticked to use the vendor rosters.',
      ),
      element: {
        type: 'checkboxes',
        action_id: Field.vendors.action,
        options,
        ...(initial.length > 0 ? { initial_options: initial } : {}),
      },
    },
  ]);
};
