import { verifySlackRequest } from '@slack/bolt';
import { afterAll, beforeAll, beforeEach, expect, test } from 'vitest';
import { signSlackRequest } from '../../src/slack-standin/interactions.js';
import type { StandinServer } from '../../src/slack-standin/standin.js';
import {
  answerJson,
  approvalCard,
  hrApprover,
  itAdmin,
  offboardingChannel,
  offboardingStandin,
  type ReceivedRequest,
  removalModal,
  signingSecret,
  startRecordingApp,
} from './offboarding-workspace.js';

const standin = offboardingStandin();
const { workspace, interactions } = standin;
let server: StandinServer;
let app: Awaited<ReturnType<typeof startRecordingApp>>;

beforeAll(async () => {
  server = await standin.listen(0);
  app = await startRecordingApp();
  standin.setAppEventsUrl(app.url);
});
afterAll(async () => {
  await app.close();
  await server.close();
});
beforeEach(() => {
  app.received.length = 0;
  app.respondWith((_request, res) => res.end());
  workspace.clearViews(hrApprover.id);
});

const verify = (request: ReceivedRequest, nowMilliseconds?: number) =>
  verifySlackRequest({
    signingSecret,
    body: request.body,
    headers: {
      'x-slack-signature': String(request.headers['x-slack-signature']),
      'x-slack-request-timestamp': Number(request.headers['x-slack-request-timestamp']),
    },
    ...(nowMilliseconds === undefined ? {} : { nowMilliseconds }),
  });

const postCard = () =>
  workspace.postMessage({
    channel: offboardingChannel.id,
    user: workspace.bot.userId,
    botId: workspace.bot.botId,
    text: 'Offboarding: Lee Park',
    blocks: approvalCard,
  });

test('a signature made by signSlackRequest passes Bolt verifySlackRequest; a tampered body or stale time fails', () => {
  const timestamp = Math.floor(Date.now() / 1000);
  const body = 'payload=%7B%22type%22%3A%22block_actions%22%7D';
  const signature = signSlackRequest({ signingSecret, body, timestamp });
  expect(signature).toMatch(/^v0=[0-9a-f]{64}$/);
  const headers = { 'x-slack-signature': signature, 'x-slack-request-timestamp': timestamp };
  expect(() => verifySlackRequest({ signingSecret, body, headers })).not.toThrow();
  expect(() => verifySlackRequest({ signingSecret, body: `${body}x`, headers })).toThrow(
    /signature mismatch/,
  );
  expect(() =>
    verifySlackRequest({ signingSecret, body, headers, nowMilliseconds: (timestamp + 6 * 60) * 1000 }),
  ).toThrow(/stale/);
  expect(() => verifySlackRequest({ signingSecret: 'another-secret', body, headers })).toThrow();
});

test('a slash command arrives signed, form-encoded, with the fields Slack sends', async () => {
  const outcome = await interactions.runSlashCommand({
    user: hrApprover.id,
    command: '/benefits-offboard',
    text: 'lee@example.com',
  });
  const [request] = app.received;
  if (!request) throw new Error('nothing received');
  expect(request.headers['content-type']).toBe('application/x-www-form-urlencoded');
  expect(() => verify(request)).not.toThrow();
  const fields = Object.fromEntries(new URLSearchParams(request.body));
  expect(fields).toMatchObject({
    team_id: workspace.team.id,
    team_domain: workspace.team.domain,
    channel_id: offboardingChannel.id,
    channel_name: 'privategroup',
    user_id: hrApprover.id,
    user_name: hrApprover.name,
    command: '/benefits-offboard',
    text: 'lee@example.com',
    api_app_id: workspace.bot.appId,
    response_url: outcome.responseUrl,
    trigger_id: outcome.triggerId,
  });
  expect(outcome.responseUrl.startsWith(`${server.url}/hooks/commands/`)).toBe(true);
  expect(outcome).toMatchObject({ status: 200, shown: 'nothing', withinAckDeadline: true });
});

test('a slash command answered with text shows that text only to the person who ran it', async () => {
  app.respondWith((_request, res) => res.end('Working on it…'));
  const outcome = await interactions.runSlashCommand({
    user: hrApprover.id,
    command: '/benefits-status',
    text: '',
  });
  expect(outcome).toMatchObject({ shown: 'ephemeral', body: 'Working on it…' });
  expect(workspace.snapshotFor(hrApprover.id).ephemerals.at(-1)?.text).toBe('Working on it…');
  expect(workspace.snapshotFor(itAdmin.id).ephemerals.map((message) => message.text)).not.toContain(
    'Working on it…',
  );
});

test('a slash command answered with in_channel JSON posts to the channel for everyone', async () => {
  app.respondWith(answerJson({ response_type: 'in_channel', text: 'Lee Park leaves on 1 December' }));
  const outcome = await interactions.runSlashCommand({
    user: hrApprover.id,
    command: '/benefits-status',
    text: '',
  });
  expect(outcome.shown).toBe('in_channel');
  expect(workspace.snapshotFor(itAdmin.id).messages.at(-1)?.text).toBe('Lee Park leaves on 1 December');
});

test('the ack latency of the app is measured', async () => {
  app.respondWith(async (_request, res) => {
    await new Promise((resolve) => setTimeout(resolve, 120));
    res.end();
  });
  const outcome = await interactions.runSlashCommand({
    user: hrApprover.id,
    command: '/benefits-status',
    text: '',
  });
  expect(outcome.ackMs).toBeGreaterThanOrEqual(100);
  expect(outcome.withinAckDeadline).toBe(true);
});

test('a response_url from a slash command posts ephemeral by default, in_channel on request, 5 times at most', async () => {
  const { responseUrl } = await interactions.runSlashCommand({
    user: hrApprover.id,
    command: '/benefits-status',
    text: '',
  });
  const respond = (body: unknown) =>
    fetch(responseUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  expect((await respond({ text: 'private note' })).status).toBe(200);
  expect(workspace.snapshotFor(hrApprover.id).ephemerals.at(-1)?.text).toBe('private note');
  expect((await respond({ text: 'for all', response_type: 'in_channel' })).status).toBe(200);
  expect(workspace.snapshotFor(itAdmin.id).messages.at(-1)?.text).toBe('for all');
  const tooLong = await respond({
    blocks: [{ type: 'header', text: { type: 'plain_text', text: 'x'.repeat(151) } }],
  });
  expect(tooLong.status).toBe(400);
  expect(await tooLong.json()).toMatchObject({ ok: false, error: 'invalid_blocks' });
  expect((await respond({ text: 'four' })).status).toBe(200);
  expect((await respond({ text: 'five' })).status).toBe(200);
  const sixth = await respond({ text: 'six' });
  expect(sixth.status).toBe(404);
  expect(await sixth.json()).toEqual({ ok: false, error: 'used_url' });
  expect(standin.webApi.calls('response_url').map((call) => call.status)).toEqual([
    200, 200, 400, 200, 200, 404,
  ]);
});

test('a button click sends a block_actions payload with container, message, state, trigger_id and response_url', async () => {
  const card = postCard();
  const outcome = await interactions.clickButton({
    user: hrApprover.id,
    source: { type: 'message', ts: card.ts },
    actionId: 'approve_removal',
  });
  const [request] = app.received;
  if (!request) throw new Error('nothing received');
  expect(request.headers['content-type']).toBe('application/x-www-form-urlencoded');
  expect(() => verify(request)).not.toThrow();
  const payload = app.lastPayload();
  expect(payload).toMatchObject({
    type: 'block_actions',
    user: { id: hrApprover.id, username: hrApprover.name, team_id: workspace.team.id },
    api_app_id: workspace.bot.appId,
    team: { id: workspace.team.id, domain: workspace.team.domain },
    container: {
      type: 'message',
      message_ts: card.ts,
      channel_id: offboardingChannel.id,
      is_ephemeral: false,
    },
    channel: { id: offboardingChannel.id },
    message: { ts: card.ts, text: 'Offboarding: Lee Park', bot_id: workspace.bot.botId, blocks: card.blocks },
    state: { values: {} },
    trigger_id: outcome.triggerId,
    response_url: outcome.responseUrl,
    actions: [
      {
        type: 'button',
        action_id: 'approve_removal',
        block_id: 'decision',
        value: 'case-1',
        style: 'primary',
        text: { type: 'plain_text', text: 'Approve' },
      },
    ],
  });
  expect((payload.actions as { action_ts: string }[])[0]?.action_ts).toMatch(/^\d{10}\.\d{6}$/);
});

test('a click names only action ids the message really has', async () => {
  const card = postCard();
  await expect(
    interactions.clickButton({
      user: hrApprover.id,
      source: { type: 'message', ts: card.ts },
      actionId: 'delete_all',
    }),
  ).rejects.toThrow(/no interactive element with action_id delete_all/);
  await expect(
    interactions.clickButton({
      user: hrApprover.id,
      source: { type: 'message', ts: '1.000001' },
      actionId: 'x',
    }),
  ).rejects.toThrow(/no message/);
  expect(app.received).toHaveLength(0);
});

test('choosing from a select sends the selected option', async () => {
  const card = postCard();
  await interactions.clickButton({
    user: itAdmin.id,
    source: { type: 'message', ts: card.ts },
    actionId: 'assign_vendor',
    selectedOption: 'vision-one',
  });
  expect(app.lastPayload().actions).toMatchObject([
    {
      type: 'static_select',
      action_id: 'assign_vendor',
      selected_option: { text: { type: 'plain_text', text: 'VisionOne' }, value: 'vision-one' },
    },
  ]);
});

test('a response_url of a click replaces or deletes the original message, ephemeral or not', async () => {
  const card = postCard();
  const { responseUrl } = await interactions.clickButton({
    user: hrApprover.id,
    source: { type: 'message', ts: card.ts },
    actionId: 'approve_removal',
  });
  const respond = (body: unknown) =>
    fetch(responseUrl ?? '', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  await respond({ replace_original: true, text: 'Approved by Hana' });
  expect(workspace.findMessage(offboardingChannel.id, card.ts)).toMatchObject({
    text: 'Approved by Hana',
    blocks: [],
  });

  const ephemeral = workspace.postEphemeral({
    channel: offboardingChannel.id,
    user: hrApprover.id,
    text: 'Pick one',
    blocks: approvalCard,
  });
  const click = await interactions.clickButton({
    user: hrApprover.id,
    source: { type: 'ephemeral', ts: ephemeral.ts },
    actionId: 'reject_removal',
  });
  expect(app.lastPayload()).toMatchObject({ container: { is_ephemeral: true, message_ts: ephemeral.ts } });
  expect(app.lastPayload()).not.toHaveProperty('message');
  await fetch(click.responseUrl ?? '', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ delete_original: true }),
  });
  expect(workspace.findEphemeral(ephemeral.ts)).toBeUndefined();
});

const openRemovalModal = (extra: Record<string, unknown> = {}) =>
  workspace.openView(hrApprover.id, { ...removalModal, ...extra });

test('a view submission carries state values, private_metadata and callback_id; an empty answer closes it', async () => {
  const view = openRemovalModal();
  const outcome = await interactions.submitView({
    user: hrApprover.id,
    values: { reference: { value: 'ACME-991' }, vendor: { choice: 'acme-dental' } },
  });
  const payload = app.lastPayload();
  expect(payload).toMatchObject({
    type: 'view_submission',
    user: { id: hrApprover.id },
    trigger_id: outcome.triggerId,
    view: {
      id: view.id,
      callback_id: 'confirm_removal',
      private_metadata: 'case-1',
      state: {
        values: {
          reference: { value: { type: 'plain_text_input', value: 'ACME-991' } },
          vendor: {
            choice: {
              type: 'static_select',
              selected_option: { text: { type: 'plain_text', text: 'Acme Dental' }, value: 'acme-dental' },
            },
          },
        },
      },
    },
    response_urls: [],
  });
  expect(outcome.result).toBe('closed');
  expect(workspace.topView(hrApprover.id)).toBeUndefined();
});

test('Slack does not send a submission with an empty required field or text under min_length', async () => {
  openRemovalModal();
  const empty = await interactions.submitView({ user: hrApprover.id, values: {} });
  expect(empty).toMatchObject({
    result: 'not_sent',
    errors: { reference: 'Please complete this required field.' },
  });
  const short = await interactions.submitView({
    user: hrApprover.id,
    values: { reference: { value: 'AB' } },
  });
  expect(short.result).toBe('not_sent');
  expect(short.errors.reference).toMatch(/3 characters or more/);
  expect(app.received).toHaveLength(0);
  expect(workspace.snapshotFor(hrApprover.id).modal?.errors).toEqual(short.errors);
});

test('response_action errors keeps the modal open with the errors under the named inputs', async () => {
  openRemovalModal();
  app.respondWith(answerJson({ response_action: 'errors', errors: { reference: 'Unknown at Acme Dental' } }));
  const outcome = await interactions.submitView({
    user: hrApprover.id,
    values: { reference: { value: 'NOPE-1' } },
  });
  expect(outcome).toMatchObject({ result: 'errors', errors: { reference: 'Unknown at Acme Dental' } });
  expect(workspace.snapshotFor(hrApprover.id).modal?.errors).toEqual({ reference: 'Unknown at Acme Dental' });

  app.respondWith(answerJson({ response_action: 'errors', errors: { nowhere: 'x' } }));
  const wrong = await interactions.submitView({
    user: hrApprover.id,
    values: { reference: { value: 'NOPE-2' } },
  });
  expect(wrong.result).toBe('kept');
  expect(wrong.problems.join()).toMatch(/not input blocks/);
});

test('response_action update, push and clear change the modal stack like Slack', async () => {
  const root = openRemovalModal();
  const done = { type: 'modal', title: { type: 'plain_text', text: 'Done' }, blocks: [] };
  app.respondWith(answerJson({ response_action: 'push', view: removalModal }));
  expect(
    (await interactions.submitView({ user: hrApprover.id, values: { reference: { value: 'ACME-1' } } }))
      .result,
  ).toBe('pushed');
  expect(workspace.viewStack(hrApprover.id)).toHaveLength(2);
  app.respondWith(answerJson({ response_action: 'update', view: done }));
  expect(
    (await interactions.submitView({ user: hrApprover.id, values: { reference: { value: 'ACME-2' } } }))
      .result,
  ).toBe('updated');
  expect(workspace.topView(hrApprover.id)?.view.title.text).toBe('Done');
  await interactions.closeView({ user: hrApprover.id });
  expect(workspace.topView(hrApprover.id)?.view.id).toBe(root.id);
  app.respondWith(answerJson({ response_action: 'clear' }));
  expect(
    (await interactions.submitView({ user: hrApprover.id, values: { reference: { value: 'ACME-3' } } }))
      .result,
  ).toBe('cleared');
  expect(workspace.viewStack(hrApprover.id)).toHaveLength(0);
});

test('an update answered with a view over Block Kit limits leaves the modal as it was', async () => {
  openRemovalModal();
  app.respondWith(
    answerJson({
      response_action: 'update',
      view: { ...removalModal, title: { type: 'plain_text', text: 'x'.repeat(25) } },
    }),
  );
  const outcome = await interactions.submitView({
    user: hrApprover.id,
    values: { reference: { value: 'ACME-4' } },
  });
  expect(outcome.result).toBe('kept');
  expect(outcome.problems.join()).toContain('/view/title/text');
  expect(workspace.topView(hrApprover.id)?.view.title.text).toBe('Confirm removal');
});

test('closing a modal tells the app only when the view asked for notify_on_close', async () => {
  openRemovalModal();
  expect(await interactions.closeView({ user: hrApprover.id })).toEqual({ notified: false });
  expect(app.received).toHaveLength(0);
  const view = openRemovalModal({ notify_on_close: true });
  const closed = await interactions.closeView({ user: hrApprover.id });
  expect(closed.notified).toBe(true);
  expect(app.lastPayload()).toMatchObject({ type: 'view_closed', view: { id: view.id }, is_cleared: false });
});

test('a click inside a modal sends the view with its state and a view container', async () => {
  const view = openRemovalModal({
    blocks: [
      ...removalModal.blocks,
      {
        type: 'actions',
        block_id: 'more',
        elements: [
          { type: 'button', action_id: 'add_vendor', text: { type: 'plain_text', text: 'Add vendor' } },
        ],
      },
    ],
  });
  await interactions.clickButton({
    user: hrApprover.id,
    source: { type: 'modal', viewId: view.id },
    actionId: 'add_vendor',
    values: { reference: { value: 'ACME-5' } },
  });
  const payload = app.lastPayload();
  expect(payload).toMatchObject({
    type: 'block_actions',
    container: { type: 'view', view_id: view.id },
    view: { id: view.id, state: { values: { reference: { value: { value: 'ACME-5' } } } } },
    actions: [{ action_id: 'add_vendor', block_id: 'more' }],
  });
  expect(payload).not.toHaveProperty('response_url');
});

test('a global shortcut sends its callback_id and a fresh trigger_id', async () => {
  const outcome = await interactions.runGlobalShortcut({ user: itAdmin.id, callbackId: 'start_offboarding' });
  expect(app.lastPayload()).toMatchObject({
    type: 'shortcut',
    callback_id: 'start_offboarding',
    trigger_id: outcome.triggerId,
    user: { id: itAdmin.id },
  });
});

test('picker inputs take ids and dates, and Slack-shaped state entries pass through unchanged', async () => {
  workspace.openView(hrApprover.id, {
    ...removalModal,
    blocks: [
      {
        type: 'input',
        block_id: 'approver',
        label: { type: 'plain_text', text: 'Approver' },
        element: { type: 'users_select', action_id: 'user' },
      },
      {
        type: 'input',
        block_id: 'last_day',
        label: { type: 'plain_text', text: 'Last day' },
        element: { type: 'datepicker', action_id: 'date', initial_date: '2026-12-01' },
      },
      removalModal.blocks[0],
    ],
  });
  await expect(
    interactions.submitView({ user: hrApprover.id, values: { nowhere: { value: 'x' } } }),
  ).rejects.toThrow(/has no input nowhere\/value/);
  await interactions.submitView({
    user: hrApprover.id,
    values: {
      approver: { user: hrApprover.id },
      reference: { value: { type: 'plain_text_input', value: 'ACME-7' } },
    },
  });
  expect((app.lastPayload().view as { state: unknown }).state).toEqual({
    values: {
      approver: { user: { type: 'users_select', selected_user: hrApprover.id } },
      last_day: { date: { type: 'datepicker', selected_date: '2026-12-01' } },
      reference: { value: { type: 'plain_text_input', value: 'ACME-7' } },
    },
  });
});
