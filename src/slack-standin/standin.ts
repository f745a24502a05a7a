import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createInteractions, type Interactions, type StandinEndpoints } from './interactions.js';
import { createWebApi, type WebApi } from './web-api.js';
import {
  type BotIdentity,
  type ChannelInput,
  type PersonInput,
  type TeamInfo,
  Workspace,
} from './workspace.js';

export interface SlackStandinOptions {
  botToken: string;
  signingSecret: string;
  /** The app's Request URL; may be set later with `setAppEventsUrl` once the app's port is known. */
  appEventsUrl?: string;
  /** Path of the Web API methods; default `/api/`. */
  apiPrefix?: string;
  /** Base URL of issued response URLs; `listen()` sets `<url>/hooks` when none is given. */
  responseUrlBase?: string;
  people: readonly PersonInput[];
  userGroups?: Readonly<Record<string, readonly string[]>>;
  primaryChannel: ChannelInput;
  otherChannels?: readonly ChannelInput[];
  team?: TeamInfo;
  bot?: BotIdentity;
  /** Workspace clock (ms since the epoch), for trigger_id and response_url expiry. */
  now?: () => number;
  /** How long to wait for the app before giving up on a request; default 10 s. */
  requestTimeoutMs?: number;
}

export interface StandinServer {
  /** e.g. `http://127.0.0.1:41234` */
  url: string;
  /** The URL to give @slack/web-api as `slackApiUrl`, e.g. `http://127.0.0.1:41234/api/`. */
  apiUrl: string;
  close(): Promise<void>;
}

export interface SlackStandin {
  workspace: Workspace;
  webApi: WebApi;
  interactions: Interactions;
  endpoints: StandinEndpoints;
  setAppEventsUrl(url: string): void;
  /** Serves the Web API and response URLs on 127.0.0.1 (port 0 = a free port). */
  listen(port?: number): Promise<StandinServer>;
}

/** A local Slack: the workspace, its Web API for the app to call, and the people's side that calls the app. */
export function createSlackStandin(options: SlackStandinOptions): SlackStandin {
  const apiPrefix = `/${(options.apiPrefix ?? '/api/').replace(/^\/+|\/+$/g, '')}/`;
  const workspace = new Workspace({
    people: options.people,
    primaryChannel: options.primaryChannel,
    ...(options.userGroups ? { userGroups: options.userGroups } : {}),
    ...(options.otherChannels ? { otherChannels: options.otherChannels } : {}),
    ...(options.team ? { team: options.team } : {}),
    ...(options.bot ? { bot: options.bot } : {}),
    ...(options.now ? { now: options.now } : {}),
  });
  const endpoints: StandinEndpoints = {
    appEventsUrl: options.appEventsUrl,
    responseUrlBase: options.responseUrlBase,
  };
  const webApi = createWebApi({
    workspace,
    botToken: options.botToken,
    apiPrefix,
    responseUrlPath: () =>
      endpoints.responseUrlBase ? new URL(endpoints.responseUrlBase).pathname : undefined,
  });
  const interactions = createInteractions({
    workspace,
    signingSecret: options.signingSecret,
    endpoints,
    ...(options.requestTimeoutMs ? { requestTimeoutMs: options.requestTimeoutMs } : {}),
  });

  return {
    workspace,
    webApi,
    interactions,
    endpoints,
    setAppEventsUrl(url) {
      endpoints.appEventsUrl = url;
    },
    async listen(port = 0) {
      const server = createServer((req, res) => {
        if (!webApi.handle(req, res)) {
          res.writeHead(404, { 'content-type': 'text/plain' });
          res.end('not found');
        }
      });
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, '127.0.0.1', () => resolve());
      });
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      endpoints.responseUrlBase ??= `${url}/hooks`;
      return {
        url,
        apiUrl: `${url}${apiPrefix}`,
        close: () =>
          new Promise<void>((resolve, reject) => {
            server.close((error) => (error ? reject(error) : resolve()));
            server.closeAllConnections();
          }),
      };
    },
  };
}
