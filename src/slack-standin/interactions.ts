import { createHmac } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { checkView } from './block-kit-limits.js';
import { deliverResponseMessage } from './response-delivery.js';
import {
  type MessageSource,
  modalStackLimit,
  type OpenModal,
  type ResponseUrlTarget,
  type StoredView,
  type Workspace,
} from './workspace.js';

type JsonObject = Record<string, unknown>;

/** Slack gives an app 3 seconds to acknowledge an interaction. */
export const ackDeadlineMs = 3000;

/** Where the stand-in sends requests to the app and where its response URLs point; either may be set late. */
export interface StandinEndpoints {
  /** The app's Request URL, e.g. `http://127.0.0.1:3000/slack/events`. */
  appEventsUrl: string | undefined;
  /** Base of issued response URLs, e.g. `http://127.0.0.1:3000/sandbox/slack/hooks`. */
  responseUrlBase: string | undefined;
}

/** Slack's request signature: `v0=` + hex HMAC-SHA256 of `v0:{timestamp}:{body}` under the signing secret. */
export function signSlackRequest(input: { signingSecret: string; body: string; timestamp: number }): string {
  const hmac = createHmac('sha256', input.signingSecret);
  hmac.update(`v0:${input.timestamp}:${input.body}`);
  return `v0=${hmac.digest('hex')}`;
}

/** What the app answered to one request, and how long it took to answer (its ack latency). */
export interface AppAnswer {
  status: number;
  body: string;
  contentType: string | undefined;
  ackMs: number;
  withinAckDeadline: boolean;
  /** Set when no HTTP answer came at all (connection refused, timeout). */
  transportError: string | undefined;
}

export interface SlashCommandOutcome extends AppAnswer {
  triggerId: string;
  responseUrl: string;
  /** What the person saw as a result of the immediate answer. */
  shown: 'nothing' | 'ephemeral' | 'in_channel' | 'error';
  problems: string[];
}

export interface InteractionOutcome extends AppAnswer {
  triggerId: string;
  responseUrl: string | undefined;
  payload: JsonObject;
}

export type ViewSubmissionResult =
  | 'closed'
  | 'errors'
  | 'updated'
  | 'pushed'
  | 'cleared'
  | 'kept'
  | 'not_sent';

export interface ViewSubmissionOutcome extends AppAnswer {
  triggerId: string | undefined;
  /** What became of the modal: `not_sent` when Slack's own checks (required fields…) stopped the submission. */
  result: ViewSubmissionResult;
  /** Errors shown on the modal afterwards, by block_id. */
  errors: Record<string, string>;
  /** Anything Slack would have refused in the app's answer. */
  problems: string[];
}

/** A `view.state.values` entry exactly as Slack sends it, e.g. `{ type: 'plain_text_input', value: 'x' }`. */
export type SlackStateValue = { type: string } & Record<string, unknown>;

/**
 * What a person typed or picked, by block_id then action_id: text for text inputs, an option value for selects and
 * radio buttons, an id for user/conversation/channel selects, `YYYY-MM-DD` for date pickers, a list for multi
 * selects and checkboxes, null for an untouched element — or the Slack-shaped state entry itself.
 */
export type ElementInput = string | readonly string[] | null | SlackStateValue;
export type ViewValuesInput = Readonly<Record<string, Readonly<Record<string, ElementInput>>>>;

export type InteractionSource =
  | { type: 'message'; ts: string; channel?: string }
  | { type: 'ephemeral'; ts: string }
  | { type: 'modal'; viewId: string };

export interface ClickInput {
  user: string;
  source: InteractionSource;
  actionId: string;
  /** Narrows the element when the same action_id appears in several blocks. */
  blockId?: string;
  /** Narrows a button by its value (rows of buttons sharing one action_id); for other elements, the value chosen. */
  value?: string;
  /** For selects, overflow menus and radio buttons: the chosen option (or its value, or a user/channel id, a date). */
  selectedOption?: string | { value: string };
  /** For multi selects and checkboxes. */
  selectedOptions?: readonly string[];
  /** For modal sources: what the person has entered in the modal so far. */
  values?: ViewValuesInput;
}

export interface Interactions {
  readonly endpoints: StandinEndpoints;
  runSlashCommand(input: {
    user: string;
    command: string;
    text: string;
    channel?: string;
  }): Promise<SlashCommandOutcome>;
  clickButton(input: ClickInput): Promise<InteractionOutcome>;
  submitView(input: {
    user: string;
    viewId?: string;
    values?: ViewValuesInput;
  }): Promise<ViewSubmissionOutcome>;
  /** The person closes the top modal; the app hears of it only if the view asked for notify_on_close. */
  closeView(input: {
    user: string;
    viewId?: string;
  }): Promise<(AppAnswer & { notified: boolean }) | { notified: false }>;
  runGlobalShortcut(input: { user: string; callbackId: string }): Promise<InteractionOutcome>;
  /** Posts a body with exactly these headers (no signature added): for bad-signature and malformed-request tests. */
  sendRaw(input: { body: string; headers: Record<string, string> }): Promise<AppAnswer>;
  /** Signs and posts a body the way Slack does. */
  sendSigned(body: string, timestamp?: number): Promise<AppAnswer>;
}

export interface InteractionsOptions {
  workspace: Workspace;
  signingSecret: string;
  endpoints: StandinEndpoints;
  /** The legacy verification token Slack still puts in payloads. */
  verificationToken?: string;
  /** Give up waiting for the app after this long (Slack itself stops caring after 3 s). */
  requestTimeoutMs?: number;
}

const isRecord = (value: unknown): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

interface FoundElement {
  blockId: string;
  element: JsonObject;
}

/** Elements a person can act on: actions-block elements, section accessories, dispatching input elements. */
function interactiveElements(blocks: readonly unknown[]): FoundElement[] {
  const found: FoundElement[] = [];
  for (const block of blocks) {
    if (!isRecord(block) || typeof block.block_id !== 'string') continue;
    const blockId = block.block_id;
    if (block.type === 'actions' && Array.isArray(block.elements)) {
      for (const element of block.elements) if (isRecord(element)) found.push({ blockId, element });
    }
    if (block.type === 'section' && isRecord(block.accessory) && block.accessory.type !== 'image') {
      found.push({ blockId, element: block.accessory });
    }
    if (block.type === 'input' && block.dispatch_action === true && isRecord(block.element)) {
      found.push({ blockId, element: block.element });
    }
  }
  return found;
}

function optionsOf(element: JsonObject): JsonObject[] {
  if (Array.isArray(element.options)) return element.options.filter(isRecord);
  if (Array.isArray(element.option_groups)) {
    return element.option_groups.flatMap((group) =>
      isRecord(group) && Array.isArray(group.options) ? group.options.filter(isRecord) : [],
    );
  }
  return [];
}

function pickOption(element: JsonObject, value: string): JsonObject {
  if (element.type === 'external_select' || element.type === 'multi_external_select') {
    return { text: { type: 'plain_text', text: value, emoji: true }, value };
  }
  const option = optionsOf(element).find((candidate) => candidate.value === value);
  if (!option) throw new Error(`no option with value ${value} in ${String(element.action_id)}`);
  return option;
}

type PlainInput = string | readonly string[] | null;

const listOf = (input: PlainInput | undefined): string[] =>
  input === null || input === undefined ? [] : typeof input === 'string' ? [input] : [...input];

const single = (input: PlainInput | undefined): string | null =>
  input === null || input === undefined ? null : typeof input === 'string' ? input : (input[0] ?? null);

const isStateValue = (input: ElementInput | undefined): input is SlackStateValue =>
  isRecord(input) && typeof input.type === 'string';

/** Elements whose state is picked ids, a date or a time: [state key, initial key, several?]. */
const pickers: Readonly<Record<string, readonly [string, string, boolean]>> = {
  users_select: ['selected_user', 'initial_user', false],
  multi_users_select: ['selected_users', 'initial_users', true],
  conversations_select: ['selected_conversation', 'initial_conversation', false],
  multi_conversations_select: ['selected_conversations', 'initial_conversations', true],
  channels_select: ['selected_channel', 'initial_channel', false],
  multi_channels_select: ['selected_channels', 'initial_channels', true],
  datepicker: ['selected_date', 'initial_date', false],
  timepicker: ['selected_time', 'initial_time', false],
};

/** The `view.state.values` entry Slack keeps for one element. */
function stateValue(element: JsonObject, raw: ElementInput | undefined): JsonObject {
  const type = String(element.type);
  if (isStateValue(raw)) {
    if (raw.type !== type)
      throw new Error(`state for ${String(element.action_id)} has type ${raw.type}, not ${type}`);
    return structuredClone(raw);
  }
  const input = raw;
  const given = input !== undefined;
  const picker = pickers[type];
  if (picker) {
    const [key, initialKey, several] = picker;
    const initial = element[initialKey] ?? (several ? [] : null);
    return { type, [key]: given ? (several ? listOf(input) : single(input)) : initial };
  }
  switch (type) {
    case 'plain_text_input':
    case 'email_text_input':
    case 'url_text_input':
    case 'number_input':
      return { type, value: given ? single(input) : (element.initial_value ?? null) };
    case 'static_select':
    case 'external_select':
    case 'radio_buttons': {
      const value = single(input);
      return {
        type,
        selected_option: given
          ? value === null
            ? null
            : pickOption(element, value)
          : (element.initial_option ?? null),
      };
    }
    case 'multi_static_select':
    case 'multi_external_select':
    case 'checkboxes':
      return {
        type,
        selected_options: given
          ? listOf(input).map((value) => pickOption(element, value))
          : Array.isArray(element.initial_options)
            ? element.initial_options
            : [],
      };
    case 'datetimepicker': {
      const value = single(input);
      return {
        type,
        selected_date_time: given
          ? value === null
            ? null
            : Number(value)
          : (element.initial_date_time ?? null),
      };
    }
    case 'rich_text_input': {
      const text = single(input);
      return {
        type,
        rich_text_value:
          given && text !== null
            ? {
                type: 'rich_text',
                elements: [{ type: 'rich_text_section', elements: [{ type: 'text', text }] }],
              }
            : (element.initial_value ?? null),
      };
    }
    case 'file_input':
      return { type, files: [] };
    default:
      return { type, value: single(input) };
  }
}

function isEmpty(entry: JsonObject): boolean {
  const [, value] = Object.entries(entry).find(([key]) => key !== 'type') ?? [];
  return (
    value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0)
  );
}

interface InputBlock {
  blockId: string;
  optional: boolean;
  element: JsonObject;
}

function inputBlocks(view: StoredView): InputBlock[] {
  return view.blocks.flatMap((block: unknown) =>
    isRecord(block) && block.type === 'input' && typeof block.block_id === 'string' && isRecord(block.element)
      ? [{ blockId: block.block_id, optional: block.optional === true, element: block.element }]
      : [],
  );
}

/** Builds `view.state.values` from what the person entered, refusing ids the view does not have. */
function buildViewState(
  view: StoredView,
  values: ViewValuesInput,
): Record<string, Record<string, JsonObject>> {
  const stateful = [
    ...inputBlocks(view).map(({ blockId, element }) => ({ blockId, element })),
    ...interactiveElements(view.blocks).filter((found) => found.element.type !== 'button'),
  ];
  for (const [blockId, byAction] of Object.entries(values)) {
    for (const actionId of Object.keys(byAction)) {
      if (!stateful.some((found) => found.blockId === blockId && found.element.action_id === actionId)) {
        throw new Error(`view ${view.id} has no input ${blockId}/${actionId}`);
      }
    }
  }
  const state: Record<string, Record<string, JsonObject>> = {};
  const previous = view.state.values;
  for (const { blockId, element } of stateful) {
    const actionId = String(element.action_id);
    const given = values[blockId]?.[actionId];
    const kept = previous[blockId]?.[actionId];
    const isInput = inputBlocks(view).some((block) => block.blockId === blockId);
    if (given === undefined && kept === undefined && !isInput) continue;
    state[blockId] ??= {};
    const entry = given === undefined && isRecord(kept) ? kept : stateValue(element, given);
    (state[blockId] as Record<string, JsonObject>)[actionId] = entry;
  }
  return state;
}

/** The checks Slack's client makes before it sends a view_submission at all. */
function clientSideErrors(
  view: StoredView,
  state: Record<string, Record<string, JsonObject>>,
): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const { blockId, optional, element } of inputBlocks(view)) {
    const entry = state[blockId]?.[String(element.action_id)];
    if (!entry || isEmpty(entry)) {
      if (!optional) errors[blockId] = 'Please complete this required field.';
      continue;
    }
    const value = entry.value;
    if (typeof value !== 'string') continue;
    const length = [...value].length;
    if (typeof element.min_length === 'number' && length < element.min_length) {
      errors[blockId] = `Please lengthen this text to ${element.min_length} characters or more.`;
    } else if (typeof element.max_length === 'number' && length > element.max_length) {
      errors[blockId] = `Please shorten this text to ${element.max_length} characters or fewer.`;
    } else if (element.type === 'email_text_input' && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value)) {
      errors[blockId] = 'Please enter a valid email address.';
    } else if (element.type === 'url_text_input' && !URL.canParse(value)) {
      errors[blockId] = 'Please enter a valid URL.';
    } else if (element.type === 'number_input') {
      const number = Number(value);
      if (
        value.trim() === '' ||
        Number.isNaN(number) ||
        (!element.is_decimal_allowed && !Number.isInteger(number))
      ) {
        errors[blockId] = element.is_decimal_allowed
          ? 'Please enter a number.'
          : 'Please enter a whole number.';
      } else if (element.min_value !== undefined && number < Number(element.min_value)) {
        errors[blockId] = `Please enter a number ${String(element.min_value)} or greater.`;
      } else if (element.max_value !== undefined && number > Number(element.max_value)) {
        errors[blockId] = `Please enter a number ${String(element.max_value)} or smaller.`;
      }
    }
  }
  return errors;
}

function actionJson(found: FoundElement, input: ClickInput, actionTs: string): JsonObject {
  const { element, blockId } = found;
  const type = String(element.type);
  const base: JsonObject = { type, action_id: element.action_id, block_id: blockId, action_ts: actionTs };
  if (element.placeholder !== undefined) base.placeholder = element.placeholder;
  const chosen = input.selectedOption ?? input.value;
  const selected = typeof chosen === 'string' || chosen === undefined ? chosen : chosen.value;
  const need = (): string => {
    if (selected === undefined) throw new Error(`${type} ${String(element.action_id)} needs selectedOption`);
    return selected;
  };
  const picker = pickers[type];
  if (picker) {
    const [key, , several] = picker;
    return { ...base, [key]: several ? [...(input.selectedOptions ?? [])] : need() };
  }
  switch (type) {
    case 'button':
    case 'workflow_button':
      return {
        type,
        action_id: element.action_id,
        block_id: blockId,
        text: element.text,
        ...(element.value !== undefined ? { value: element.value } : {}),
        ...(element.style !== undefined ? { style: element.style } : {}),
        ...(element.url !== undefined ? { url: element.url } : {}),
        action_ts: actionTs,
      };
    case 'static_select':
    case 'external_select':
    case 'radio_buttons':
    case 'overflow':
      return { ...base, selected_option: pickOption(element, need()) };
    case 'multi_static_select':
    case 'multi_external_select':
    case 'checkboxes':
      return {
        ...base,
        selected_options: (input.selectedOptions ?? []).map((value) => pickOption(element, value)),
      };
    default:
      return { ...base, value: selected ?? null };
  }
}

function findElement(blocks: readonly unknown[], input: ClickInput, where: string): FoundElement {
  const candidates = interactiveElements(blocks).filter(
    (found) =>
      found.element.action_id === input.actionId &&
      (input.blockId === undefined || found.blockId === input.blockId) &&
      (input.value === undefined || found.element.type !== 'button' || found.element.value === input.value),
  );
  const [only, ...others] = candidates;
  if (!only) throw new Error(`${where} has no interactive element with action_id ${input.actionId}`);
  if (others.length > 0) {
    throw new Error(
      `${where} has ${candidates.length} elements with action_id ${input.actionId}; give blockId or value`,
    );
  }
  return only;
}

/** The person's side of Slack: builds payloads exactly as Slack sends them and posts them, signed, to the app. */
export function createInteractions(options: InteractionsOptions): Interactions {
  const { workspace, signingSecret, endpoints } = options;
  const verificationToken = options.verificationToken ?? 'sandbox-verification-token';
  const requestTimeoutMs = options.requestTimeoutMs ?? 10_000;

  const person = (id: string) => {
    const found = workspace.person(id);
    if (!found) throw new Error(`no person ${id} in the workspace`);
    return found;
  };
  const userJson = (id: string) => ({
    id,
    username: person(id).name,
    name: person(id).name,
    team_id: workspace.team.id,
  });
  const teamJson = () => ({ id: workspace.team.id, domain: workspace.team.domain });
  const actionTs = () => workspace.nextTs();

  const responseUrlFor = (target: ResponseUrlTarget): string => {
    const base = endpoints.responseUrlBase;
    if (!base) throw new Error('responseUrlBase is not set: the stand-in cannot issue response URLs');
    return `${base.replace(/\/$/, '')}/${target.kind}/${workspace.issueResponseUrl(target)}`;
  };

  async function post(body: string, headers: Record<string, string>): Promise<AppAnswer> {
    const url = endpoints.appEventsUrl;
    if (!url) throw new Error('appEventsUrl is not set: the stand-in does not know where the app listens');
    const started = performance.now();
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers,
        body,
        signal: AbortSignal.timeout(requestTimeoutMs),
      });
      const text = await response.text();
      const ackMs = performance.now() - started;
      return {
        status: response.status,
        body: text,
        contentType: response.headers.get('content-type') ?? undefined,
        ackMs,
        withinAckDeadline: ackMs <= ackDeadlineMs,
        transportError: undefined,
      };
    } catch (error) {
      const ackMs = performance.now() - started;
      return {
        status: 0,
        body: '',
        contentType: undefined,
        ackMs,
        withinAckDeadline: false,
        transportError: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
      };
    }
  }

  function sendSigned(body: string, timestamp = Math.floor(Date.now() / 1000)): Promise<AppAnswer> {
    return post(body, {
      'content-type': 'application/x-www-form-urlencoded',
      'user-agent': 'Slackbot 1.0 (+https://api.slack.com/robots)',
      'x-slack-request-timestamp': String(timestamp),
      'x-slack-signature': signSlackRequest({ signingSecret, body, timestamp }),
    });
  }

  const sendPayload = (payload: JsonObject) =>
    sendSigned(new URLSearchParams({ payload: JSON.stringify(payload) }).toString());

  const answerFailed = (answer: AppAnswer) =>
    answer.transportError !== undefined || !answer.withinAckDeadline || answer.status !== 200;

  const parseJson = (text: string): unknown => {
    try {
      return JSON.parse(text);
    } catch {
      return undefined;
    }
  };

  async function runSlashCommand(input: {
    user: string;
    command: string;
    text: string;
    channel?: string;
  }): Promise<SlashCommandOutcome> {
    const user = person(input.user);
    const channelId = input.channel ?? workspace.primaryChannel.id;
    const channel = workspace.channel(channelId);
    if (!channel) throw new Error(`no channel ${channelId}`);
    if (!input.command.startsWith('/')) throw new Error('a slash command starts with /');
    const triggerId = workspace.issueTriggerId(user.id);
    const target: ResponseUrlTarget = {
      kind: 'commands',
      channel: channel.id,
      user: user.id,
      source: undefined,
    };
    const responseUrl = responseUrlFor(target);
    const body = new URLSearchParams({
      token: verificationToken,
      team_id: workspace.team.id,
      team_domain: workspace.team.domain,
      channel_id: channel.id,
      channel_name: channel.isPrivate ? 'privategroup' : channel.name,
      user_id: user.id,
      user_name: user.name,
      command: input.command,
      text: input.text,
      api_app_id: workspace.bot.appId,
      is_enterprise_install: 'false',
      response_url: responseUrl,
      trigger_id: triggerId,
    }).toString();
    const answer = await sendSigned(body);
    const outcome = (shown: SlashCommandOutcome['shown'], problems: string[] = []): SlashCommandOutcome => ({
      ...answer,
      triggerId,
      responseUrl,
      shown,
      problems,
    });
    if (answerFailed(answer)) {
      const error =
        answer.transportError === undefined && !answer.withinAckDeadline
          ? 'operation_timeout'
          : 'dispatch_failed';
      workspace.postEphemeral({
        channel: channel.id,
        user: user.id,
        text: `${input.command} failed with the error "${error}"`,
      });
      return outcome('error', [`the app did not acknowledge in time (${error})`]);
    }
    if (answer.body.trim() === '') return outcome('nothing');
    const json = answer.contentType?.includes('application/json') ? parseJson(answer.body) : undefined;
    if (json === undefined) {
      workspace.postEphemeral({ channel: channel.id, user: user.id, text: answer.body });
      return outcome('ephemeral');
    }
    const delivery = deliverResponseMessage(workspace, target, json);
    if (!delivery.ok) return outcome('error', [delivery.error, ...delivery.messages]);
    return outcome(delivery.effect === 'in_channel' ? 'in_channel' : 'ephemeral');
  }

  async function clickButton(input: ClickInput): Promise<InteractionOutcome> {
    const user = person(input.user);
    const triggerId = workspace.issueTriggerId(user.id);
    const base = {
      type: 'block_actions',
      user: userJson(user.id),
      api_app_id: workspace.bot.appId,
      token: verificationToken,
      trigger_id: triggerId,
      team: teamJson(),
      enterprise: null,
      is_enterprise_install: false,
    };
    const { source } = input;
    if (source.type === 'modal') {
      const open = workspace.findView(source.viewId);
      if (!open || open.user !== user.id) throw new Error(`${user.id} has no open view ${source.viewId}`);
      const found = findElement(open.view.blocks, input, `view ${source.viewId}`);
      if (input.values) workspace.setViewState(open.view.id, buildViewState(open.view, input.values));
      const payload: JsonObject = {
        ...base,
        container: { type: 'view', view_id: open.view.id },
        view: structuredClone(open.view),
        actions: [actionJson(found, input, actionTs())],
      };
      return { ...(await sendPayload(payload)), triggerId, responseUrl: undefined, payload };
    }
    const channelId = source.type === 'message' ? (source.channel ?? workspace.primaryChannel.id) : undefined;
    const message = channelId ? workspace.findMessage(channelId, source.ts) : undefined;
    const ephemeral = source.type === 'ephemeral' ? workspace.findEphemeral(source.ts) : undefined;
    if (ephemeral && ephemeral.user !== user.id)
      throw new Error(`ephemeral ${source.ts} is not visible to ${user.id}`);
    const shown = message ?? ephemeral;
    if (!shown) throw new Error(`no ${source.type} ${source.ts} to click on`);
    const channel = workspace.channel(shown.channel);
    const found = findElement(shown.blocks, input, `${source.type} ${source.ts}`);
    const messageSource: MessageSource = { type: source.type, ts: source.ts };
    const responseUrl = responseUrlFor({
      kind: 'actions',
      channel: shown.channel,
      user: user.id,
      source: messageSource,
    });
    const payload: JsonObject = {
      ...base,
      container: {
        type: 'message',
        message_ts: shown.ts,
        channel_id: shown.channel,
        is_ephemeral: source.type === 'ephemeral',
        ...(message?.threadTs ? { thread_ts: message.threadTs } : {}),
      },
      channel: { id: shown.channel, name: channel?.isPrivate ? 'privategroup' : (channel?.name ?? '') },
      ...(message
        ? {
            message: {
              type: 'message',
              user: message.user,
              ...(message.botId ? { bot_id: message.botId, app_id: workspace.bot.appId } : {}),
              text: message.text,
              blocks: structuredClone(message.blocks),
              ts: message.ts,
              team: workspace.team.id,
              ...(message.threadTs ? { thread_ts: message.threadTs } : {}),
            },
          }
        : {}),
      state: { values: {} },
      response_url: responseUrl,
      actions: [actionJson(found, input, actionTs())],
    };
    return { ...(await sendPayload(payload)), triggerId, responseUrl, payload };
  }

  async function submitView(input: {
    user: string;
    viewId?: string;
    values?: ViewValuesInput;
  }): Promise<ViewSubmissionOutcome> {
    const user = person(input.user);
    const top = workspace.topView(user.id);
    if (!top) throw new Error(`${user.id} has no modal open`);
    if (input.viewId !== undefined && input.viewId !== top.view.id) {
      throw new Error(`view ${input.viewId} is not the one ${user.id} sees (${top.view.id})`);
    }
    if (!top.view.submit) throw new Error(`view ${top.view.id} has no submit button`);
    const viewId = top.view.id;
    const state = buildViewState(top.view, input.values ?? {});
    workspace.setViewState(viewId, state);
    const notSent = clientSideErrors(top.view, state);
    if (Object.keys(notSent).length > 0) {
      workspace.setViewErrors(viewId, notSent);
      return {
        status: 0,
        body: '',
        contentType: undefined,
        ackMs: 0,
        withinAckDeadline: true,
        transportError: undefined,
        triggerId: undefined,
        result: 'not_sent',
        errors: notSent,
        problems: [],
      };
    }
    const triggerId = workspace.issueTriggerId(user.id);
    const payload = {
      type: 'view_submission',
      team: teamJson(),
      user: userJson(user.id),
      api_app_id: workspace.bot.appId,
      token: verificationToken,
      trigger_id: triggerId,
      view: structuredClone(top.view),
      response_urls: [],
      is_enterprise_install: false,
      enterprise: null,
    };
    const answer = await sendPayload(payload);
    const finish = (result: ViewSubmissionResult, problems: string[] = []): ViewSubmissionOutcome => ({
      ...answer,
      triggerId,
      result,
      errors: { ...(workspace.topView(user.id)?.errors ?? {}) },
      problems,
    });
    if (answerFailed(answer)) {
      return finish('kept', [
        'Slack shows "We had some trouble connecting. Try again?" (no ack within 3 s or not 200)',
      ]);
    }
    if (answer.body.trim() === '') {
      workspace.popView(user.id);
      return finish('closed');
    }
    const json = parseJson(answer.body);
    if (!isRecord(json))
      return finish('kept', ['the answer to a view_submission must be empty or a JSON object']);
    return applyResponseAction(user.id, top, json, finish);
  }

  function applyResponseAction(
    user: string,
    top: OpenModal,
    json: JsonObject,
    finish: (result: ViewSubmissionResult, problems?: string[]) => ViewSubmissionOutcome,
  ): ViewSubmissionOutcome {
    const viewProblems = (view: unknown) => checkView(view);
    switch (json.response_action) {
      case 'errors': {
        const errors = json.errors;
        if (!isRecord(errors) || Object.values(errors).some((message) => typeof message !== 'string')) {
          return finish('kept', ['response_action errors needs an errors object of block_id → message']);
        }
        const inputIds = new Set(inputBlocks(top.view).map((block) => block.blockId));
        const unknown = Object.keys(errors).filter((blockId) => !inputIds.has(blockId));
        if (unknown.length > 0) {
          return finish('kept', [
            `errors name block_ids that are not input blocks of the view: ${unknown.join(', ')}`,
          ]);
        }
        workspace.setViewErrors(top.view.id, errors as Record<string, string>);
        return finish('errors');
      }
      case 'update': {
        const problems = viewProblems(json.view);
        if (problems.length > 0 || !isRecord(json.view)) return finish('kept', problems);
        workspace.updateView(top.view.id, json.view);
        return finish('updated');
      }
      case 'push': {
        const problems = viewProblems(json.view);
        if (problems.length > 0 || !isRecord(json.view)) return finish('kept', problems);
        if (workspace.viewStack(user).length >= modalStackLimit)
          return finish('kept', ['push_limit_reached']);
        workspace.pushView(user, json.view);
        return finish('pushed');
      }
      case 'clear':
        workspace.clearViews(user);
        return finish('cleared');
      default:
        return finish('kept', [`unknown response_action ${String(json.response_action)}`]);
    }
  }

  async function closeView(input: {
    user: string;
    viewId?: string;
  }): Promise<(AppAnswer & { notified: boolean }) | { notified: false }> {
    const top = workspace.topView(input.user);
    if (!top) throw new Error(`${input.user} has no modal open`);
    if (input.viewId !== undefined && input.viewId !== top.view.id) {
      throw new Error(`view ${input.viewId} is not the one ${input.user} sees (${top.view.id})`);
    }
    const cleared = top.view.clear_on_close;
    if (cleared) workspace.clearViews(input.user);
    else workspace.popView(input.user);
    if (!top.view.notify_on_close) return { notified: false };
    const payload = {
      type: 'view_closed',
      team: teamJson(),
      user: userJson(input.user),
      api_app_id: workspace.bot.appId,
      token: verificationToken,
      view: structuredClone(top.view),
      is_cleared: cleared,
      is_enterprise_install: false,
      enterprise: null,
    };
    return { ...(await sendPayload(payload)), notified: true };
  }

  async function runGlobalShortcut(input: { user: string; callbackId: string }): Promise<InteractionOutcome> {
    const user = person(input.user);
    const triggerId = workspace.issueTriggerId(user.id);
    const payload: JsonObject = {
      type: 'shortcut',
      token: verificationToken,
      action_ts: actionTs(),
      team: teamJson(),
      user: { id: user.id, username: user.name, team_id: workspace.team.id },
      is_enterprise_install: false,
      enterprise: null,
      callback_id: input.callbackId,
      trigger_id: triggerId,
    };
    return { ...(await sendPayload(payload)), triggerId, responseUrl: undefined, payload };
  }

  return {
    endpoints,
    runSlashCommand,
    clickButton,
    submitView,
    closeView,
    runGlobalShortcut,
    sendRaw: ({ body, headers }) => post(body, headers),
    sendSigned,
  };
}
