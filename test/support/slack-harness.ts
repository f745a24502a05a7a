import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { sandboxChannel, sandboxPeople, sandboxRoles } from '../../src/sandbox/sandbox-people.js';
import { createServices, type Services } from '../../src/services.js';
import { createLogger } from '../../src/shared/logger.js';
import { type RunningOffboardingApp, startOffboardingApp } from '../../src/slack/slack-app.js';
import {
  createSlackStandin,
  type SlackStandin,
  type StandinServer,
} from '../../src/slack-standin/standin.js';
import type { TestDatabase } from './test-database.js';

export const people = sandboxPeople;
export const channel = sandboxChannel.id;
export const apiToken = 'test-offboarding-api-token-0123456789';

export type Harness = {
  standin: SlackStandin;
  slack: StandinServer;
  app: RunningOffboardingApp;
  services: Services;
  signingSecret: string;
  /** Posts to the HR-system webhook. */
  webhook: (body: unknown, token?: string) => Promise<{ status: number; body: Record<string, unknown> }>;
  /** Waits until every committed change has reached Slack. */
  settle: (timeoutMs?: number) => Promise<void>;
  /** The card message of a case, as Slack shows it now. */
  card: (caseId: string) => Promise<{ ts: string; text: string; blocks: unknown[]; replies: string[] }>;
  stop: () => Promise<void>;
};

/** The real app over real HTTP, against a local Slack stand-in that checks arguments and Block Kit limits. */
export const startHarness = async (
  database: TestDatabase,
  options: { clock?: () => Date; offboardingApiToken?: string | null } = {},
): Promise<Harness> => {
  const signingSecret = randomBytes(16).toString('hex');
  const botToken = 'xoxb-test-bot-token';
  const standin = createSlackStandin({
    botToken,
    signingSecret,
    people: Object.values(sandboxPeople),
    userGroups: sandboxRoles.userGroups,
    primaryChannel: sandboxChannel,
  });
  const slack = await standin.listen(0);
  const services = createServices({
    db: database.db,
    timeZone: 'UTC',
    ...(options.clock ? { clock: options.clock } : {}),
  });
  const token = options.offboardingApiToken === null ? undefined : (options.offboardingApiToken ?? apiToken);
  const app = await startOffboardingApp({
    services,
    logger: createLogger(process.env.TEST_LOG_LEVEL ?? 'silent'),
    port: 0,
    host: '127.0.0.1',
    slack: {
      botToken,
      signingSecret,
      apiUrl: slack.apiUrl,
      channel: sandboxChannel.id,
      hrApprovers: sandboxRoles.hrApprovers,
      itConfirmers: sandboxRoles.itConfirmers,
    },
    ...(token ? { offboardingApiToken: token } : {}),
    clientRetry: { retries: 0 },
    delivery: { postIntervalMs: 0, retryDelayMs: 50, maxRetryDelayMs: 200, pollIntervalMs: 100 },
  });
  standin.setAppEventsUrl(`${app.url}/slack/events`);

  const settle = async (timeoutMs = 10_000) => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      await app.idle();
      await app.deliverNow();
      if ((await services.outbox.pendingCount()) === 0) return;
      if (Date.now() > deadline) throw new Error('Slack outbox did not drain in time');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };

  return {
    standin,
    slack,
    app,
    services,
    signingSecret,
    settle,
    webhook: async (body, bearer = apiToken) => {
      const response = await fetch(`${app.url}/api/offboardings`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${bearer}` },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      });
      return { status: response.status, body: (await response.json()) as Record<string, unknown> };
    },
    card: async (caseId) => {
      const record = await services.cases.getCase(caseId);
      if (!record?.slackTs) throw new Error(`case ${caseId} has no card yet`);
      const message = standin.workspace.findMessage(sandboxChannel.id, record.slackTs);
      if (!message) throw new Error(`card ${record.slackTs} is not in the channel`);
      return {
        ts: message.ts,
        text: message.text,
        blocks: [...message.blocks],
        replies: message.replies.map((reply) => reply.text),
      };
    },
    stop: async () => {
      await app.close();
      await slack.close();
    },
  };
};

/** Every button label on a card, in order. */
export const buttonLabels = (blocks: unknown[]): string[] =>
  blocks.flatMap((block) => {
    const elements = (block as { type: string; elements?: { type: string; text?: { text: string } }[] })
      .elements;
    if ((block as { type: string }).type !== 'actions' || !elements) return [];
    return elements.filter((element) => element.type === 'button').map((element) => element.text?.text ?? '');
  });

/**
 * Registers the usual hooks of a Slack suite: one database and one running app per file, stopped at the end;
 * before each test, pending Slack work is delivered and the database emptied.
 */
export const useHarness = (
  open: () => Promise<TestDatabase>,
  receive: (database: TestDatabase, harness: Harness) => void,
  options: Parameters<typeof startHarness>[1] = {},
): void => {
  let database: TestDatabase | undefined;
  let harness: Harness | undefined;
  beforeAll(async () => {
    database = await open();
    harness = await startHarness(database, options);
    receive(database, harness);
  });
  afterAll(async () => {
    await harness?.stop();
    await database?.close();
  });
  beforeEach(async () => {
    await harness?.settle();
    await database?.reset();
  });
};
