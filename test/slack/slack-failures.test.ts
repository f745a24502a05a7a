import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { CardAction } from '../../src/offboarding/offboarding-card.js';
import { ModalId } from '../../src/offboarding/offboarding-modals.js';
import {
  buttonLabels,
  channel,
  type Harness,
  people,
  startHarness,
  useHarness,
} from '../support/slack-harness.js';
import { databaseTargets, type TestDatabase } from '../support/test-database.js';
import { auditTrail, buttonClickBody, healthz, leaver, startCase } from './offboarding-steps.js';

const approvedLabels = [
  'Vendor confirmed removal',
  'Draft removal request',
  'Vendor confirmed removal',
  'Draft removal request',
  'Vendor confirmed removal',
  'Draft removal request',
];

describe.each(databaseTargets())('when Slack fails, on $label', ({ open }) => {
  let harness: Harness;

  useHarness(open, (_database, startedHarness) => {
    harness = startedHarness;
  });

  /** Cards of this test's cases in the channel: the workspace keeps earlier tests' messages. */
  const cardsOf = (caseId: string) =>
    harness.standin.workspace
      .messages(channel)
      .filter((message) => JSON.stringify(message.blocks).includes(caseId));

  /** Clicks Approve on the case's card and waits for the listener only, not for Slack delivery. */
  const clickApprove = async (user: string, caseId: string) => {
    const card = await harness.card(caseId);
    const outcome = await harness.standin.interactions.clickButton({
      user,
      source: { type: 'message', ts: card.ts, channel },
      actionId: CardAction.approve,
      value: caseId,
    });
    expect(outcome.status).toBe(200);
    await harness.app.idle();
  };

  test('chat.update failing twice does not hold back the approval, and the card catches up', async () => {
    const caseId = await startCase(harness);
    harness.standin.webApi.failNext('chat.update', { status: 500 }, 2);
    const updatesBefore = harness.standin.webApi.calls('chat.update').length;

    await clickApprove(people.harriet.id, caseId);
    expect((await harness.services.offboarding.getCase(caseId))?.status).toBe('approved');

    await harness.settle();
    const updates = harness.standin.webApi.calls('chat.update').slice(updatesBefore);
    expect(updates.map((call) => call.status)).toEqual([500, 500, 200]);
    const card = await harness.card(caseId);
    expect(buttonLabels(card.blocks)).toEqual(approvedLabels);
    expect(card.replies.at(-1)).toMatch(new RegExp(`^Approved by <@${people.harriet.id}>`));
    expect(cardsOf(caseId)).toHaveLength(1);
  });

  test('the thread reply about a change is not posted before the card shows that change', async () => {
    const caseId = await startCase(harness);
    harness.standin.webApi.failNext('chat.update', { status: 500 }, 2);
    const callsBefore = harness.standin.webApi.calls().length;
    await clickApprove(people.harriet.id, caseId);
    await harness.settle();
    const calls = harness.standin.webApi.calls().slice(callsBefore);
    const cardShowsApproval = calls.findIndex((call) => call.method === 'chat.update' && call.status === 200);
    const replyAboutApproval = calls.findIndex(
      (call) => call.method === 'chat.postMessage' && String(call.args.text).startsWith('Approved by'),
    );
    expect(cardShowsApproval).toBeGreaterThanOrEqual(0);
    expect(replyAboutApproval).toBeGreaterThan(cardShowsApproval);
  });

  test('a rate-limited first post is retried by the outbox and the card appears exactly once', async () => {
    harness.standin.webApi.failNext('chat.postMessage', { status: 429, retryAfterSeconds: 1 });
    const postsBefore = harness.standin.webApi.calls('chat.postMessage').length;
    const response = await harness.webhook(leaver);
    expect(response.status).toBe(201);
    const caseId = String(response.body.id);
    await harness.settle();

    const posts = harness.standin.webApi.calls('chat.postMessage').slice(postsBefore);
    expect(posts[0]?.status).toBe(429);
    expect(cardsOf(caseId)).toHaveLength(1);
    const card = await harness.card(caseId);
    expect(buttonLabels(card.blocks)).toEqual(['Approve', 'Reject']);
    expect(card.replies).toEqual([expect.stringContaining('Started by the HR system')]);
  });

  test('a card deleted in Slack is posted again on the next change, showing that change', async () => {
    const caseId = await startCase(harness);
    const deleted = await harness.card(caseId);
    expect(harness.standin.workspace.deleteMessage(channel, deleted.ts)).toBe(true);

    // Harriet still has the card open in another window and clicks Approve there.
    const answer = await harness.standin.interactions.sendSigned(
      buttonClickBody(harness, { user: people.harriet.id, actionId: CardAction.approve, value: caseId }),
    );
    expect(answer.status).toBe(200);
    await harness.settle();

    const card = await harness.card(caseId);
    expect(card.ts).not.toBe(deleted.ts);
    expect(buttonLabels(card.blocks)).toEqual(approvedLabels);
    expect(card.replies).toEqual([expect.stringMatching(new RegExp(`^Approved by <@${people.harriet.id}>`))]);
    expect(cardsOf(caseId)).toHaveLength(1);
  });

  test('views.open failing leaves the case unchanged, tells the clicker to try again, and the app keeps serving', async () => {
    const caseId = await startCase(harness);
    harness.standin.webApi.failNext('views.open', { error: 'expired_trigger_id' });
    const card = await harness.card(caseId);
    const outcome = await harness.standin.interactions.clickButton({
      user: people.hugo.id,
      source: { type: 'message', ts: card.ts, channel },
      actionId: CardAction.reject,
      value: caseId,
    });
    expect(outcome.status).toBe(200);
    await harness.settle();
    expect(harness.standin.workspace.topView(people.hugo.id)).toBeUndefined();
    expect(harness.standin.workspace.ephemeralsFor(people.hugo.id).at(-1)?.text).toContain(
      'could not open the form',
    );
    expect((await harness.services.offboarding.getCase(caseId))?.status).toBe('awaiting_hr');
    expect(await auditTrail(harness)).toEqual(['case.started:api']);

    expect(await healthz(harness)).toEqual({ status: 200, body: { ok: true, db: 'ok' } });
    const retry = await harness.standin.interactions.clickButton({
      user: people.hugo.id,
      source: { type: 'message', ts: card.ts, channel },
      actionId: CardAction.reject,
      value: caseId,
    });
    expect(retry.status).toBe(200);
    await harness.settle();
    expect(harness.standin.workspace.topView(people.hugo.id)?.view.callback_id).toBe(ModalId.reject);
  });
});

describe.each(databaseTargets())('a restart while Slack is failing, on $label', ({ open }) => {
  let database: TestDatabase;
  let harness: Harness;

  beforeAll(async () => {
    database = await open();
    harness = await startHarness(database);
  });
  afterAll(async () => {
    await harness?.stop();
    await database?.close();
  });

  test('a card refresh still waiting in the outbox at shutdown reaches Slack after the restart', async () => {
    const caseId = await startCase(harness);
    harness.standin.webApi.failNext('chat.update', { status: 500 }, 100);
    const card = await harness.card(caseId);
    const outcome = await harness.standin.interactions.clickButton({
      user: people.harriet.id,
      source: { type: 'message', ts: card.ts, channel },
      actionId: CardAction.approve,
      value: caseId,
    });
    expect(outcome.status).toBe(200);
    await harness.app.idle();
    await harness.app.deliverNow();
    expect((await harness.services.offboarding.getCase(caseId))?.status).toBe('approved');
    expect(await harness.services.outbox.pendingCount()).toBeGreaterThan(0);
    expect(buttonLabels((await harness.card(caseId)).blocks)).toEqual(['Approve', 'Reject']);
    await harness.stop();

    // A new process, and a new stand-in whose channel no longer holds the old card: it must be posted again.
    harness = await startHarness(database);
    await harness.settle();
    const after = await harness.card(caseId);
    expect(buttonLabels(after.blocks)).toEqual(approvedLabels);
    expect(JSON.stringify(after.blocks)).toContain(`Approved by <@${people.harriet.id}>`);
    expect(harness.standin.workspace.messages(channel)).toHaveLength(1);
    expect(await harness.services.outbox.pendingCount()).toBe(0);
  });
});
