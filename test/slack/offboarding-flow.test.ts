import { describe, expect, test } from 'vitest';
import { CardAction } from '../../src/offboarding/offboarding-card.js';
import { Field, ModalId } from '../../src/offboarding/offboarding-modals.js';
import { buttonLabels, channel, type Harness, people, useHarness } from '../support/slack-harness.js';
import { databaseTargets } from '../support/test-database.js';
import {
  auditTrail,
  buttonClickBody,
  click as clickStep,
  lastEphemeral as lastEphemeralStep,
  leaver,
  startCase as startStep,
} from './offboarding-steps.js';

describe.each(databaseTargets())('offboarding through Slack on $label', ({ open }) => {
  let harness: Harness;

  useHarness(open, (_database, startedHarness) => {
    harness = startedHarness;
  });

  const startCase = (body: Record<string, unknown> = leaver) => startStep(harness, body);
  const click = (user: string, caseId: string, actionId: string, value = caseId) =>
    clickStep(harness, user, caseId, actionId, value);
  const lastEphemeral = (user: string) => lastEphemeralStep(harness, user);

  const confirmThroughModal = async (caseId: string, vendorId: string, reference: string) => {
    await click(people.ivan.id, caseId, CardAction.confirmRemoval, `${caseId}:${vendorId}`);
    const modal = harness.standin.workspace.topView(people.ivan.id);
    expect(modal?.view.callback_id).toBe(ModalId.evidence);
    const outcome = await harness.standin.interactions.submitView({
      user: people.ivan.id,
      values: {
        [Field.reference.block]: { [Field.reference.action]: reference },
        [Field.vendorContact.block]: { [Field.vendorContact.action]: 'Jamie, customer success' },
        [Field.confirmedOn.block]: { [Field.confirmedOn.action]: '2026-11-24' },
      },
    });
    expect(outcome.result).toBe('closed');
    await harness.settle();
  };

  test('webhook → card → HR approval → three confirmations through the modal completes the case', async () => {
    const caseId = await startCase();
    let card = await harness.card(caseId);
    expect(buttonLabels(card.blocks)).toEqual(['Approve', 'Reject']);
    expect(card.replies).toEqual([expect.stringContaining('Started by the HR system')]);

    await click(people.harriet.id, caseId, CardAction.approve);
    card = await harness.card(caseId);
    expect(buttonLabels(card.blocks)).toEqual([
      'Vendor confirmed removal',
      'Draft removal request',
      'Vendor confirmed removal',
      'Draft removal request',
      'Vendor confirmed removal',
      'Draft removal request',
    ]);
    expect(card.replies.at(-1)).toMatch(new RegExp(`^Approved by <@${people.harriet.id}>`));

    await confirmThroughModal(caseId, 'one-medical', 'OM-12345');
    card = await harness.card(caseId);
    expect(buttonLabels(card.blocks).filter((label) => label === 'Vendor confirmed removal')).toHaveLength(2);
    expect(card.replies.at(-1)).toBe(
      `One Medical removal confirmed by <@${people.ivan.id}> — ref OM-12345 (vendor: Jamie, customer success)`,
    );
    await confirmThroughModal(caseId, 'spring-health', 'SH-1');
    await confirmThroughModal(caseId, 'betterup', 'BU-2');

    card = await harness.card(caseId);
    expect(buttonLabels(card.blocks)).toEqual([]);
    expect(JSON.stringify(card.blocks)).toContain('Complete');
    expect(card.replies).toHaveLength(5);
    expect(card.replies.at(-1)).toContain('offboarding complete');
    expect((await harness.services.offboarding.getCase(caseId))?.status).toBe('completed');

    // The card was edited in place: one message in the channel, updated with chat.update at the same ts.
    expect(harness.standin.workspace.messages(channel)).toHaveLength(1);
    const updates = harness.standin.webApi.calls('chat.update');
    expect(updates.length).toBeGreaterThanOrEqual(4);
    expect(new Set(updates.map((call) => call.args.ts))).toEqual(new Set([card.ts]));

    const trail = [];
    for await (const event of harness.services.ledger.events()) trail.push(event.action);
    expect(trail).toEqual([
      'case.started',
      'case.approved',
      'removal.confirmed',
      'removal.confirmed',
      'removal.confirmed',
    ]);
    expect(await harness.services.ledger.verify()).toMatchObject({ ok: true, count: 5 });
  });

  test('the evidence modal refuses missing fields with errors on the fields and records nothing', async () => {
    const caseId = await startCase();
    await click(people.harriet.id, caseId, CardAction.approve);
    await click(people.ivan.id, caseId, CardAction.confirmRemoval, `${caseId}:betterup`);
    const outcome = await harness.standin.interactions.submitView({
      user: people.ivan.id,
      values: {
        [Field.reference.block]: { [Field.reference.action]: '   ' },
        [Field.vendorContact.block]: { [Field.vendorContact.action]: 'Jamie' },
        [Field.confirmedOn.block]: { [Field.confirmedOn.action]: '2999-01-01' },
      },
    });
    expect(outcome.result).toBe('errors');
    expect(Object.keys(outcome.errors).sort()).toEqual(
      [Field.confirmedOn.block, Field.reference.block].sort(),
    );
    const record = await harness.services.offboarding.getCase(caseId);
    expect(record?.removals.every((removal) => removal.status === 'requested')).toBe(true);
  });

  test('Reject asks for a reason in a modal and closes the case with it', async () => {
    const caseId = await startCase();
    await click(people.hugo.id, caseId, CardAction.reject);
    const blank = await harness.standin.interactions.submitView({
      user: people.hugo.id,
      values: { [Field.reason.block]: { [Field.reason.action]: '' } },
    });
    expect(['errors', 'not_sent']).toContain(blank.result);
    const outcome = await harness.standin.interactions.submitView({
      user: people.hugo.id,
      values: { [Field.reason.block]: { [Field.reason.action]: 'Resignation withdrawn' } },
    });
    expect(outcome.result).toBe('closed');
    await harness.settle();
    const card = await harness.card(caseId);
    expect(buttonLabels(card.blocks)).toEqual([]);
    expect(card.replies.at(-1)).toBe(`Rejected by <@${people.hugo.id}>: Resignation withdrawn`);
  });

  test('a click by someone without the role changes nothing, says who may, and is audited as denied', async () => {
    const caseId = await startCase();
    await click(people.nora.id, caseId, CardAction.approve);
    expect(lastEphemeral(people.nora.id)).toContain('Only HR approvers may approve');
    expect(lastEphemeral(people.nora.id)).toContain('<!subteam^S0HRTEAM01>');
    await click(people.ivan.id, caseId, CardAction.approve);
    expect(lastEphemeral(people.ivan.id)).toContain('Only HR approvers');

    await click(people.harriet.id, caseId, CardAction.approve);
    await click(people.harriet.id, caseId, CardAction.confirmRemoval, `${caseId}:betterup`);
    expect(lastEphemeral(people.harriet.id)).toContain(
      `Only IT confirmers may record a vendor removal. They are: <@${people.ivan.id}>`,
    );
    expect(harness.standin.workspace.topView(people.harriet.id)).toBeUndefined();

    const actions = [];
    for await (const event of harness.services.ledger.events())
      actions.push(`${event.action}:${event.actor}`);
    expect(actions).toEqual([
      'case.started:api',
      `access.denied:${people.nora.id}`,
      `access.denied:${people.ivan.id}`,
      `case.approved:${people.harriet.id}`,
      `access.denied:${people.harriet.id}`,
    ]);
  });

  test('a click on something already done changes nothing and says who did it and when', async () => {
    const caseId = await startCase();
    await click(people.harriet.id, caseId, CardAction.approve);
    // A stale card: Hugo clicks Approve from the version he still sees.
    await harness.standin.interactions.sendSigned(
      `payload=${encodeURIComponent(
        JSON.stringify({
          type: 'block_actions',
          user: { id: people.hugo.id },
          team: { id: 'T0SANDBOX' },
          channel: { id: channel },
          trigger_id: '1.2.3',
          actions: [
            {
              type: 'button',
              action_id: CardAction.approve,
              block_id: 'case-actions',
              value: caseId,
              action_ts: '1',
            },
          ],
        }),
      )}`,
    );
    await harness.settle();
    expect(lastEphemeral(people.hugo.id)).toMatch(
      new RegExp(`already approved by <@${people.harriet.id}> at \\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2} UTC`),
    );
    const approvals = [];
    for await (const event of harness.services.ledger.events())
      if (event.action === 'case.approved') approvals.push(event);
    expect(approvals).toHaveLength(1);
  });

  test('a replayed request, byte for byte with the same signature, changes nothing the second time', async () => {
    const caseId = await startCase();
    const body = buttonClickBody(harness, {
      user: people.harriet.id,
      actionId: CardAction.approve,
      value: caseId,
    });
    const timestamp = Math.floor(Date.now() / 1000);
    const first = await harness.standin.interactions.sendSigned(body, timestamp);
    const replay = await harness.standin.interactions.sendSigned(body, timestamp);
    expect([first.status, replay.status]).toEqual([200, 200]);
    await harness.settle();
    expect((await auditTrail(harness)).filter((entry) => entry.startsWith('case.approved'))).toHaveLength(1);
    expect(lastEphemeral(people.harriet.id)).toContain(`already approved by <@${people.harriet.id}>`);
  });

  test('a double submission of the evidence modal records the confirmation once', async () => {
    const caseId = await startCase();
    await click(people.harriet.id, caseId, CardAction.approve);
    await click(people.ivan.id, caseId, CardAction.confirmRemoval, `${caseId}:betterup`);
    const view = harness.standin.workspace.topView(people.ivan.id)?.view;
    if (!view) throw new Error('no modal');
    const payload = {
      type: 'view_submission',
      user: { id: people.ivan.id },
      team: { id: harness.standin.workspace.team.id },
      view: {
        ...view,
        state: {
          values: {
            [Field.reference.block]: {
              [Field.reference.action]: { type: 'plain_text_input', value: 'BU-1' },
            },
            [Field.vendorContact.block]: {
              [Field.vendorContact.action]: { type: 'plain_text_input', value: 'Sam' },
            },
            [Field.confirmedOn.block]: {
              [Field.confirmedOn.action]: { type: 'datepicker', selected_date: '2026-11-20' },
            },
          },
        },
      },
    };
    const body = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
    const answers = await Promise.all([
      harness.standin.interactions.sendSigned(body),
      harness.standin.interactions.sendSigned(body),
    ]);
    await harness.settle();
    expect(answers.map((answer) => answer.status)).toEqual([200, 200]);
    // One closes the modal; the other is told on the form that it was already recorded.
    expect(answers.filter((answer) => answer.body.includes('already confirmed'))).toHaveLength(1);
    expect((await auditTrail(harness)).filter((entry) => entry.startsWith('removal.confirmed'))).toHaveLength(
      1,
    );
  });

  test('twenty concurrent Approve clicks make one approval; the others are told who approved', async () => {
    const caseId = await startCase();
    const card = await harness.card(caseId);
    const alreadyTold = (user: string) =>
      harness.standin.workspace
        .ephemeralsFor(user)
        .filter((message) => message.text.includes('already approved by'));
    const before = alreadyTold(people.harriet.id).length + alreadyTold(people.hugo.id).length;
    const clickers = Array.from({ length: 20 }, (_, index) =>
      index % 2 === 0 ? people.harriet.id : people.hugo.id,
    );
    const outcomes = await Promise.all(
      clickers.map((user) =>
        harness.standin.interactions.clickButton({
          user,
          source: { type: 'message', ts: card.ts, channel },
          actionId: CardAction.approve,
          value: caseId,
        }),
      ),
    );
    expect(outcomes.every((outcome) => outcome.status === 200 && outcome.withinAckDeadline)).toBe(true);
    await harness.settle();
    const approvals = [];
    for await (const event of harness.services.ledger.events())
      if (event.action === 'case.approved') approvals.push(event);
    expect(approvals).toHaveLength(1);
    const told = alreadyTold(people.harriet.id).length + alreadyTold(people.hugo.id).length - before;
    expect(told).toBe(19);
    expect(
      (await harness.card(caseId)).replies.filter((reply) => reply.startsWith('Approved by')),
    ).toHaveLength(1);
  });
});
