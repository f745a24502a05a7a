import type { IncomingMessage, ServerResponse } from 'node:http';
import { checkMessageBlocks, checkView } from './block-kit-limits.js';
import { deliverResponseMessage } from './response-delivery.js';
import { type ChannelMessage, modalStackLimit, type StoredView, type Workspace } from './workspace.js';

type Args = Record<string, unknown>;
type ApiResult = { ok: true; [key: string]: unknown } | { ok: false; error: string; [key: string]: unknown };

/** A failure the next call(s) of a method answer with, instead of doing their work. */
export type InjectedFailure =
  | { status: 429; retryAfterSeconds: number }
  | { status: 500 }
  | { error: string };

export interface WebApiCall {
  /** A Web API method name, or `response_url` for a post to a response URL. */
  method: string;
  /** The arguments as the app sent them, without the token; `blocks`, `view` and `attachments` parsed from JSON. */
  args: Args;
  status: number;
  result: unknown;
  /** Workspace clock, milliseconds since the epoch. */
  at: number;
}

export interface WebApiOptions {
  workspace: Workspace;
  botToken: string;
  /** Path the methods are served under, e.g. `/api/` or `/sandbox/slack/api/`. */
  apiPrefix: string;
  /** Path response URLs are served under, when known (e.g. `/sandbox/slack/hooks`). */
  responseUrlPath: () => string | undefined;
}

export interface WebApi {
  /** Serves the request if it is for a Web API method or a response URL; false if the route is not ours. */
  handle(req: IncomingMessage, res: ServerResponse): boolean;
  failNext(method: string, failure: InjectedFailure, times?: number): void;
  /** The call log, oldest first, optionally only one method's calls. */
  calls(method?: string): WebApiCall[];
  clearCalls(): void;
  /** Resolves with the first logged call (past or future) of the method that satisfies the predicate. */
  waitForCall(
    method: string,
    predicate?: (call: WebApiCall) => boolean,
    timeoutMs?: number,
  ): Promise<WebApiCall>;
}

const jsonArgs = ['blocks', 'view', 'attachments'] as const;
const notParsed = Symbol('not parsed');

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const fail = (error: string, messages?: string[]): ApiResult =>
  messages ? { ok: false, error, response_metadata: { messages } } : { ok: false, error };

const missing = (field: string): ApiResult =>
  fail('invalid_arguments', [`[ERROR] missing required field: ${field}`]);

const stringArg = (args: Args, key: string): string | undefined => {
  const value = args[key];
  if (typeof value === 'string' && value !== '') return value;
  if (typeof value === 'number') return String(value);
  return undefined;
};

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks).toString('utf8');
}

function parseArgs(contentType: string, raw: string, query: URLSearchParams): Args | undefined {
  const args: Args = Object.fromEntries(query);
  if (raw.trim() === '') return args;
  if (contentType.includes('application/json')) {
    try {
      const parsed: unknown = JSON.parse(raw);
      return isRecord(parsed) ? { ...args, ...parsed } : undefined;
    } catch {
      return undefined;
    }
  }
  return { ...args, ...Object.fromEntries(new URLSearchParams(raw)) };
}

/** Form bodies carry `blocks` and `view` as JSON strings; parse them once, remembering what would not parse. */
function parseJsonArgs(args: Args): Args {
  const parsed: Args = { ...args };
  for (const key of jsonArgs) {
    const value = parsed[key];
    if (typeof value !== 'string') continue;
    try {
      parsed[key] = JSON.parse(value);
    } catch {
      parsed[key] = notParsed;
    }
  }
  return parsed;
}

function messageJson(workspace: Workspace, message: ChannelMessage): Args {
  return {
    type: 'message',
    text: message.text,
    user: message.user,
    ...(message.botId
      ? {
          bot_id: message.botId,
          app_id: workspace.bot.appId,
          bot_profile: {
            id: workspace.bot.botId,
            app_id: workspace.bot.appId,
            name: workspace.bot.name,
            deleted: false,
            team_id: workspace.team.id,
          },
        }
      : {}),
    blocks: message.blocks,
    ts: message.ts,
    team: workspace.team.id,
    ...(message.threadTs ? { thread_ts: message.threadTs } : {}),
    ...(message.editedTs ? { edited: { user: message.user, ts: message.editedTs } } : {}),
  };
}

function channelJson(workspace: Workspace, channelId: string): Args | undefined {
  const channel = workspace.channel(channelId);
  if (!channel) return undefined;
  return {
    id: channel.id,
    name: channel.name,
    name_normalized: channel.name,
    is_channel: !channel.isPrivate,
    is_group: channel.isPrivate,
    is_im: false,
    is_mpim: false,
    is_private: channel.isPrivate,
    is_archived: false,
    is_general: false,
    is_shared: false,
    is_ext_shared: false,
    is_org_shared: false,
    is_member: channel.memberIds.has(workspace.bot.userId),
    created: 1_700_000_000,
    creator: workspace.bot.userId,
    context_team_id: workspace.team.id,
    topic: { value: '', creator: '', last_set: 0 },
    purpose: { value: '', creator: '', last_set: 0 },
    previous_names: [],
  };
}

type Method = (args: Args) => ApiResult;

function createMethods(workspace: Workspace): Record<string, Method> {
  /** Slack accepts a channel id or its name (with or without `#`). */
  const resolveChannel = (args: Args): string | undefined => {
    const given = stringArg(args, 'channel');
    if (!given) return undefined;
    if (workspace.channel(given)) return given;
    const name = given.replace(/^#/, '');
    return workspace.channels().find((channel) => channel.name === name)?.id;
  };

  const messageContent = (args: Args): ApiResult | { text?: string; blocks?: unknown[] } => {
    const blocks = args.blocks;
    if (blocks === notParsed || (blocks !== undefined && !Array.isArray(blocks))) {
      return fail('invalid_blocks_format');
    }
    const text = typeof args.text === 'string' ? args.text : undefined;
    const hasAttachments = args.attachments !== undefined && args.attachments !== notParsed;
    if (!text && (!blocks || blocks.length === 0) && !hasAttachments) return fail('no_text');
    if (text !== undefined && [...text].length > 40_000) return fail('msg_too_long');
    const problems = checkMessageBlocks(blocks);
    if (problems.length > 0) {
      return fail(
        'invalid_blocks',
        problems.map((problem) => `[ERROR] ${problem}`),
      );
    }
    return { ...(text !== undefined ? { text } : {}), ...(blocks ? { blocks } : {}) };
  };

  const viewArg = (args: Args): ApiResult | Record<string, unknown> => {
    const view = args.view;
    if (view === undefined || view === '') return missing('view');
    if (view === notParsed)
      return fail('invalid_arguments', ['[ERROR] view must be a JSON object [json-pointer:/view]']);
    const problems = checkView(view);
    if (problems.length > 0) {
      return fail(
        'invalid_arguments',
        problems.map((problem) => `[ERROR] ${problem}`),
      );
    }
    if (!isRecord(view) || view.type !== 'modal') {
      return fail('invalid_arguments', ['[ERROR] only modal views can be opened [json-pointer:/view/type]']);
    }
    return view;
  };

  const isResult = (value: unknown): value is ApiResult => isRecord(value) && typeof value.ok === 'boolean';

  const externalIdTaken = (view: Record<string, unknown>, except?: string): boolean =>
    typeof view.external_id === 'string' &&
    workspace.findViewByExternalId(view.external_id) !== undefined &&
    workspace.findViewByExternalId(view.external_id)?.view.id !== except;

  /** views.open and views.push: a valid view and a trigger_id exchanged for the person who interacted. */
  const exchangeTrigger = (args: Args): ApiResult | { user: string; view: Record<string, unknown> } => {
    const triggerId = stringArg(args, 'trigger_id');
    if (!triggerId) return missing('trigger_id');
    const view = viewArg(args);
    if (isResult(view)) return view;
    if (externalIdTaken(view)) return fail('duplicate_external_id');
    const trigger = workspace.redeemTriggerId(triggerId);
    if (!trigger.ok) return fail(trigger.error);
    return { user: trigger.user, view };
  };

  return {
    'api.test': (args) => ({ ok: true, args }),

    'auth.test': () => ({
      ok: true,
      url: `https://${workspace.team.domain}.slack.com/`,
      team: workspace.team.name,
      user: workspace.person(workspace.bot.userId)?.name ?? workspace.bot.name,
      team_id: workspace.team.id,
      user_id: workspace.bot.userId,
      bot_id: workspace.bot.botId,
      is_enterprise_install: false,
    }),

    'chat.postMessage': (args) => {
      const channel = resolveChannel(args);
      if (!channel) return fail('channel_not_found');
      if (!workspace.isMember(channel, workspace.bot.userId)) return fail('not_in_channel');
      const content = messageContent(args);
      if (isResult(content)) return content;
      const threadTs = stringArg(args, 'thread_ts');
      const message = workspace.postMessage({
        channel,
        user: workspace.bot.userId,
        botId: workspace.bot.botId,
        text: content.text ?? '',
        ...(content.blocks ? { blocks: content.blocks } : {}),
        ...(threadTs ? { threadTs } : {}),
      });
      return { ok: true, channel, ts: message.ts, message: messageJson(workspace, message) };
    },

    'chat.update': (args) => {
      const channel = resolveChannel(args);
      if (!channel) return fail('channel_not_found');
      const ts = stringArg(args, 'ts');
      if (!ts) return missing('ts');
      const existing = workspace.findMessage(channel, ts);
      if (!existing) return fail('message_not_found');
      if (existing.user !== workspace.bot.userId) return fail('cant_update_message');
      const content = messageContent(args);
      if (isResult(content)) return content;
      const message = workspace.updateMessage(channel, ts, content);
      return { ok: true, channel, ts, text: message.text, message: messageJson(workspace, message) };
    },

    'chat.postEphemeral': (args) => {
      const channel = resolveChannel(args);
      if (!channel) return fail('channel_not_found');
      const user = stringArg(args, 'user');
      if (!user || !workspace.person(user)) return fail('user_not_found');
      if (!workspace.isMember(channel, user)) return fail('user_not_in_channel');
      const content = messageContent(args);
      if (isResult(content)) return content;
      const message = workspace.postEphemeral({
        channel,
        user,
        text: content.text ?? '',
        ...(content.blocks ? { blocks: content.blocks } : {}),
      });
      return { ok: true, message_ts: message.ts };
    },

    'views.open': (args) => {
      const exchange = exchangeTrigger(args);
      if (isResult(exchange)) return exchange;
      return { ok: true, view: workspace.openView(exchange.user, exchange.view) };
    },

    'views.push': (args) => {
      const exchange = exchangeTrigger(args);
      if (isResult(exchange)) return exchange;
      const stack = workspace.viewStack(exchange.user);
      // A push needs a modal the person still has open.
      if (stack.length === 0) return fail('not_found');
      if (stack.length >= modalStackLimit) return fail('push_limit_reached');
      return { ok: true, view: workspace.pushView(exchange.user, exchange.view) };
    },

    'views.update': (args) => {
      const viewId = stringArg(args, 'view_id');
      const externalId = stringArg(args, 'external_id');
      if (!viewId && !externalId) return missing('view_id or external_id');
      const view = viewArg(args);
      if (isResult(view)) return view;
      const open = viewId ? workspace.findView(viewId) : workspace.findViewByExternalId(externalId ?? '');
      if (!open) return fail('not_found');
      const hash = stringArg(args, 'hash');
      if (hash && hash !== open.view.hash) return fail('hash_conflict');
      if (externalIdTaken(view, open.view.id)) return fail('duplicate_external_id');
      const updated: StoredView = workspace.updateView(open.view.id, view);
      return { ok: true, view: updated };
    },

    'conversations.info': (args) => {
      const channel = resolveChannel(args);
      const json = channel ? channelJson(workspace, channel) : undefined;
      return json ? { ok: true, channel: json } : fail('channel_not_found');
    },

    'usergroups.users.list': (args) => {
      const usergroup = stringArg(args, 'usergroup');
      if (!usergroup) return missing('usergroup');
      const users = workspace.userGroupMembers(usergroup);
      return users ? { ok: true, users } : fail('no_such_subteam');
    },

    'users.info': (args) => {
      const id = stringArg(args, 'user');
      const person = id ? workspace.person(id) : undefined;
      if (!person) return fail('user_not_found');
      return {
        ok: true,
        user: {
          id: person.id,
          team_id: workspace.team.id,
          name: person.name,
          real_name: person.realName,
          deleted: false,
          is_bot: person.isBot,
          is_app_user: false,
          is_admin: false,
          is_owner: false,
          tz: 'Europe/London',
          profile: {
            real_name: person.realName,
            display_name: person.name,
            title: person.title,
            ...(person.email ? { email: person.email } : {}),
            team: workspace.team.id,
          },
        },
      };
    },
  };
}

function send(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  res.end(JSON.stringify(body));
}

/** The Slack Web API (`<prefix><method>`) and response URLs, served from an in-memory workspace. */
export function createWebApi(options: WebApiOptions): WebApi {
  const { workspace, botToken } = options;
  const prefix = options.apiPrefix.endsWith('/') ? options.apiPrefix : `${options.apiPrefix}/`;
  const methods = createMethods(workspace);
  const log: WebApiCall[] = [];
  const waiters = new Set<(call: WebApiCall) => void>();
  const failures = new Map<string, { failure: InjectedFailure; remaining: number }>();

  const record = (call: WebApiCall) => {
    log.push(call);
    for (const waiter of [...waiters]) waiter(call);
  };

  /** What the log keeps: the parsed arguments, the raw text of JSON that would not parse, never the token. */
  const loggedArgs = (raw: Args, parsed: Args): Args => {
    const { token: _token, ...rest } = parsed;
    for (const key of jsonArgs) if (rest[key] === notParsed) rest[key] = raw[key];
    return rest;
  };

  async function serveMethod(
    req: IncomingMessage,
    res: ServerResponse,
    method: string,
    url: URL,
  ): Promise<void> {
    const raw = await readBody(req);
    let logged: Args = {};
    const answer = (status: number, result: ApiResult, headers?: Record<string, string>) => {
      send(res, status, result, headers);
      record({ method, args: logged, status, result, at: workspace.now() });
    };
    const parsed = parseArgs(String(req.headers['content-type'] ?? ''), raw, url.searchParams);
    if (!parsed) {
      answer(200, fail('invalid_json'));
      return;
    }
    const args = parseJsonArgs(parsed);
    logged = loggedArgs(parsed, args);
    const implementation = methods[method];
    if (!implementation) {
      answer(200, { ...fail('unknown_method'), req_method: method });
      return;
    }
    const header = req.headers.authorization;
    // Slack takes a token in the body of form posts only; JSON posts must use the Authorization header.
    const isJson = String(req.headers['content-type'] ?? '').includes('application/json');
    const token = header?.startsWith('Bearer ')
      ? header.slice('Bearer '.length)
      : isJson
        ? undefined
        : stringArg(args, 'token');
    if (!token) {
      answer(200, fail('not_authed'));
      return;
    }
    if (token !== botToken) {
      answer(200, fail('invalid_auth'));
      return;
    }
    const injected = failures.get(method);
    if (injected) {
      injected.remaining -= 1;
      if (injected.remaining <= 0) failures.delete(method);
      const { failure } = injected;
      if ('error' in failure) answer(200, fail(failure.error));
      else if (failure.status === 429) {
        answer(429, fail('ratelimited'), { 'retry-after': String(failure.retryAfterSeconds) });
      } else answer(500, fail('internal_error'));
      return;
    }
    answer(200, implementation(args));
  }

  async function serveResponseUrl(req: IncomingMessage, res: ServerResponse, token: string): Promise<void> {
    const raw = await readBody(req);
    let body: unknown;
    try {
      body = JSON.parse(raw);
    } catch {
      body = undefined;
    }
    const args: Args = isRecord(body) ? body : { raw };
    const answer = (status: number, result: ApiResult) => {
      send(res, status, result);
      record({ method: 'response_url', args, status, result, at: workspace.now() });
    };
    if (req.method !== 'POST') {
      answer(405, fail('method_not_allowed'));
      return;
    }
    const redemption = workspace.redeemResponseUrl(token);
    if (!redemption.ok) {
      answer(404, fail(redemption.error));
      return;
    }
    const delivery = deliverResponseMessage(workspace, redemption.target, body);
    if (!delivery.ok)
      answer(400, fail(delivery.error, delivery.messages.length > 0 ? delivery.messages : undefined));
    else answer(200, { ok: true });
  }

  return {
    handle(req, res) {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const fail500 = (error: unknown) => {
        if (!res.headersSent) send(res, 500, fail('internal_error', [String(error)]));
        else res.end();
      };
      if (url.pathname.startsWith(prefix)) {
        serveMethod(req, res, decodeURIComponent(url.pathname.slice(prefix.length)), url).catch(fail500);
        return true;
      }
      const hooks = options.responseUrlPath()?.replace(/\/$/, '');
      if (hooks && url.pathname.startsWith(`${hooks}/`)) {
        const token = url.pathname.slice(hooks.length + 1).replace(/^(commands|actions)\//, '');
        serveResponseUrl(req, res, decodeURIComponent(token)).catch(fail500);
        return true;
      }
      return false;
    },

    failNext(method, failure, times = 1) {
      failures.set(method, { failure, remaining: times });
    },

    calls(method) {
      return log.filter((call) => method === undefined || call.method === method);
    },

    clearCalls() {
      log.length = 0;
    },

    waitForCall(method, predicate = () => true, timeoutMs = 2000) {
      const matches = (call: WebApiCall) => call.method === method && predicate(call);
      const past = log.find(matches);
      if (past) return Promise.resolve(past);
      return new Promise((resolve, reject) => {
        const waiter = (call: WebApiCall) => {
          if (!matches(call)) return;
          clearTimeout(timer);
          waiters.delete(waiter);
          resolve(call);
        };
        const timer = setTimeout(() => {
          waiters.delete(waiter);
          reject(new Error(`no ${method} call within ${timeoutMs} ms`));
        }, timeoutMs);
        waiters.add(waiter);
      });
    },
  };
}
