import { randomBytes } from 'node:crypto';
import type { AnyBlock } from '@slack/types';

/** Trigger ids are good for one exchange within 3 seconds (docs.slack.dev, "Handling user interaction"). */
export const triggerIdLifetimeMs = 3000;
/** A response_url takes up to 5 posts within 30 minutes. */
export const responseUrlMaxUses = 5;
export const responseUrlLifetimeMs = 30 * 60 * 1000;
/** Slack keeps at most 3 views in a modal stack. */
export const modalStackLimit = 3;

export interface PersonInput {
  id: string;
  name: string;
  realName?: string;
  title?: string;
  email?: string;
  isBot?: boolean;
}

export interface ChannelInput {
  id: string;
  name: string;
  isPrivate?: boolean;
  /** Defaults to every person (and the bot). */
  memberIds?: readonly string[];
}

export interface TeamInfo {
  id: string;
  name: string;
  domain: string;
}

export interface BotIdentity {
  userId: string;
  botId: string;
  appId: string;
  name: string;
}

export interface WorkspaceOptions {
  team?: TeamInfo;
  bot?: BotIdentity;
  people: readonly PersonInput[];
  /** User group id → member user ids. */
  userGroups?: Readonly<Record<string, readonly string[]>>;
  primaryChannel: ChannelInput;
  otherChannels?: readonly ChannelInput[];
  /** Milliseconds since the epoch; inject to test expiry without sleeping. */
  now?: () => number;
}

export interface Person {
  id: string;
  name: string;
  realName: string;
  title: string;
  email: string | undefined;
  isBot: boolean;
}

export interface Channel {
  id: string;
  name: string;
  isPrivate: boolean;
  memberIds: Set<string>;
}

export interface ChannelMessage {
  channel: string;
  ts: string;
  user: string;
  botId: string | undefined;
  text: string;
  blocks: AnyBlock[];
  threadTs: string | undefined;
  replies: ChannelMessage[];
  edited: boolean;
  /** When it was last edited (a ts), if ever. */
  editedTs: string | undefined;
}

export interface EphemeralMessage {
  channel: string;
  user: string;
  ts: string;
  text: string;
  blocks: AnyBlock[];
}

export interface PlainText {
  type: 'plain_text';
  text: string;
  emoji?: boolean;
}

/** A view as Slack stores and returns it (views.open response, view_submission payload). */
export interface StoredView {
  id: string;
  team_id: string;
  type: 'modal';
  title: PlainText;
  submit?: PlainText;
  close?: PlainText;
  blocks: AnyBlock[];
  private_metadata: string;
  callback_id: string;
  external_id: string;
  state: { values: Record<string, Record<string, unknown>> };
  hash: string;
  clear_on_close: boolean;
  notify_on_close: boolean;
  previous_view_id: string | null;
  root_view_id: string;
  app_id: string;
  app_installed_team_id: string;
  bot_id: string;
}

export interface OpenModal {
  user: string;
  view: StoredView;
  /** Validation errors shown under input blocks of this view, by block_id. */
  errors: Record<string, string>;
}

export type MessageSource = { type: 'message'; ts: string } | { type: 'ephemeral'; ts: string };

export interface ResponseUrlTarget {
  kind: 'commands' | 'actions';
  channel: string;
  user: string;
  source: MessageSource | undefined;
}

export type TriggerRedemption =
  | { ok: true; user: string }
  | { ok: false; error: 'invalid_trigger_id' | 'expired_trigger_id' | 'exchanged_trigger_id' };

export type ResponseUrlRedemption =
  | { ok: true; target: ResponseUrlTarget; use: number }
  | { ok: false; error: 'no_service' | 'expired_url' | 'used_url' };

export interface SnapshotMessage {
  ts: string;
  user: string;
  userName: string;
  text: string;
  blocks: AnyBlock[];
}

/** What the browser sandbox renders for one person; the page is written against exactly this shape. */
export interface WorkspaceSnapshot {
  version: number;
  team: { id: string; name: string };
  channel: { id: string; name: string; isPrivate: boolean };
  me: string;
  people: { id: string; name: string; title: string }[];
  messages: (SnapshotMessage & { edited: boolean; replies: SnapshotMessage[] })[];
  ephemerals: { ts: string; text: string; blocks: AnyBlock[] }[];
  modal: null | { viewId: string; view: StoredView; errors: Record<string, string> };
}

export type WorkspaceListener = (version: number) => void;

interface IssuedTrigger {
  user: string;
  issuedAt: number;
  used: boolean;
}

interface IssuedResponseUrl {
  target: ResponseUrlTarget;
  issuedAt: number;
  uses: number;
}

const alphanumeric = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

function randomId(prefix: string, length: number, alphabet = alphanumeric): string {
  const bytes = randomBytes(length);
  let id = prefix;
  for (const byte of bytes) id += alphabet[byte % alphabet.length];
  return id;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Gives every block a block_id and every interactive element an action_id, as Slack does when it stores
 * blocks an app sent without them; the app then receives these generated ids back in payloads.
 */
export function withGeneratedIds(blocks: readonly unknown[]): AnyBlock[] {
  const copy = structuredClone(blocks) as unknown[];
  const taken = new Set(
    copy.flatMap((item) => (isRecord(item) && typeof item.block_id === 'string' ? [item.block_id] : [])),
  );
  const nameElement = (element: unknown) => {
    if (isRecord(element) && element.type !== 'image' && element.action_id === undefined) {
      element.action_id = randomId('', 5, 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789');
    }
  };
  for (const item of copy) {
    if (!isRecord(item)) continue;
    if (item.block_id === undefined) {
      let id: string;
      do id = randomId('', 5, 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789');
      while (taken.has(id));
      taken.add(id);
      item.block_id = id;
    }
    if (item.type === 'actions' && Array.isArray(item.elements)) item.elements.forEach(nameElement);
    if (item.type === 'section') nameElement(item.accessory);
    if (item.type === 'input') nameElement(item.element);
  }
  return copy as AnyBlock[];
}

/** An in-memory Slack workspace: people, channels, messages, ephemerals, modal stacks, triggers, response URLs. */
export class Workspace {
  readonly team: TeamInfo;
  readonly bot: BotIdentity;
  readonly primaryChannel: Channel;
  readonly now: () => number;

  readonly #people = new Map<string, Person>();
  readonly #channels = new Map<string, Channel>();
  readonly #userGroups = new Map<string, string[]>();
  readonly #messages = new Map<string, ChannelMessage[]>();
  readonly #ephemerals: EphemeralMessage[] = [];
  readonly #modalStacks = new Map<string, OpenModal[]>();
  readonly #triggers = new Map<string, IssuedTrigger>();
  readonly #responseUrls = new Map<string, IssuedResponseUrl>();
  readonly #listeners = new Set<WorkspaceListener>();
  #lastTsMicros = 0;
  #triggerCount = 0;
  #version = 0;

  constructor(options: WorkspaceOptions) {
    this.now = options.now ?? Date.now;
    this.team = options.team ?? { id: 'T0SANDBOX1', name: 'Sandbox Benefits Co', domain: 'sandbox-benefits' };
    this.bot = options.bot ?? {
      userId: 'U0OFFBOARD',
      botId: 'B0OFFBOARD',
      appId: 'A0OFFBOARD',
      name: 'Benefits Offboarding',
    };
    for (const person of options.people) {
      this.#people.set(person.id, {
        id: person.id,
        name: person.name,
        realName: person.realName ?? person.name,
        title: person.title ?? '',
        email: person.email,
        isBot: person.isBot ?? false,
      });
    }
    this.#people.set(this.bot.userId, {
      id: this.bot.userId,
      name: this.bot.name.toLowerCase().replaceAll(/\s+/g, '_'),
      realName: this.bot.name,
      title: '',
      email: undefined,
      isBot: true,
    });
    for (const [id, members] of Object.entries(options.userGroups ?? {}))
      this.#userGroups.set(id, [...members]);
    for (const input of [options.primaryChannel, ...(options.otherChannels ?? [])]) {
      this.#channels.set(input.id, {
        id: input.id,
        name: input.name,
        isPrivate: input.isPrivate ?? false,
        memberIds: new Set(input.memberIds ?? [...this.#people.keys()]),
      });
      this.#messages.set(input.id, []);
    }
    const primary = this.#channels.get(options.primaryChannel.id);
    if (!primary) throw new Error('primary channel missing');
    primary.memberIds.add(this.bot.userId);
    this.primaryChannel = primary;
  }

  get version(): number {
    return this.#version;
  }

  /** Called after every change with the new version; returns an unsubscribe function. */
  subscribe(listener: WorkspaceListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  #changed(): void {
    this.#version += 1;
    for (const listener of this.#listeners) listener(this.#version);
  }

  /** A Slack-looking message timestamp ("1732560000.000100"), strictly increasing. */
  nextTs(): string {
    const micros = Math.max(Math.floor(this.now()) * 1000, this.#lastTsMicros + 1);
    this.#lastTsMicros = micros;
    return `${Math.floor(micros / 1_000_000)}.${String(micros % 1_000_000).padStart(6, '0')}`;
  }

  person(id: string): Person | undefined {
    return this.#people.get(id);
  }

  people(): Person[] {
    return [...this.#people.values()];
  }

  channel(id: string): Channel | undefined {
    return this.#channels.get(id);
  }

  channels(): Channel[] {
    return [...this.#channels.values()];
  }

  userGroupMembers(id: string): string[] | undefined {
    const members = this.#userGroups.get(id);
    return members ? [...members] : undefined;
  }

  setUserGroupMembers(id: string, members: readonly string[]): void {
    this.#userGroups.set(id, [...members]);
    this.#changed();
  }

  isMember(channelId: string, userId: string): boolean {
    return this.#channels.get(channelId)?.memberIds.has(userId) ?? false;
  }

  // Messages

  postMessage(input: {
    channel: string;
    user: string;
    botId?: string;
    text: string;
    blocks?: readonly unknown[];
    threadTs?: string;
  }): ChannelMessage {
    const list = this.#messages.get(input.channel);
    if (!list) throw new Error(`unknown channel ${input.channel}`);
    const parent = input.threadTs ? list.find((message) => message.ts === input.threadTs) : undefined;
    const message: ChannelMessage = {
      channel: input.channel,
      ts: this.nextTs(),
      user: input.user,
      botId: input.botId,
      text: input.text,
      blocks: withGeneratedIds(input.blocks ?? []),
      threadTs: parent?.ts,
      replies: [],
      edited: false,
      editedTs: undefined,
    };
    if (parent) parent.replies.push(message);
    else list.push(message);
    this.#changed();
    return message;
  }

  /** A channel message or thread reply. */
  findMessage(channel: string, ts: string): ChannelMessage | undefined {
    for (const message of this.#messages.get(channel) ?? []) {
      if (message.ts === ts) return message;
      const reply = message.replies.find((candidate) => candidate.ts === ts);
      if (reply) return reply;
    }
    return undefined;
  }

  updateMessage(
    channel: string,
    ts: string,
    change: { text?: string; blocks?: readonly unknown[] },
  ): ChannelMessage {
    const message = this.findMessage(channel, ts);
    if (!message) throw new Error(`no message ${ts} in ${channel}`);
    if (change.text !== undefined) message.text = change.text;
    if (change.blocks !== undefined) message.blocks = withGeneratedIds(change.blocks);
    message.edited = true;
    message.editedTs = this.nextTs();
    this.#changed();
    return message;
  }

  deleteMessage(channel: string, ts: string): boolean {
    const list = this.#messages.get(channel) ?? [];
    const index = list.findIndex((message) => message.ts === ts);
    if (index >= 0) {
      list.splice(index, 1);
      this.#changed();
      return true;
    }
    for (const message of list) {
      const replyIndex = message.replies.findIndex((reply) => reply.ts === ts);
      if (replyIndex >= 0) {
        message.replies.splice(replyIndex, 1);
        this.#changed();
        return true;
      }
    }
    return false;
  }

  /** Top-level messages of a channel, oldest first. */
  messages(channel: string): ChannelMessage[] {
    return [...(this.#messages.get(channel) ?? [])];
  }

  // Ephemeral messages

  postEphemeral(input: {
    channel: string;
    user: string;
    text: string;
    blocks?: readonly unknown[];
  }): EphemeralMessage {
    const message: EphemeralMessage = {
      channel: input.channel,
      user: input.user,
      ts: this.nextTs(),
      text: input.text,
      blocks: withGeneratedIds(input.blocks ?? []),
    };
    this.#ephemerals.push(message);
    this.#changed();
    return message;
  }

  findEphemeral(ts: string): EphemeralMessage | undefined {
    return this.#ephemerals.find((message) => message.ts === ts);
  }

  replaceEphemeral(ts: string, change: { text: string; blocks?: readonly unknown[] }): EphemeralMessage {
    const message = this.findEphemeral(ts);
    if (!message) throw new Error(`no ephemeral message ${ts}`);
    message.text = change.text;
    message.blocks = withGeneratedIds(change.blocks ?? []);
    this.#changed();
    return message;
  }

  deleteEphemeral(ts: string): boolean {
    const index = this.#ephemerals.findIndex((message) => message.ts === ts);
    if (index < 0) return false;
    this.#ephemerals.splice(index, 1);
    this.#changed();
    return true;
  }

  /** This person's ephemeral messages, oldest first. */
  ephemeralsFor(user: string): EphemeralMessage[] {
    return this.#ephemerals.filter((message) => message.user === user);
  }

  // Modals

  /** Builds the stored form of a view an app sent (already checked against Block Kit limits). */
  #storeView(
    input: Record<string, unknown>,
    id: string,
    rootViewId: string,
    previousViewId: string | null,
  ): StoredView {
    const view: StoredView = {
      id,
      team_id: this.team.id,
      type: 'modal',
      title: input.title as PlainText,
      blocks: withGeneratedIds(Array.isArray(input.blocks) ? input.blocks : []),
      private_metadata: typeof input.private_metadata === 'string' ? input.private_metadata : '',
      callback_id: typeof input.callback_id === 'string' ? input.callback_id : '',
      external_id: typeof input.external_id === 'string' ? input.external_id : '',
      state: { values: {} },
      hash: `${Math.floor(this.now() / 1000)}.${randomId('', 8, 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789')}`,
      clear_on_close: input.clear_on_close === true,
      notify_on_close: input.notify_on_close === true,
      previous_view_id: previousViewId,
      root_view_id: rootViewId,
      app_id: this.bot.appId,
      app_installed_team_id: this.team.id,
      bot_id: this.bot.botId,
    };
    if (input.submit !== undefined) view.submit = input.submit as PlainText;
    if (input.close !== undefined) view.close = input.close as PlainText;
    return view;
  }

  /** Opens a modal as the root of the person's view stack (replacing any stack they had). */
  openView(user: string, input: Record<string, unknown>): StoredView {
    const id = randomId('V', 10);
    const view = this.#storeView(input, id, id, null);
    this.#modalStacks.set(user, [{ user, view, errors: {} }]);
    this.#changed();
    return view;
  }

  pushView(user: string, input: Record<string, unknown>): StoredView {
    const stack = this.#modalStacks.get(user) ?? [];
    const previous = stack.at(-1)?.view;
    const id = randomId('V', 10);
    const view = this.#storeView(input, id, previous?.root_view_id ?? id, previous?.id ?? null);
    stack.push({ user, view, errors: {} });
    this.#modalStacks.set(user, stack);
    this.#changed();
    return view;
  }

  /** Replaces the content of an open view, keeping its id and place in the stack; a new hash is issued. */
  updateView(viewId: string, input: Record<string, unknown>): StoredView {
    const open = this.findView(viewId);
    if (!open) throw new Error(`no open view ${viewId}`);
    open.view = this.#storeView(input, viewId, open.view.root_view_id, open.view.previous_view_id);
    open.errors = {};
    this.#changed();
    return open.view;
  }

  findView(viewId: string): OpenModal | undefined {
    for (const stack of this.#modalStacks.values()) {
      const open = stack.find((candidate) => candidate.view.id === viewId);
      if (open) return open;
    }
    return undefined;
  }

  findViewByExternalId(externalId: string): OpenModal | undefined {
    if (externalId === '') return undefined;
    for (const stack of this.#modalStacks.values()) {
      const open = stack.find((candidate) => candidate.view.external_id === externalId);
      if (open) return open;
    }
    return undefined;
  }

  viewStack(user: string): OpenModal[] {
    return [...(this.#modalStacks.get(user) ?? [])];
  }

  topView(user: string): OpenModal | undefined {
    return this.#modalStacks.get(user)?.at(-1);
  }

  /** Records what the person has entered so far in a view (Slack keeps it in view.state). */
  setViewState(viewId: string, values: Record<string, Record<string, unknown>>): void {
    const open = this.findView(viewId);
    if (!open) throw new Error(`no open view ${viewId}`);
    open.view.state = { values: structuredClone(values) };
    this.#changed();
  }

  setViewErrors(viewId: string, errors: Record<string, string>): void {
    const open = this.findView(viewId);
    if (!open) throw new Error(`no open view ${viewId}`);
    open.errors = { ...errors };
    this.#changed();
  }

  /** Closes the top view of the person's stack, returning to the previous one. */
  popView(user: string): OpenModal | undefined {
    const stack = this.#modalStacks.get(user);
    const closed = stack?.pop();
    if (stack && stack.length === 0) this.#modalStacks.delete(user);
    if (closed) this.#changed();
    return closed;
  }

  clearViews(user: string): OpenModal[] {
    const stack = this.#modalStacks.get(user) ?? [];
    this.#modalStacks.delete(user);
    if (stack.length > 0) this.#changed();
    return stack;
  }

  // Trigger ids and response URLs

  issueTriggerId(user: string): string {
    this.#triggerCount += 1;
    const id = `${Math.floor(this.now() / 1000)}.${this.#triggerCount}.${randomBytes(16).toString('hex')}`;
    this.#triggers.set(id, { user, issuedAt: this.now(), used: false });
    return id;
  }

  /** Exchanges a trigger id once, within 3 seconds of the interaction that issued it. */
  redeemTriggerId(id: string): TriggerRedemption {
    const trigger = this.#triggers.get(id);
    if (!trigger) return { ok: false, error: 'invalid_trigger_id' };
    if (trigger.used) return { ok: false, error: 'exchanged_trigger_id' };
    if (this.now() - trigger.issuedAt >= triggerIdLifetimeMs)
      return { ok: false, error: 'expired_trigger_id' };
    trigger.used = true;
    return { ok: true, user: trigger.user };
  }

  /** Issues the secret path part of a response_url ("T…/123…/secret"). */
  issueResponseUrl(target: ResponseUrlTarget): string {
    const token = `${this.team.id}/${Math.floor(this.now() / 1000)}${this.#responseUrls.size + 1}/${randomBytes(12).toString('hex')}`;
    this.#responseUrls.set(token, { target, issuedAt: this.now(), uses: 0 });
    return token;
  }

  redeemResponseUrl(token: string): ResponseUrlRedemption {
    const issued = this.#responseUrls.get(token);
    if (!issued) return { ok: false, error: 'no_service' };
    if (this.now() - issued.issuedAt > responseUrlLifetimeMs) return { ok: false, error: 'expired_url' };
    if (issued.uses >= responseUrlMaxUses) return { ok: false, error: 'used_url' };
    issued.uses += 1;
    return { ok: true, target: issued.target, use: issued.uses };
  }

  // The browser sandbox's view

  displayName(userId: string): string {
    const person = this.#people.get(userId);
    return person ? person.realName : userId;
  }

  snapshotFor(userId: string): WorkspaceSnapshot {
    const channel = this.primaryChannel;
    const top = this.topView(userId);
    const asSnapshot = (message: ChannelMessage): SnapshotMessage => ({
      ts: message.ts,
      user: message.user,
      userName: this.displayName(message.user),
      text: message.text,
      blocks: structuredClone(message.blocks),
    });
    return {
      version: this.#version,
      team: { id: this.team.id, name: this.team.name },
      channel: { id: channel.id, name: channel.name, isPrivate: channel.isPrivate },
      me: userId,
      people: [...this.#people.values()]
        .filter((person) => !person.isBot)
        .map((person) => ({ id: person.id, name: person.realName, title: person.title })),
      messages: this.messages(channel.id).map((message) => ({
        ...asSnapshot(message),
        edited: message.edited,
        replies: message.replies.map(asSnapshot),
      })),
      ephemerals: this.ephemeralsFor(userId)
        .filter((message) => message.channel === channel.id)
        .map((message) => ({ ts: message.ts, text: message.text, blocks: structuredClone(message.blocks) })),
      modal: top ? { viewId: top.view.id, view: structuredClone(top.view), errors: { ...top.errors } } : null,
    };
  }
}
