import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App, type Logger as BoltLogger, HTTPReceiver, LogLevel } from '@slack/bolt';
import type { RetryOptions } from '@slack/web-api';
import { pingDatabase } from '../db/database.js';
import { sendJson } from '../http/json-http.js';
import { registerOffboardingListeners } from '../offboarding/offboarding.listeners.js';
import { createOffboardingWebhook } from '../offboarding/offboarding-webhook.js';
import type { Services } from '../services.js';
import type { Logger } from '../shared/logger.js';
import { registerStatusListeners } from '../status/status.listeners.js';
import { createStatusRepository } from '../status/status.repository.js';
import { createAccessControl } from './access-control.js';
import { createCardDelivery, type DeliveryOptions } from './card-delivery.js';

export type SlackConnection = {
  botToken: string;
  signingSecret: string;
  /** Set: Socket Mode. Unset: HTTP mode on `/slack/events`. */
  appToken?: string;
  /** Base URL of the Web API, e.g. a local stand-in; a function gets this server's own URL (the sandbox). */
  apiUrl?: string | ((serverUrl: string) => string);
  channel: string;
  hrApprovers: string[];
  itConfirmers: string[];
};

export type OffboardingAppOptions = {
  services: Services;
  logger: Logger;
  slack: SlackConnection;
  offboardingApiToken?: string;
  port: number;
  host?: string;
  /** Web API retries; Slack's 429 Retry-After is always honoured. Tests use fewer. */
  clientRetry?: RetryOptions;
  delivery?: DeliveryOptions;
  /** More routes on the same server (the sandbox page); returns true when it answered. */
  extraRoutes?: (req: IncomingMessage, res: ServerResponse) => Promise<boolean>;
};

export type RunningOffboardingApp = {
  app: App;
  server: Server;
  url: string;
  port: number;
  deliverNow: () => Promise<void>;
  /** Resolves when no listener is still running. */
  idle: () => Promise<void>;
  close: () => Promise<void>;
};

/** Bolt's own logging, through pino, at warn unless debugging: its debug lines can carry payloads. */
const boltLogger = (logger: Logger): BoltLogger => {
  const child = logger.child({ module: 'bolt' });
  let level = LogLevel.WARN;
  return {
    debug: (...msg: unknown[]) => level === LogLevel.DEBUG && child.debug(msg.map(String).join(' ')),
    info: (...msg: unknown[]) =>
      (level === LogLevel.DEBUG || level === LogLevel.INFO) && child.info(msg.map(String).join(' ')),
    warn: (...msg: unknown[]) => level !== LogLevel.ERROR && child.warn(msg.map(String).join(' ')),
    error: (...msg: unknown[]) => child.error(msg.map(String).join(' ')),
    setLevel: (next: LogLevel) => {
      level = next;
    },
    getLevel: () => level,
    setName: () => {},
  };
};

const DEFAULT_RETRY: RetryOptions = {
  retries: 5,
  factor: 2,
  minTimeout: 500,
  maxTimeout: 30_000,
  randomize: true,
};

/**
 * One factory for every mode: HTTP (Slack or the sandbox stand-in) and Socket Mode. It owns the HTTP server,
 * which also serves the HR-system webhook, the health check and any extra routes.
 */
export const startOffboardingApp = async (options: OffboardingAppOptions): Promise<RunningOffboardingApp> => {
  const { services, logger, slack } = options;
  const socketMode = Boolean(slack.appToken);
  const receiver = socketMode
    ? undefined
    : new HTTPReceiver({
        signingSecret: slack.signingSecret,
        logger: boltLogger(logger),
        processBeforeResponse: false,
        unhandledRequestTimeoutMillis: 2900,
      });

  let deliveryKick: () => void = () => {};
  const webhook = createOffboardingWebhook({
    services,
    apiToken: options.offboardingApiToken,
    logger,
    onCaseStarted: () => deliveryKick(),
  });

  const health = async (res: ServerResponse) => {
    try {
      await pingDatabase(services.db);
      sendJson(res, 200, { ok: true, db: 'ok' });
    } catch {
      sendJson(res, 503, { ok: false, db: 'unreachable' });
    }
  };

  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    const route = async () => {
      if (path === '/healthz' && req.method === 'GET') return health(res);
      if (path === '/api/offboardings' && req.method === 'POST') return webhook(req, res);
      if (path === '/slack/events' && receiver) return receiver.requestListener(req, res);
      if (options.extraRoutes && (await options.extraRoutes(req, res))) return;
      sendJson(res, 404, { error: 'not_found' });
    };
    route().catch((error: unknown) => {
      logger.error({ err: (error as Error).message, path }, 'request failed');
      if (!res.headersSent) sendJson(res, 500, { error: 'internal' });
      else res.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? '0.0.0.0', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const url = `http://127.0.0.1:${port}`;
  const apiUrl = typeof slack.apiUrl === 'function' ? slack.apiUrl(url) : slack.apiUrl;

  const app = new App({
    token: slack.botToken,
    logger: boltLogger(logger),
    clientOptions: {
      ...(apiUrl ? { slackApiUrl: apiUrl } : {}),
      retryConfig: options.clientRetry ?? DEFAULT_RETRY,
    },
    ...(receiver
      ? { receiver }
      : { socketMode: true, appToken: slack.appToken as string, signingSecret: slack.signingSecret }),
  });

  const access = createAccessControl({
    client: app.client,
    hrApprovers: slack.hrApprovers,
    itConfirmers: slack.itConfirmers,
    logger,
  });
  const delivery = createCardDelivery({
    services,
    client: app.client,
    channel: slack.channel,
    logger,
    ...(options.delivery ? { options: options.delivery } : {}),
  });
  deliveryKick = () => void delivery.kick();

  // Listeners keep working after ack(); count them so shutdown (and tests) can wait for them to finish.
  let inFlight = 0;
  let idleWaiters: (() => void)[] = [];
  app.use(async ({ next }) => {
    inFlight += 1;
    try {
      await next();
    } finally {
      inFlight -= 1;
      if (inFlight === 0) {
        for (const resolve of idleWaiters) resolve();
        idleWaiters = [];
      }
    }
  });
  const idle = () =>
    inFlight === 0 ? Promise.resolve() : new Promise<void>((resolve) => idleWaiters.push(resolve));

  registerOffboardingListeners(app, { services, access, delivery, logger });
  registerStatusListeners(app, {
    status: createStatusRepository({ db: services.db }),
    access,
    vendors: () => services.vendors.listActive(),
    timeZone: services.timeZone,
    clock: services.clock,
    logger,
    recordDenied: (attempt) => services.offboarding.recordDenied(attempt),
  });
  app.error(async (error) => {
    logger.error(
      { err: error.message, code: (error as { code?: string }).code },
      'unhandled error in a listener',
    );
  });

  if (socketMode) await app.start();
  delivery.start();
  void warnIfChannelIsPublic(app, slack.channel, logger);

  return {
    app,
    server,
    port,
    url,
    deliverNow: () => delivery.kick(),
    idle,
    close: async () => {
      await idle();
      await delivery.stop();
      if (socketMode) await app.stop();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
};

/** Benefits enrollment is sensitive: the cards belong in a private channel. */
const warnIfChannelIsPublic = async (app: App, channel: string, logger: Logger) => {
  try {
    const info = await app.client.conversations.info({ channel });
    if (info.channel?.is_member === false) {
      logger.warn(
        { channel },
        'the app is not a member of OFFBOARDING_CHANNEL: invite it, or cards cannot be posted',
      );
    }
    if (info.channel && !info.channel.is_private) {
      logger.warn(
        { channel },
        'OFFBOARDING_CHANNEL is a public channel: anyone in the workspace can read who is leaving and their benefits. Use a private channel.',
      );
    }
  } catch (error) {
    logger.warn(
      { channel, err: (error as Error).message },
      'could not check whether OFFBOARDING_CHANNEL is private',
    );
  }
};
