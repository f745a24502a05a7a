import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { CardAction } from '../../src/offboarding/offboarding-card.js';
import { sandboxPeople, sandboxRoles } from '../../src/sandbox/sandbox-people.js';
import { createServices } from '../../src/services.js';
import { createLogger } from '../../src/shared/logger.js';
import { startOffboardingApp } from '../../src/slack/slack-app.js';
import { createSlackStandin } from '../../src/slack-standin/standin.js';
import { databaseTargets, type TestDatabase } from '../support/test-database.js';

/** The app's logger (same redaction), writing into memory at debug level. */
const capturingLogger = () => {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  const logger = createLogger('debug', stream);
  return { logger, text: () => lines.join('') };
};

const startApp = async (database: TestDatabase, isPrivate: boolean, botIsMember = true) => {
  const standin = createSlackStandin({
    botToken: 'xoxb-privacy',
    signingSecret: 'privacy-secret',
    people: Object.values(sandboxPeople),
    userGroups: sandboxRoles.userGroups,
    primaryChannel: { id: 'C0PRIVACY1', name: 'offboarding', isPrivate },
  });
  // Nobody invited the app into the channel.
  if (!botIsMember) standin.workspace.channel('C0PRIVACY1')?.memberIds.delete(standin.workspace.bot.userId);
  const slack = await standin.listen(0);
  const log = capturingLogger();
  const app = await startOffboardingApp({
    services: createServices({ db: database.db, timeZone: 'UTC' }),
    logger: log.logger,
    port: 0,
    host: '127.0.0.1',
    slack: {
      botToken: 'xoxb-privacy',
      signingSecret: 'privacy-secret',
      apiUrl: slack.apiUrl,
      channel: 'C0PRIVACY1',
      hrApprovers: sandboxRoles.hrApprovers,
      itConfirmers: sandboxRoles.itConfirmers,
    },
    offboardingApiToken: 'privacy-api-token-0123456789',
    clientRetry: { retries: 0 },
    delivery: { postIntervalMs: 0, pollIntervalMs: 100 },
  });
  standin.setAppEventsUrl(`${app.url}/slack/events`);
  await standin.webApi.waitForCall('conversations.info');
  await new Promise((resolve) => setTimeout(resolve, 50));
  return {
    standin,
    app,
    log,
    stop: async () => {
      await app.close();
      await slack.close();
    },
  };
};

describe.each(databaseTargets())('privacy on $label', ({ open }) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await open();
  });
  afterAll(async () => database?.close());

  test('start-up warns when OFFBOARDING_CHANNEL is public', async () => {
    const running = await startApp(database, false);
    await running.stop();
    expect(running.log.text()).toMatch(/OFFBOARDING_CHANNEL is a public channel/);
  });

  test('start-up does not warn for a private channel the app is in', async () => {
    const running = await startApp(database, true);
    await running.stop();
    expect(running.log.text()).not.toMatch(/public channel|not a member/);
  });

  test('start-up warns when the app was not invited into OFFBOARDING_CHANNEL', async () => {
    const running = await startApp(database, true, false);
    await running.stop();
    expect(running.log.text()).toMatch(/not a member of OFFBOARDING_CHANNEL/);
  });

  test('a whole flow, refusals included, logs no employee email or name even at debug level', async () => {
    const running = await startApp(database, true);
    const response = await fetch(`${running.app.url}/api/offboardings`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer privacy-api-token-0123456789' },
      body: JSON.stringify({
        email: 'secret.person@example.com',
        name: 'Secret Person',
        lastDay: '2026-12-01',
        vendors: ['one-medical'],
      }),
    });
    expect(response.status).toBe(201);
    const { id } = (await response.json()) as { id: string };
    await running.app.deliverNow();
    const card = running.standin.workspace.messages('C0PRIVACY1').at(-1);
    if (!card) throw new Error('no card');
    for (const user of [sandboxPeople.nora.id, sandboxPeople.harriet.id, sandboxPeople.hugo.id]) {
      await running.standin.interactions.clickButton({
        user,
        source: { type: 'message', ts: card.ts },
        actionId: CardAction.approve,
      });
    }
    await running.app.idle();
    await running.app.deliverNow();
    await running.stop();
    const logged = running.log.text();
    expect(logged).toContain(id);
    expect(logged).not.toMatch(/secret\.person@example\.com|Secret Person/i);
  });
});
