import { beforeEach, describe, expect, test } from 'vitest';
import { COMMAND_START, SHORTCUT_START } from '../../src/offboarding/offboarding.listeners.js';
import { CardAction } from '../../src/offboarding/offboarding-card.js';
import { Field, ModalId } from '../../src/offboarding/offboarding-modals.js';
import { buttonLabels, channel, type Harness, people, useHarness } from '../support/slack-harness.js';
import { databaseTargets, type TestDatabase } from '../support/test-database.js';
import { auditTrail, caseIds, click, lastEphemeral, rowCounts, startCase } from './offboarding-steps.js';

const hrOnly = `Only HR approvers may start an offboarding. They are: <!subteam^S0HRTEAM01>.`;

describe.each(databaseTargets())('starting and handling cases from Slack on $label', ({ open }) => {
  let _database: TestDatabase;
  let harness: Harness;

  useHarness(open, (openedDatabase, startedHarness) => {
    _database = openedDatabase;
    harness = startedHarness;
  });
  beforeEach(async () => {
    for (const person of Object.values(people)) harness.standin.workspace.clearViews(person.id);
  });

  const startModal = (user: string) => {
    const modal = harness.standin.workspace.topView(user);
    expect(modal?.view.callback_id).toBe(ModalId.start);
    return modal;
  };

  const slashStart = async (user: string, text = '') => {
    const outcome = await harness.standin.interactions.runSlashCommand({
      user,
      command: COMMAND_START,
      text,
    });
    expect(outcome.status).toBe(200);
    expect(outcome.withinAckDeadline).toBe(true);
    await harness.settle();
    return outcome;
  };

  /** The start modal filled in and submitted; vendors left as the modal offered them unless given. */
  const submitStart = (
    user: string,
    fields: { email: string; name: string; lastDay: string | null; vendors?: string[] },
  ) =>
    harness.standin.interactions.submitView({
      user,
      values: {
        [Field.email.block]: { [Field.email.action]: fields.email },
        [Field.name.block]: { [Field.name.action]: fields.name },
        [Field.lastDay.block]: { [Field.lastDay.action]: fields.lastDay },
        ...(fields.vendors ? { [Field.vendors.block]: { [Field.vendors.action]: fields.vendors } } : {}),
      },
    });

  const seedRoster = (email: string, vendorIds: string[]) =>
    harness.services.db.transaction(async (tx) => {
      for (const vendorId of vendorIds)
        await harness.services.roster.replace(tx, vendorId, [{ email }], new Date());
    });

  test('/benefits-offboard by HR opens the start modal, acknowledged without a message', async () => {
    const outcome = await slashStart(people.harriet.id);
    expect(outcome.shown).toBe('nothing');
    const modal = startModal(people.harriet.id);
    const checkboxes = JSON.stringify(modal?.view.blocks);
    for (const vendor of ['BetterUp', 'One Medical', 'Spring Health']) expect(checkboxes).toContain(vendor);
    expect(checkboxes).not.toContain('initial_options');
  });

  test('/benefits-offboard with an email on a roster pre-fills the email and pre-ticks that person’s vendors', async () => {
    await seedRoster('sam.lee@example.com', ['betterup', 'one-medical']);
    await slashStart(people.hugo.id, '  Sam.Lee@example.com ');
    const modal = startModal(people.hugo.id);
    const blocks = (modal?.view.blocks ?? []) as unknown as {
      block_id: string;
      element: Record<string, unknown>;
    }[];
    const email = blocks.find((block) => block.block_id === Field.email.block);
    expect(email?.element.initial_value).toBe('sam.lee@example.com');
    const vendors = blocks.find((block) => block.block_id === Field.vendors.block);
    const ticked = ((vendors?.element.initial_options ?? []) as { value: string }[]).map(
      (option) => option.value,
    );
    expect(ticked.sort()).toEqual(['betterup', 'one-medical']);
  });

  test('submitting the start modal starts a case through the same use case: card posted, source slack', async () => {
    await seedRoster('sam.lee@example.com', ['betterup', 'one-medical']);
    await slashStart(people.harriet.id, 'sam.lee@example.com');
    const outcome = await submitStart(people.harriet.id, {
      email: 'sam.lee@example.com',
      name: 'Sam Lee',
      lastDay: '2026-12-04',
    });
    expect(outcome.result).toBe('closed');
    await harness.settle();

    const [caseId = ''] = await caseIds(harness);
    const record = await harness.services.offboarding.getCase(caseId);
    expect(record).toMatchObject({
      employeeEmail: 'sam.lee@example.com',
      employeeName: 'Sam Lee',
      lastDay: '2026-12-04',
      source: 'slack',
      initiatedBy: people.harriet.id,
      status: 'awaiting_hr',
    });
    expect(record?.removals.map((removal) => removal.vendorId).sort()).toEqual(['betterup', 'one-medical']);
    const card = await harness.card(caseId);
    expect(buttonLabels(card.blocks)).toEqual(['Approve', 'Reject']);
    expect(card.replies).toEqual([
      `Started by <@${people.harriet.id}> in Slack — vendors: BetterUp, One Medical`,
    ]);
    expect(await auditTrail(harness)).toEqual([`case.started:${people.harriet.id}`]);
  });

  test('the start modal refuses a bad email and an impossible date with errors on those fields and writes nothing', async () => {
    await slashStart(people.harriet.id);
    const outcome = await submitStart(people.harriet.id, {
      email: 'sam.lee',
      name: 'Sam Lee',
      lastDay: '2026-02-30',
    });
    expect(outcome.result).toBe('errors');
    expect(Object.keys(outcome.errors).sort()).toEqual([Field.email.block, Field.lastDay.block].sort());
    startModal(people.harriet.id);
    await harness.settle();
    expect(await rowCounts(harness)).toEqual({ cases: 0, auditEvents: 0 });
  });

  /** A view_submission Slack's client would never send (it checks required fields), signed and posted as-is. */
  const sendStartSubmission = async (user: string, values: Record<string, Record<string, unknown>>) => {
    await slashStart(people.harriet.id);
    const modal = startModal(people.harriet.id);
    const workspace = harness.standin.workspace;
    const payload = {
      type: 'view_submission',
      team: { id: workspace.team.id, domain: workspace.team.domain },
      user: { id: user, team_id: workspace.team.id },
      api_app_id: workspace.bot.appId,
      trigger_id: workspace.issueTriggerId(user),
      view: { ...modal?.view, state: { values } },
    };
    const answer = await harness.standin.interactions.sendSigned(
      new URLSearchParams({ payload: JSON.stringify(payload) }).toString(),
    );
    expect(answer.status).toBe(200);
    await harness.settle();
    return JSON.parse(answer.body) as { response_action: string; errors: Record<string, string> };
  };

  test('a start submission without a date, which Slack itself would stop, is refused by the app too', async () => {
    const answer = await sendStartSubmission(people.harriet.id, {
      [Field.email.block]: { [Field.email.action]: { type: 'plain_text_input', value: 'bad' } },
      [Field.name.block]: { [Field.name.action]: { type: 'plain_text_input', value: '' } },
      [Field.lastDay.block]: { [Field.lastDay.action]: { type: 'datepicker', selected_date: null } },
    });
    expect(answer.response_action).toBe('errors');
    expect(Object.keys(answer.errors).sort()).toEqual(
      [Field.email.block, Field.lastDay.block, Field.name.block].sort(),
    );
    expect(await rowCounts(harness)).toEqual({ cases: 0, auditEvents: 0 });
  });

  test('a start submission from someone without the HR role is refused on the form and audited as denied', async () => {
    const answer = await sendStartSubmission(people.nora.id, {
      [Field.email.block]: {
        [Field.email.action]: { type: 'plain_text_input', value: 'sam.lee@example.com' },
      },
      [Field.name.block]: { [Field.name.action]: { type: 'plain_text_input', value: 'Sam Lee' } },
      [Field.lastDay.block]: { [Field.lastDay.action]: { type: 'datepicker', selected_date: '2026-12-04' } },
    });
    expect(answer).toEqual({
      response_action: 'errors',
      errors: { [Field.email.block]: expect.stringContaining('Only HR approvers') },
    });
    expect((await rowCounts(harness)).cases).toBe(0);
    expect(await auditTrail(harness)).toEqual([`access.denied:${people.nora.id}`]);
  });

  test('the global shortcut start_offboarding opens the same start modal', async () => {
    expect(SHORTCUT_START).toBe('start_offboarding');
    const outcome = await harness.standin.interactions.runGlobalShortcut({
      user: people.hugo.id,
      callbackId: SHORTCUT_START,
    });
    expect(outcome.status).toBe(200);
    await harness.settle();
    startModal(people.hugo.id);
  });

  test('someone without the HR role is refused, told who may start a case, and the refusal is audited', async () => {
    const outcome = await slashStart(people.nora.id, 'sam.lee@example.com');
    expect(outcome.status).toBe(200);
    expect(harness.standin.workspace.topView(people.nora.id)).toBeUndefined();
    expect(lastEphemeral(harness, people.nora.id)).toBe(hrOnly);

    // Through the shortcut there is no channel to answer in: the refusal goes to her directly.
    await harness.standin.interactions.runGlobalShortcut({
      user: people.nora.id,
      callbackId: SHORTCUT_START,
    });
    await harness.settle();
    expect(harness.standin.workspace.topView(people.nora.id)).toBeUndefined();
    expect(
      harness.standin.webApi
        .calls('chat.postMessage')
        .filter((call) => call.args.channel === people.nora.id && call.args.text === hrOnly),
    ).toHaveLength(1);

    expect(await auditTrail(harness)).toEqual([
      `access.denied:${people.nora.id}`,
      `access.denied:${people.nora.id}`,
    ]);
    expect((await rowCounts(harness)).cases).toBe(0);
  });

  test('whoever started a case cannot approve it: another HR approver must (four-eyes)', async () => {
    await slashStart(people.harriet.id);
    expect(
      (
        await submitStart(people.harriet.id, {
          email: 'sam.lee@example.com',
          name: 'Sam Lee',
          lastDay: '2026-12-04',
          vendors: ['betterup'],
        })
      ).result,
    ).toBe('closed');
    await harness.settle();
    const [caseId = ''] = await caseIds(harness);

    await click(harness, people.harriet.id, caseId, CardAction.approve);
    expect(lastEphemeral(harness, people.harriet.id)).toContain('four-eyes');
    expect((await harness.services.offboarding.getCase(caseId))?.status).toBe('awaiting_hr');
    expect(buttonLabels((await harness.card(caseId)).blocks)).toEqual(['Approve', 'Reject']);

    await click(harness, people.hugo.id, caseId, CardAction.approve);
    const record = await harness.services.offboarding.getCase(caseId);
    expect(record?.status).toBe('approved');
    expect(record?.decidedBy).toBe(people.hugo.id);
    expect(await auditTrail(harness)).toEqual([
      `case.started:${people.harriet.id}`,
      `case.approved:${people.hugo.id}`,
    ]);
  });

  test('Draft removal request shows the clicker alone the letter, the employee’s email and the vendor checklist', async () => {
    const caseId = await startCase(harness);
    await click(harness, people.harriet.id, caseId, CardAction.approve);
    const othersBefore = harness.standin.workspace.ephemeralsFor(people.hugo.id).length;

    await click(harness, people.ivan.id, caseId, CardAction.draftRequest, `${caseId}:betterup`);
    const draft = harness.standin.workspace.ephemeralsFor(people.ivan.id).at(-1);
    expect(draft?.text).toBe('Draft removal request for BetterUp');
    const shown = JSON.stringify(draft?.blocks);
    expect(shown).toContain('Please remove Dana Reyes from BetterUp');
    expect(shown).toContain('dana.reyes@example.com');
    expect(shown).toMatch(/• [^"•]*integrations[^"•]*credentials/);
    expect(harness.standin.workspace.ephemeralsFor(people.hugo.id)).toHaveLength(othersBefore);

    await click(harness, people.harriet.id, caseId, CardAction.draftRequest, `${caseId}:one-medical`);
    expect(lastEphemeral(harness, people.harriet.id)).toBe('Draft removal request for One Medical');

    await click(harness, people.nora.id, caseId, CardAction.draftRequest, `${caseId}:betterup`);
    const refusal = harness.standin.workspace.ephemeralsFor(people.nora.id).at(-1);
    expect(refusal?.text).toBe(
      `Only HR approvers and IT confirmers may draft vendor requests. They are: <!subteam^S0HRTEAM01>, <@${people.ivan.id}>.`,
    );
    expect(JSON.stringify(refusal)).not.toContain('dana.reyes@example.com');
  });

  test('“Cancel offboarding…” asks for a reason, then closes the card without buttons and says who cancelled and why', async () => {
    const caseId = await startCase(harness);
    await click(harness, people.harriet.id, caseId, CardAction.approve);
    const card = await harness.card(caseId);
    const outcome = await harness.standin.interactions.clickButton({
      user: people.hugo.id,
      source: { type: 'message', ts: card.ts, channel },
      actionId: CardAction.manageCase,
      selectedOption: `cancel:${caseId}`,
    });
    expect(outcome.status).toBe(200);
    await harness.settle();
    expect(harness.standin.workspace.topView(people.hugo.id)?.view.callback_id).toBe(ModalId.cancel);

    const submitted = await harness.standin.interactions.submitView({
      user: people.hugo.id,
      values: { [Field.reason.block]: { [Field.reason.action]: 'Departure rescinded' } },
    });
    expect(submitted.result).toBe('closed');
    await harness.settle();

    const closed = await harness.card(caseId);
    expect(closed.blocks.filter((block) => (block as { type: string }).type === 'actions')).toEqual([]);
    expect(JSON.stringify(closed.blocks)).toContain('Cancelled');
    expect(closed.replies.at(-1)).toBe(`Cancelled by <@${people.hugo.id}>: Departure rescinded`);
    expect(
      (await harness.services.offboarding.getCase(caseId))?.removals.map((removal) => removal.status),
    ).toEqual(['withdrawn', 'withdrawn', 'withdrawn']);
  });
});
