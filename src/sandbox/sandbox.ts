import { randomBytes } from 'node:crypto';
import type { Runtime } from '../runtime.js';
import { type RunningOffboardingApp, startOffboardingApp } from '../slack/slack-app.js';
import { createSlackStandin } from '../slack-standin/standin.js';
import { seedDemo } from './demo-seed.js';
import { createSandboxRepository } from './sandbox.repository.js';
import { sandboxChannel, sandboxPeople, sandboxRoles } from './sandbox-people.js';
import { createSandboxRoutes } from './sandbox-routes.js';

const API_PREFIX = '/sandbox/slack/api/';
const HOOKS_PREFIX = '/sandbox/slack/hooks';

/**
 * `npm start` without a Slack token: the real app, same factory and listeners, wired to a local Slack stand-in
 * served on the same port. The stand-in answers the app's Web API calls and sends it signed requests for what
 * a person does on the page.
 */
export const startSandbox = async ({ runtime }: { runtime: Runtime }): Promise<RunningOffboardingApp> => {
  const { config, services, logger } = runtime;
  const signingSecret = randomBytes(24).toString('hex');
  const botToken = `xoxb-sandbox-${randomBytes(12).toString('hex')}`;
  const apiToken = config.offboardingApiToken ?? randomBytes(24).toString('hex');

  const standin = createSlackStandin({
    botToken,
    signingSecret,
    apiPrefix: API_PREFIX,
    people: Object.values(sandboxPeople),
    userGroups: sandboxRoles.userGroups,
    primaryChannel: sandboxChannel,
    team: { id: 'T0SANDBOX', name: 'Acme (sandbox)', domain: 'acme-sandbox' },
  });

  let selfUrl = '';
  const routes = createSandboxRoutes({
    standin,
    defaultPerson: sandboxPeople.harriet.id,
    callWebhook: async (body) => {
      const response = await fetch(`${selfUrl}/api/offboardings`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${apiToken}` },
        body: JSON.stringify(body),
      });
      return { status: response.status, body: await response.json() };
    },
  });

  const running = await startOffboardingApp({
    services,
    logger,
    port: config.port,
    slack: {
      botToken,
      signingSecret,
      apiUrl: (serverUrl) => `${serverUrl}${API_PREFIX}`,
      channel: sandboxChannel.id,
      hrApprovers: sandboxRoles.hrApprovers,
      itConfirmers: sandboxRoles.itConfirmers,
    },
    offboardingApiToken: apiToken,
    // Slack's pace would make the demo slow to appear; the stand-in has no rate limit to respect.
    delivery: { postIntervalMs: 100, pollIntervalMs: 1000 },
    extraRoutes: async (req, res) => standin.webApi.handle(req, res) || routes(req, res),
  });
  selfUrl = running.url;
  standin.setAppEventsUrl(`${running.url}/slack/events`);
  standin.endpoints.responseUrlBase = `${running.url}${HOOKS_PREFIX}`;

  const sandbox = createSandboxRepository({ db: services.db, outbox: services.outbox });
  if ((await sandbox.caseCount()) === 0) {
    await seedDemo(services, services.clock());
    logger.info('sandbox demo data created');
  } else {
    await sandbox.replayChannel(services.clock());
  }
  void running.deliverNow();

  logger.info(
    { port: running.port, database: runtime.database.kind },
    `sandbox ready: open http://localhost:${running.port} (no Slack workspace needed)`,
  );
  process.stderr.write(`\n  Benefits offboarding sandbox: http://localhost:${running.port}\n\n`);
  return running;
};
