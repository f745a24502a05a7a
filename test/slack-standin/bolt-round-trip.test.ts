import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App, HTTPReceiver, LogLevel } from '@slack/bolt';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { signSlackRequest } from '../../src/slack-standin/interactions.js';
import type { StandinServer } from '../../src/slack-standin/standin.js';
import {
  approvalCard,
  botToken,
  hrApprover,
  offboardingChannel,
  offboardingStandin,
  removalModal,
  signingSecret,
} from './offboarding-workspace.js';

const standin = offboardingStandin();
const { workspace, interactions, webApi } = standin;
let slack: StandinServer;
let app: App;

beforeAll(async () => {
  slack = await standin.listen(0);
  const receiver = new HTTPReceiver({ signingSecret, logLevel: LogLevel.ERROR });
  app = new App({
    token: botToken,
    receiver,
    logLevel: LogLevel.ERROR,
    clientOptions: { slackApiUrl: slack.apiUrl, retryConfig: { retries: 0 } },
  });

  app.command('/benefits-offboard', async ({ ack, command, client }) => {
    await ack();
    await client.chat.postMessage({
      channel: command.channel_id,
      text: `Offboarding: ${command.text}`,
      blocks: approvalCard,
    });
  });

  app.action('approve_removal', async ({ ack, body, client }) => {
    await ack();
    if (body.type !== 'block_actions' || !body.message || !body.channel) return;
    await client.chat.update({
      channel: body.channel.id,
      ts: body.message.ts,
      text: `Approved by <@${body.user.id}>`,
      blocks: [{ type: 'section', text: { type: 'mrkdwn', text: `Approved by <@${body.user.id}>` } }],
    });
  });

  app.action('reject_removal', async ({ ack, body, client }) => {
    await ack();
    await client.views.open({
      trigger_id: (body as { trigger_id: string }).trigger_id,
      view: removalModal as never,
    });
  });

  app.view('confirm_removal', async ({ ack, view }) => {
    const reference = view.state.values.reference?.value?.value ?? '';
    if (!reference.startsWith('ACME-')) {
      await ack({ response_action: 'errors', errors: { reference: 'Acme references start with ACME-' } });
      return;
    }
    await ack();
  });

  const server = (await app.start({ port: 0, host: '127.0.0.1' })) as Server;
  standin.setAppEventsUrl(`http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`);
});

afterAll(async () => {
  await app.stop();
  await slack.close();
});

test('a real Bolt app answers a slash command and a button click by posting and updating through the stand-in', async () => {
  const command = await interactions.runSlashCommand({
    user: hrApprover.id,
    command: '/benefits-offboard',
    text: 'Lee Park',
  });
  expect(command).toMatchObject({ status: 200, withinAckDeadline: true });
  const posted = await webApi.waitForCall('chat.postMessage', (call) => call.status === 200);
  const ts = String((posted.result as { ts: string }).ts);
  expect(workspace.findMessage(offboardingChannel.id, ts)?.text).toBe('Offboarding: Lee Park');

  const click = await interactions.clickButton({
    user: hrApprover.id,
    source: { type: 'message', ts },
    actionId: 'approve_removal',
  });
  expect(click.status).toBe(200);
  await webApi.waitForCall('chat.update');
  expect(webApi.calls('auth.test')[0]?.result).toMatchObject({ ok: true, bot_id: workspace.bot.botId });
  const snapshot = workspace.snapshotFor(hrApprover.id);
  expect(snapshot.messages.at(-1)).toMatchObject({
    ts,
    text: `Approved by <@${hrApprover.id}>`,
    edited: true,
  });
});

test('a click that opens a modal, then a submission the app refuses and one it accepts', async () => {
  const card = workspace.postMessage({
    channel: offboardingChannel.id,
    user: workspace.bot.userId,
    botId: workspace.bot.botId,
    text: 'Offboarding: Lee Park',
    blocks: approvalCard,
  });
  await interactions.clickButton({
    user: hrApprover.id,
    source: { type: 'message', ts: card.ts },
    actionId: 'reject_removal',
  });
  const opened = await webApi.waitForCall('views.open');
  expect(opened.result).toMatchObject({ ok: true });
  expect(workspace.topView(hrApprover.id)?.view.callback_id).toBe('confirm_removal');

  const refused = await interactions.submitView({
    user: hrApprover.id,
    values: { reference: { value: 'XYZ-12' } },
  });
  expect(refused).toMatchObject({
    result: 'errors',
    errors: { reference: 'Acme references start with ACME-' },
  });
  const accepted = await interactions.submitView({
    user: hrApprover.id,
    values: { reference: { value: 'ACME-12' } },
  });
  expect(accepted.result).toBe('closed');
  expect(workspace.topView(hrApprover.id)).toBeUndefined();
});

test('Bolt refuses a request with a forged signature or a stale timestamp', async () => {
  const body = new URLSearchParams({
    payload: JSON.stringify({ type: 'shortcut', callback_id: 'x' }),
  }).toString();
  const now = Math.floor(Date.now() / 1000);
  const headers = (signature: string, timestamp: number) => ({
    'content-type': 'application/x-www-form-urlencoded',
    'x-slack-signature': signature,
    'x-slack-request-timestamp': String(timestamp),
  });
  const forged = await interactions.sendRaw({
    body,
    headers: headers(signSlackRequest({ signingSecret: 'not-the-secret', body, timestamp: now }), now),
  });
  expect(forged.status).toBe(401);
  const stale = now - 10 * 60;
  const old = await interactions.sendRaw({
    body,
    headers: headers(signSlackRequest({ signingSecret, body, timestamp: stale }), stale),
  });
  expect(old.status).toBe(401);
});
