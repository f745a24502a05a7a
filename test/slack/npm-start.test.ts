import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { CardAction } from '../../src/offboarding/offboarding-card.js';
import { Field } from '../../src/offboarding/offboarding-modals.js';
import { sandboxChannel, sandboxPeople, sandboxRoles } from '../../src/sandbox/sandbox-people.js';
import {
  createSlackStandin,
  type SlackStandin,
  type StandinServer,
} from '../../src/slack-standin/standin.js';
import { type SandboxProcess, startSandboxProcess } from '../sandbox/support/sandbox-process.js';
import { buttonLabels } from '../support/slack-harness.js';

const botToken = 'xoxb-npm-start-test';
const signingSecret = 'npm-start-test-signing-secret';
const apiToken = 'npm-start-test-api-token-0123456789';

const waitFor = async <T>(probe: () => T | undefined, what: string, timeoutMs = 15_000): Promise<T> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
};

// `npm start` as an operator runs it: HTTP mode, every variable from CONTRACT.md, Slack replaced by the stand-in.
describe('npm start in HTTP mode against a Slack Web API at SLACK_API_URL', () => {
  let standin: SlackStandin;
  let slack: StandinServer;
  let app: SandboxProcess;

  beforeAll(async () => {
    standin = createSlackStandin({
      botToken,
      signingSecret,
      people: Object.values(sandboxPeople),
      userGroups: sandboxRoles.userGroups,
      primaryChannel: sandboxChannel,
    });
    slack = await standin.listen(0);
    app = await startSandboxProcess({
      env: {
        SLACK_BOT_TOKEN: botToken,
        SLACK_SIGNING_SECRET: signingSecret,
        SLACK_API_URL: slack.apiUrl,
        OFFBOARDING_CHANNEL: sandboxChannel.id,
        HR_APPROVERS: sandboxRoles.hrApprovers.join(','),
        IT_CONFIRMERS: sandboxRoles.itConfirmers.join(','),
        OFFBOARDING_API_TOKEN: apiToken,
        BUSINESS_TIMEZONE: 'America/New_York',
      },
    });
    await app.healthy(60_000);
    standin.setAppEventsUrl(`${app.url}/slack/events`);
  }, 90_000);

  afterAll(async () => {
    await app?.stop();
    await slack?.close();
  });

  test('an HR-system case is approved and confirmed, every Slack call going to SLACK_API_URL', async () => {
    const response = await fetch(`${app.url}/api/offboardings`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${apiToken}` },
      body: JSON.stringify({
        email: 'rosa@example.com',
        name: 'Rosa Diaz',
        lastDay: '2026-11-30',
        vendors: ['betterup'],
      }),
    });
    expect(response.status).toBe(201);
    const card = await waitFor(
      () =>
        standin.workspace.messages(sandboxChannel.id).find((message) => message.text.includes('Rosa Diaz')),
      'the card',
    );
    expect(buttonLabels([...card.blocks])).toEqual(['Approve', 'Reject']);

    await standin.interactions.clickButton({
      user: sandboxPeople.hugo.id,
      source: { type: 'message', ts: card.ts },
      actionId: CardAction.approve,
    });
    await waitFor(
      () =>
        buttonLabels([...(standin.workspace.findMessage(sandboxChannel.id, card.ts)?.blocks ?? [])]).includes(
          'Vendor confirmed removal',
        )
          ? true
          : undefined,
      'the approved card',
    );
    await standin.interactions.clickButton({
      user: sandboxPeople.ivan.id,
      source: { type: 'message', ts: card.ts },
      actionId: CardAction.confirmRemoval,
    });
    await waitFor(() => standin.workspace.topView(sandboxPeople.ivan.id), 'the evidence modal');
    const submitted = await standin.interactions.submitView({
      user: sandboxPeople.ivan.id,
      values: {
        [Field.reference.block]: { [Field.reference.action]: 'BU-7731' },
        [Field.vendorContact.block]: { [Field.vendorContact.action]: 'BetterUp customer success' },
        [Field.confirmedOn.block]: { [Field.confirmedOn.action]: '2026-11-20' },
      },
    });
    expect(submitted.result).toBe('closed');
    const done = await waitFor(() => {
      const message = standin.workspace.findMessage(sandboxChannel.id, card.ts);
      return message && buttonLabels([...message.blocks]).length === 0 && message.replies.length === 3
        ? message
        : undefined;
    }, 'the completed card');
    expect(done.replies.map((reply) => reply.text.split(' ')[0])).toEqual([
      'Started',
      'Approved',
      'BetterUp',
    ]);
    // The app found its Slack through SLACK_API_URL: every call it made reached the stand-in.
    expect(standin.webApi.calls('auth.test').length).toBeGreaterThan(0);
    expect(standin.webApi.calls('usergroups.users.list').length).toBeGreaterThan(0);
  });

  test('its logs carry ids, never the employee’s email or name', () => {
    expect(app.output()).not.toMatch(/rosa@example\.com|Rosa Diaz/);
    expect(app.output()).toMatch(/"caseId":"[0-9a-f-]{36}"/);
  });
});

describe('npm start with a bad configuration', () => {
  test('stops with one message naming every bad variable and no stack trace', async () => {
    const app = await startSandboxProcess({
      env: { SLACK_BOT_TOKEN: 'xoxb-1', PORT: 'abc', HR_APPROVERS: 'alice', BUSINESS_TIMEZONE: 'Mars/Base' },
    });
    await expect(app.healthy(30_000)).rejects.toThrow(/exited/);
    const output = app.output();
    for (const name of [
      'PORT',
      'HR_APPROVERS',
      'IT_CONFIRMERS',
      'BUSINESS_TIMEZONE',
      'SLACK_SIGNING_SECRET',
      'OFFBOARDING_CHANNEL',
    ]) {
      expect(output).toContain(name);
    }
    expect(output).not.toMatch(/\n\s+at .+\(.+:\d+:\d+\)/);
    await app.stop();
  }, 60_000);
});

describe('the sandbox reset', () => {
  test('--reset deletes the sandbox database and starts again from the demo data', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'sandbox-reset-'));
    const first = await startSandboxProcess({ dataDir });
    await first.healthy(60_000);
    const started = await fetch(`${first.url}/sandbox/api/webhook`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        email: 'kept@example.com',
        name: 'Kept Person',
        lastDay: '2026-12-01',
        vendors: ['betterup'],
      }),
    });
    expect(await started.json()).toMatchObject({ ok: true });
    await first.stop();

    const cardsAfter = async (args: string[], expected: number) => {
      const app = await startSandboxProcess({ dataDir, args });
      try {
        await app.healthy(60_000);
        const deadline = Date.now() + 15_000;
        let texts: string[] = [];
        while (Date.now() < deadline) {
          const state = (await (await fetch(`${app.url}/sandbox/api/state`)).json()) as {
            messages: { text: string }[];
          };
          texts = state.messages.map((message) => message.text);
          if (texts.length >= expected) break;
          await new Promise((resolve) => setTimeout(resolve, 200));
        }
        return texts;
      } finally {
        await app.stop();
      }
    };
    // A plain restart keeps the data and rebuilds the in-memory channel from the database.
    const afterRestart = await cardsAfter([], 6);
    expect(afterRestart).toHaveLength(6);
    expect(afterRestart.some((text) => text.includes('Kept Person'))).toBe(true);
    const afterReset = await cardsAfter(['--reset'], 5);
    expect(afterReset).toHaveLength(5);
    expect(afterReset.some((text) => text.includes('Kept Person'))).toBe(false);
    expect(readdirSync(dataDir)).toEqual(['pglite']);
  }, 180_000);
});
