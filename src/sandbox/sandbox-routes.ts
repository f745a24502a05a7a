import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { readBody, sendJson } from '../http/json-http.js';
import type { SlackStandin } from '../slack-standin/standin.js';
import { sandboxAsset } from './page/assets.js';

const source = z.discriminatedUnion('type', [
  z.object({ type: z.literal('message'), ts: z.string() }),
  z.object({ type: z.literal('ephemeral'), ts: z.string() }),
  z.object({ type: z.literal('modal'), viewId: z.string() }),
]);
const person = z.string().min(1);
const requests = {
  click: z.object({
    as: person,
    source,
    actionId: z.string(),
    blockId: z.string().optional(),
    value: z.string().optional(),
    selectedOption: z.union([z.string(), z.object({ value: z.string() }).loose()]).optional(),
  }),
  submit: z.object({
    as: person,
    viewId: z.string(),
    values: z.record(z.string(), z.record(z.string(), z.any())),
  }),
  close: z.object({ as: person, viewId: z.string() }),
  command: z.object({ as: person, text: z.string().max(4000) }),
  shortcut: z.object({ as: person, callbackId: z.string() }),
  webhook: z.record(z.string(), z.unknown()),
};

/**
 * The sandbox page's routes: the page itself, the person's view of the workspace (JSON and a change stream),
 * and what the person does, sent to the app by the stand-in exactly as Slack would send it.
 */
export const createSandboxRoutes = (deps: {
  standin: SlackStandin;
  defaultPerson: string;
  /** Fires the HR-system webhook on this server, as an HR system would. */
  callWebhook: (body: unknown) => Promise<{ status: number; body: unknown }>;
}) => {
  const { standin } = deps;
  const knownPerson = (id: string | null | undefined) =>
    id && standin.workspace.person(id) ? id : deps.defaultPerson;

  const stream = (req: IncomingMessage, res: ServerResponse) => {
    res.writeHead(200, {
      'content-type': 'text/event-stream',
      'cache-control': 'no-store',
      connection: 'keep-alive',
    });
    res.write(`event: change\ndata: ${JSON.stringify({ version: standin.workspace.version })}\n\n`);
    const unsubscribe = standin.workspace.subscribe((version) => {
      res.write(`event: change\ndata: ${JSON.stringify({ version })}\n\n`);
    });
    const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), 15_000);
    req.on('close', () => {
      clearInterval(heartbeat);
      unsubscribe();
    });
  };

  const act = async (route: string, body: unknown): Promise<Record<string, unknown>> => {
    switch (route) {
      case 'click': {
        const input = requests.click.parse(body);
        const outcome = await standin.interactions.clickButton({
          user: knownPerson(input.as),
          source: input.source,
          actionId: input.actionId,
          ...(input.blockId ? { blockId: input.blockId } : {}),
          ...(input.value !== undefined ? { value: input.value } : {}),
          ...(input.selectedOption !== undefined
            ? {
                selectedOption:
                  typeof input.selectedOption === 'string'
                    ? input.selectedOption
                    : { value: input.selectedOption.value },
              }
            : {}),
        });
        return { ok: outcome.status === 200, ackMs: outcome.ackMs };
      }
      case 'submit': {
        const input = requests.submit.parse(body);
        const outcome = await standin.interactions.submitView({
          user: knownPerson(input.as),
          viewId: input.viewId,
          values: input.values,
        });
        return {
          ok: outcome.status === 200 || outcome.result === 'not_sent',
          result: outcome.result,
          errors: outcome.errors,
        };
      }
      case 'close': {
        const input = requests.close.parse(body);
        await standin.interactions.closeView({ user: knownPerson(input.as), viewId: input.viewId });
        return { ok: true };
      }
      case 'command': {
        const input = requests.command.parse(body);
        const match = /^(\/[a-z0-9_-]+)\s*([\s\S]*)$/i.exec(input.text.trim());
        if (!match) return { ok: false, error: 'Type a slash command, e.g. /benefits-status' };
        const outcome = await standin.interactions.runSlashCommand({
          user: knownPerson(input.as),
          command: match[1]?.toLowerCase() ?? '',
          text: match[2] ?? '',
          channel: standin.workspace.primaryChannel.id,
        });
        return outcome.status === 200
          ? { ok: true }
          : { ok: false, error: `The app answered ${outcome.status}` };
      }
      case 'shortcut': {
        const input = requests.shortcut.parse(body);
        await standin.interactions.runGlobalShortcut({
          user: knownPerson(input.as),
          callbackId: input.callbackId,
        });
        return { ok: true };
      }
      case 'webhook': {
        const answer = await deps.callWebhook(requests.webhook.parse(body));
        if (answer.status < 300) return { ok: true, status: answer.status, body: answer.body };
        const fields = (answer.body as { fields?: Record<string, string> }).fields;
        const error = fields
          ? Object.entries(fields)
              .map(([field, problem]) => `${field}: ${problem}`)
              .join('; ')
          : String((answer.body as { message?: string }).message ?? answer.status);
        return { ok: false, status: answer.status, error };
      }
      default:
        return { ok: false, error: `unknown sandbox action ${route}` };
    }
  };

  /** Answers the sandbox's routes; false for any other path. */
  return async (req: IncomingMessage, res: ServerResponse): Promise<boolean> => {
    const url = new URL(req.url ?? '/', 'http://sandbox.local');
    if (req.method === 'GET') {
      if (url.pathname === '/sandbox/api/state') {
        sendJson(res, 200, standin.workspace.snapshotFor(knownPerson(url.searchParams.get('as'))));
        return true;
      }
      if (url.pathname === '/sandbox/api/stream') {
        stream(req, res);
        return true;
      }
      const asset = sandboxAsset(url.pathname);
      if (asset) {
        res.writeHead(200, {
          'content-type': asset.contentType,
          'cache-control': 'no-store',
          'x-content-type-options': 'nosniff',
        });
        res.end(asset.body);
        return true;
      }
      return false;
    }
    const action = /^\/sandbox\/api\/([a-z]+)$/.exec(url.pathname)?.[1];
    if (req.method !== 'POST' || !action) return false;
    // Expected refusals answer 200 with ok:false: the page shows them, and the browser logs no error.
    try {
      const body = JSON.parse((await readBody(req)) || '{}') as unknown;
      sendJson(res, 200, await act(action, body));
    } catch (error) {
      const message =
        error instanceof z.ZodError
          ? error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')
          : (error as Error).message;
      sendJson(res, 200, { ok: false, error: message });
    }
    return true;
  };
};
