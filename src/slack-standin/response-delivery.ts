import { checkMessageBlocks } from './block-kit-limits.js';
import type { ResponseUrlTarget, Workspace } from './workspace.js';

export type ResponseEffect = 'ephemeral' | 'in_channel' | 'replaced' | 'deleted';

export type ResponseDelivery =
  | { ok: true; effect: ResponseEffect; ts: string | undefined }
  | {
      ok: false;
      error: 'invalid_payload' | 'no_text' | 'invalid_blocks' | 'msg_too_long';
      messages: string[];
    };

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const truthy = (value: unknown): boolean => value === true || value === 'true';

/**
 * What Slack does with a message an app sends to a response_url, or answers a slash command with:
 * `delete_original` / `replace_original` act on the message the interaction came from; otherwise a new message is
 * posted, ephemeral to the person by default or visible to the channel with `response_type: in_channel`.
 */
export function deliverResponseMessage(
  workspace: Workspace,
  target: ResponseUrlTarget,
  body: unknown,
): ResponseDelivery {
  if (!isRecord(body))
    return { ok: false, error: 'invalid_payload', messages: ['body must be a JSON object'] };
  const source = target.source;
  if (truthy(body.delete_original)) {
    if (source?.type === 'message') workspace.deleteMessage(target.channel, source.ts);
    if (source?.type === 'ephemeral') workspace.deleteEphemeral(source.ts);
    return { ok: true, effect: 'deleted', ts: source?.ts };
  }
  const text = typeof body.text === 'string' ? body.text : undefined;
  const blocks = body.blocks;
  if (blocks !== undefined && !Array.isArray(blocks)) {
    return {
      ok: false,
      error: 'invalid_blocks',
      messages: ['[ERROR] blocks must be an array [json-pointer:/blocks]'],
    };
  }
  if (!text && (blocks === undefined || blocks.length === 0)) {
    return { ok: false, error: 'no_text', messages: [] };
  }
  const problems = checkMessageBlocks(blocks, text);
  if (problems.length > 0) {
    const tooLong = problems.every((problem) => problem.includes('[json-pointer:/text]'));
    return {
      ok: false,
      error: tooLong ? 'msg_too_long' : 'invalid_blocks',
      messages: problems.map((problem) => `[ERROR] ${problem}`),
    };
  }
  const content = { text: text ?? '', ...(blocks ? { blocks } : {}) };
  if (truthy(body.replace_original) && source) {
    if (source.type === 'message' && workspace.findMessage(target.channel, source.ts)) {
      workspace.updateMessage(target.channel, source.ts, { text: content.text, blocks: blocks ?? [] });
      return { ok: true, effect: 'replaced', ts: source.ts };
    }
    if (source.type === 'ephemeral' && workspace.findEphemeral(source.ts)) {
      workspace.replaceEphemeral(source.ts, content);
      return { ok: true, effect: 'replaced', ts: source.ts };
    }
  }
  if (body.response_type === 'in_channel') {
    const threadTs = typeof body.thread_ts === 'string' ? body.thread_ts : undefined;
    const message = workspace.postMessage({
      channel: target.channel,
      user: workspace.bot.userId,
      botId: workspace.bot.botId,
      ...content,
      ...(threadTs ? { threadTs } : {}),
    });
    return { ok: true, effect: 'in_channel', ts: message.ts };
  }
  const ephemeral = workspace.postEphemeral({ channel: target.channel, user: target.user, ...content });
  return { ok: true, effect: 'ephemeral', ts: ephemeral.ts };
}
