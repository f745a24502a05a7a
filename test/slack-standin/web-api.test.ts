import { LogLevel, WebClient } from '@slack/web-api';
import { afterAll, beforeAll, beforeEach, expect, test } from 'vitest';
import type { StandinServer } from '../../src/slack-standin/standin.js';
import {
  approvalCard,
  botToken,
  callApi,
  hrApprover,
  itAdmin,
  leaver,
  manualClock,
  offboardingChannel,
  offboardingStandin,
  removalModal,
} from './offboarding-workspace.js';

const clock = manualClock();
const standin = offboardingStandin({ now: clock.now });
let server: StandinServer;
const api = (method: string, args: Record<string, unknown>, options?: Parameters<typeof callApi>[3]) =>
  callApi(server.apiUrl, method, args, options);

beforeAll(async () => {
  server = await standin.listen(0);
});
afterAll(async () => {
  await server.close();
});
beforeEach(() => {
  standin.webApi.clearCalls();
});

const post = async (args: Record<string, unknown> = {}) =>
  api('chat.postMessage', { channel: offboardingChannel.id, text: 'Offboarding: Lee Park', ...args });

test('a call without a token is not_authed and one with another token is invalid_auth', async () => {
  expect((await api('auth.test', {}, { token: null })).json).toEqual({ ok: false, error: 'not_authed' });
  expect((await api('auth.test', {}, { token: 'xoxb-someone-else' })).json).toEqual({
    ok: false,
    error: 'invalid_auth',
  });
  const viaFormField = await api('auth.test', { token: botToken }, { token: null });
  expect(viaFormField.json.ok).toBe(true);
  const viaJsonField = await api('auth.test', { token: botToken }, { token: null, encoding: 'json' });
  expect(viaJsonField.json.error).toBe('not_authed');
});

test('auth.test names the bot, its team and its bot id', async () => {
  const { json } = await api('auth.test', {});
  expect(json).toMatchObject({
    ok: true,
    user_id: standin.workspace.bot.userId,
    bot_id: standin.workspace.bot.botId,
    team_id: standin.workspace.team.id,
    is_enterprise_install: false,
  });
});

test('an unknown method answers unknown_method with HTTP 200', async () => {
  const { status, json } = await api('chat.postMessag', {});
  expect(status).toBe(200);
  expect(json).toMatchObject({ ok: false, error: 'unknown_method' });
});

test('chat.postMessage needs a known channel and some text or blocks', async () => {
  expect((await api('chat.postMessage', { text: 'hi' })).json.error).toBe('channel_not_found');
  expect((await post({ channel: 'C0NOWHERE0' })).json.error).toBe('channel_not_found');
  expect((await post({ text: undefined })).json.error).toBe('no_text');
  expect((await post({ text: '', blocks: [] })).json.error).toBe('no_text');
  expect((await post({ text: 'x'.repeat(40_001) })).json.error).toBe('msg_too_long');
  expect((await post({ blocks: 'not json' })).json.error).toBe('invalid_blocks_format');
});

test('chat.postMessage refuses blocks over Block Kit limits and lists the problems like Slack', async () => {
  const { json } = await post({
    blocks: [{ type: 'header', text: { type: 'plain_text', text: 'x'.repeat(151) } }],
  });
  expect(json).toMatchObject({ ok: false, error: 'invalid_blocks' });
  expect((json.response_metadata as { messages: string[] }).messages).toEqual([
    '[ERROR] header text must be at most 150 characters (got 151) [json-pointer:/blocks/0/text/text]',
  ]);
});

test('chat.postMessage stores the message with Slack-looking increasing timestamps and answers with it', async () => {
  const first = await post({ blocks: approvalCard });
  const second = await post({ thread_ts: first.json.ts, text: 'Reminder in thread' });
  expect(first.json).toMatchObject({ ok: true, channel: offboardingChannel.id });
  expect(first.json.ts).toMatch(/^\d{10}\.\d{6}$/);
  expect(Number(second.json.ts)).toBeGreaterThan(Number(first.json.ts));
  const message = first.json.message as Record<string, unknown>;
  expect(message).toMatchObject({
    type: 'message',
    bot_id: standin.workspace.bot.botId,
    text: 'Offboarding: Lee Park',
  });
  expect(
    (message.blocks as { block_id: string }[]).every((block) => typeof block.block_id === 'string'),
  ).toBe(true);
  const stored = standin.workspace.findMessage(offboardingChannel.id, String(first.json.ts));
  expect(stored?.replies.map((reply) => reply.text)).toEqual(['Reminder in thread']);
});

test('JSON bodies are accepted like form bodies', async () => {
  const { json } = await api(
    'chat.postMessage',
    { channel: offboardingChannel.id, text: 'sent as JSON', blocks: approvalCard },
    { encoding: 'json' },
  );
  expect(json.ok).toBe(true);
  expect(standin.webApi.calls('chat.postMessage').at(-1)?.args.blocks).toEqual(approvalCard);
});

test('chat.update needs an existing message of the bot and marks it edited', async () => {
  const { json: posted } = await post();
  expect((await api('chat.update', { channel: offboardingChannel.id, text: 'x' })).json.error).toBe(
    'invalid_arguments',
  );
  expect((await api('chat.update', { ts: posted.ts, text: 'x' })).json.error).toBe('channel_not_found');
  expect(
    (await api('chat.update', { channel: offboardingChannel.id, ts: '1000000000.000001', text: 'x' })).json
      .error,
  ).toBe('message_not_found');
  expect((await api('chat.update', { channel: offboardingChannel.id, ts: posted.ts })).json.error).toBe(
    'no_text',
  );
  const { json } = await api('chat.update', {
    channel: offboardingChannel.id,
    ts: posted.ts,
    text: 'Approved by Hana',
  });
  expect(json).toMatchObject({ ok: true, ts: posted.ts, text: 'Approved by Hana' });
  expect(standin.workspace.findMessage(offboardingChannel.id, String(posted.ts))?.edited).toBe(true);
});

test('chat.postEphemeral needs a person who is in the channel and answers message_ts', async () => {
  const args = { channel: offboardingChannel.id, user: hrApprover.id, text: 'Only you can see this' };
  expect((await api('chat.postEphemeral', { ...args, user: undefined })).json.error).toBe('user_not_found');
  expect((await api('chat.postEphemeral', { ...args, user: 'U0NOBODY00' })).json.error).toBe(
    'user_not_found',
  );
  expect((await api('chat.postEphemeral', { ...args, user: leaver.id })).json.error).toBe(
    'user_not_in_channel',
  );
  expect((await api('chat.postEphemeral', { ...args, channel: 'C0NOWHERE0' })).json.error).toBe(
    'channel_not_found',
  );
  const { json } = await api('chat.postEphemeral', args);
  expect(json.ok).toBe(true);
  expect(standin.workspace.ephemeralsFor(hrApprover.id).map((message) => message.ts)).toContain(
    json.message_ts,
  );
  expect(standin.workspace.ephemeralsFor(itAdmin.id).map((message) => message.ts)).not.toContain(
    json.message_ts,
  );
});

test('views.open needs a trigger_id and a valid modal, checked against Block Kit limits', async () => {
  const trigger = standin.workspace.issueTriggerId(hrApprover.id);
  expect((await api('views.open', { view: removalModal })).json.error).toBe('invalid_arguments');
  expect((await api('views.open', { trigger_id: trigger })).json.error).toBe('invalid_arguments');
  const badTitle = await api('views.open', {
    trigger_id: trigger,
    view: { ...removalModal, title: { type: 'plain_text', text: 'Confirm the vendor removal now' } },
  });
  expect(badTitle.json.error).toBe('invalid_arguments');
  expect(JSON.stringify(badTitle.json.response_metadata)).toContain('/view/title/text');
  expect((await api('views.open', { trigger_id: 'nonsense', view: removalModal })).json.error).toBe(
    'invalid_trigger_id',
  );
  const opened = await api('views.open', { trigger_id: trigger, view: removalModal });
  expect(opened.json).toMatchObject({ ok: true, view: { type: 'modal', callback_id: 'confirm_removal' } });
  expect(standin.workspace.topView(hrApprover.id)?.view.id).toBe((opened.json.view as { id: string }).id);
});

test('a trigger_id is exchanged once and expires 3 seconds after the interaction', async () => {
  const trigger = standin.workspace.issueTriggerId(hrApprover.id);
  expect((await api('views.open', { trigger_id: trigger, view: removalModal })).json.ok).toBe(true);
  expect((await api('views.open', { trigger_id: trigger, view: removalModal })).json.error).toBe(
    'exchanged_trigger_id',
  );
  const late = standin.workspace.issueTriggerId(hrApprover.id);
  clock.advance(2999);
  const inTime = standin.workspace.issueTriggerId(hrApprover.id);
  clock.advance(1);
  expect((await api('views.open', { trigger_id: late, view: removalModal })).json.error).toBe(
    'expired_trigger_id',
  );
  expect((await api('views.open', { trigger_id: inTime, view: removalModal })).json.ok).toBe(true);
});

test('views.update finds the view by id or external_id and refuses a stale hash', async () => {
  const opened = await api('views.open', {
    trigger_id: standin.workspace.issueTriggerId(itAdmin.id),
    view: { ...removalModal, external_id: 'case-1-removal' },
  });
  const view = opened.json.view as { id: string; hash: string };
  const changed = {
    ...removalModal,
    external_id: 'case-1-removal',
    title: { type: 'plain_text', text: 'Removal confirmed' },
    blocks: [],
  };
  expect((await api('views.update', { view: changed })).json.error).toBe('invalid_arguments');
  expect((await api('views.update', { view_id: 'V0NOPE0000', view: changed })).json.error).toBe('not_found');
  const first = await api('views.update', { view_id: view.id, hash: view.hash, view: changed });
  expect(first.json).toMatchObject({ ok: true, view: { id: view.id, title: { text: 'Removal confirmed' } } });
  expect((await api('views.update', { view_id: view.id, hash: view.hash, view: changed })).json.error).toBe(
    'hash_conflict',
  );
  const byExternalId = await api('views.update', { external_id: 'case-1-removal', view: removalModal });
  expect(byExternalId.json).toMatchObject({ ok: true, view: { id: view.id } });
});

test('views.push stacks at most 3 views over an open modal', async () => {
  const user = leaver.id;
  const push = () =>
    api('views.push', { trigger_id: standin.workspace.issueTriggerId(user), view: removalModal });
  expect((await push()).json.error).toBe('not_found');
  await api('views.open', { trigger_id: standin.workspace.issueTriggerId(user), view: removalModal });
  expect((await push()).json.ok).toBe(true);
  expect((await push()).json.ok).toBe(true);
  expect((await push()).json.error).toBe('push_limit_reached');
  expect(standin.workspace.viewStack(user)).toHaveLength(3);
});

test('conversations.info tells whether the channel is private', async () => {
  const { json } = await api('conversations.info', { channel: offboardingChannel.id });
  expect(json.channel).toMatchObject({
    id: offboardingChannel.id,
    name: offboardingChannel.name,
    is_private: true,
  });
  expect((await api('conversations.info', {})).json.error).toBe('channel_not_found');
});

test('usergroups.users.list lists the members of a user group', async () => {
  expect((await api('usergroups.users.list', { usergroup: 'S0HRAPPROV' })).json).toEqual({
    ok: true,
    users: [hrApprover.id],
  });
  expect((await api('usergroups.users.list', {})).json.error).toBe('invalid_arguments');
  expect((await api('usergroups.users.list', { usergroup: 'S0UNKNOWN0' })).json.error).toBe(
    'no_such_subteam',
  );
});

test('users.info describes a person and refuses an unknown one', async () => {
  const { json } = await api('users.info', { user: hrApprover.id });
  expect(json.user).toMatchObject({
    id: hrApprover.id,
    real_name: 'Hana Reyes',
    profile: { title: 'HR Partner' },
  });
  expect((await api('users.info', { user: 'U0NOBODY00' })).json.error).toBe('user_not_found');
});

test('every call is logged with its arguments, without the token, and its result', async () => {
  await post();
  await api('users.info', { user: hrApprover.id });
  const [call] = standin.webApi.calls('chat.postMessage');
  expect(call).toMatchObject({
    method: 'chat.postMessage',
    status: 200,
    args: { channel: offboardingChannel.id },
  });
  expect(call?.args).not.toHaveProperty('token');
  expect(standin.webApi.calls().map((entry) => entry.method)).toEqual(['chat.postMessage', 'users.info']);
});

test('an injected error answers ok:false for the given number of calls, then the method works again', async () => {
  standin.webApi.failNext('chat.postMessage', { error: 'fatal_error' }, 2);
  expect((await post()).json).toEqual({ ok: false, error: 'fatal_error' });
  expect((await post()).json.error).toBe('fatal_error');
  expect((await post()).json.ok).toBe(true);
  standin.webApi.failNext('users.info', { status: 500 });
  expect((await api('users.info', { user: hrApprover.id })).status).toBe(500);
});

test('a 429 carries Retry-After and the real WebClient waits for it and succeeds on the retry', async () => {
  standin.webApi.failNext('chat.postMessage', { status: 429, retryAfterSeconds: 1 });
  const raw = await post();
  expect(raw.status).toBe(429);
  expect(raw.headers.get('retry-after')).toBe('1');

  standin.webApi.failNext('chat.postMessage', { status: 429, retryAfterSeconds: 1 });
  const client = new WebClient(botToken, {
    slackApiUrl: server.apiUrl,
    retryConfig: { retries: 1 },
    logLevel: LogLevel.ERROR,
  });
  const started = Date.now();
  const result = await client.chat.postMessage({
    channel: offboardingChannel.id,
    text: 'after the rate limit',
  });
  expect(result.ok).toBe(true);
  expect(Date.now() - started).toBeGreaterThanOrEqual(950);
  expect(standin.webApi.calls('chat.postMessage').map((call) => call.status)).toEqual([429, 429, 200]);
});
