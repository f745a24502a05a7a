import { expect, test } from 'vitest';
import { Workspace } from '../../src/slack-standin/workspace.js';
import {
  approvalCard,
  hrApprover,
  itAdmin,
  leaver,
  manualClock,
  offboardingChannel,
  removalModal,
} from './offboarding-workspace.js';

const workspaceAt = (now: () => number) =>
  new Workspace({
    people: [hrApprover, itAdmin, leaver],
    primaryChannel: offboardingChannel,
    userGroups: { S0HRAPPROV: [hrApprover.id] },
    now,
  });

test('message timestamps look like Slack ones and strictly increase even when the clock stands still', () => {
  const workspace = workspaceAt(() => Date.UTC(2026, 10, 25, 9, 0, 0));
  const stamps = Array.from({ length: 5 }, () => workspace.nextTs());
  expect(stamps[0]).toBe('1795597200.000000');
  for (const [index, ts] of stamps.entries()) {
    expect(ts).toMatch(/^\d{10}\.\d{6}$/);
    if (index > 0) expect(Number(ts)).toBeGreaterThan(Number(stamps[index - 1]));
  }
});

test('the snapshot for a person has exactly the shape the sandbox page reads', () => {
  const clock = manualClock();
  const workspace = workspaceAt(clock.now);
  const bot = workspace.bot;
  const card = workspace.postMessage({
    channel: offboardingChannel.id,
    user: bot.userId,
    botId: bot.botId,
    text: 'Offboarding: Lee Park',
    blocks: approvalCard,
  });
  workspace.postMessage({
    channel: offboardingChannel.id,
    user: hrApprover.id,
    text: 'On it',
    threadTs: card.ts,
  });
  workspace.updateMessage(offboardingChannel.id, card.ts, { text: 'Offboarding: Lee Park (approved)' });
  const mine = workspace.postEphemeral({
    channel: offboardingChannel.id,
    user: hrApprover.id,
    text: 'Only Hana',
  });
  workspace.postEphemeral({ channel: offboardingChannel.id, user: itAdmin.id, text: 'Only Ivan' });
  const view = workspace.openView(hrApprover.id, removalModal);
  workspace.setViewErrors(view.id, { reference: 'Too short' });

  const snapshot = workspace.snapshotFor(hrApprover.id);
  expect(Object.keys(snapshot).sort()).toEqual(
    ['channel', 'ephemerals', 'me', 'messages', 'modal', 'people', 'team', 'version'].sort(),
  );
  expect(snapshot).toMatchObject({
    version: workspace.version,
    team: { id: workspace.team.id, name: workspace.team.name },
    channel: { id: offboardingChannel.id, name: offboardingChannel.name, isPrivate: true },
    me: hrApprover.id,
    people: [
      { id: hrApprover.id, name: 'Hana Reyes', title: 'HR Partner' },
      { id: itAdmin.id, name: 'Ivan Osei', title: 'IT Administrator' },
      { id: leaver.id, name: 'Lee Park', title: 'Account Executive' },
    ],
    ephemerals: [{ ts: mine.ts, text: 'Only Hana', blocks: [] }],
    modal: { viewId: view.id, errors: { reference: 'Too short' } },
  });
  const [message] = snapshot.messages;
  expect(Object.keys(message ?? {}).sort()).toEqual(
    ['blocks', 'edited', 'replies', 'text', 'ts', 'user', 'userName'].sort(),
  );
  expect(message).toMatchObject({
    ts: card.ts,
    user: bot.userId,
    userName: bot.name,
    text: 'Offboarding: Lee Park (approved)',
    edited: true,
    replies: [{ user: hrApprover.id, userName: 'Hana Reyes', text: 'On it' }],
  });
  expect(Object.keys(message?.replies[0] ?? {}).sort()).toEqual(['blocks', 'text', 'ts', 'user', 'userName']);
  expect(snapshot.modal?.view.callback_id).toBe('confirm_removal');
  expect(workspace.snapshotFor(leaver.id)).toMatchObject({ ephemerals: [], modal: null });
});

test('listeners hear of every change with the new version until they unsubscribe', () => {
  const workspace = workspaceAt(Date.now);
  const heard: number[] = [];
  const unsubscribe = workspace.subscribe((version) => heard.push(version));
  workspace.postMessage({ channel: offboardingChannel.id, user: hrApprover.id, text: 'one' });
  workspace.postEphemeral({ channel: offboardingChannel.id, user: hrApprover.id, text: 'two' });
  unsubscribe();
  workspace.postMessage({ channel: offboardingChannel.id, user: hrApprover.id, text: 'three' });
  expect(heard).toEqual([1, 2]);
  expect(workspace.version).toBe(3);
});

test('blocks stored without ids get a block_id and their interactive elements an action_id, as Slack does', () => {
  const workspace = workspaceAt(Date.now);
  const message = workspace.postMessage({
    channel: offboardingChannel.id,
    user: hrApprover.id,
    text: 'x',
    blocks: [
      { type: 'actions', elements: [{ type: 'button', text: { type: 'plain_text', text: 'Go' } }] },
      { type: 'divider', block_id: 'kept' },
    ],
  });
  const [actions, divider] = message.blocks as { block_id: string; elements?: { action_id: string }[] }[];
  expect(actions?.block_id).toMatch(/^\w{5}$/);
  expect(actions?.elements?.[0]?.action_id).toMatch(/^\w{5}$/);
  expect(divider?.block_id).toBe('kept');
});

test('a response_url takes 5 posts within 30 minutes and no more', () => {
  const clock = manualClock();
  const workspace = workspaceAt(clock.now);
  const target = {
    kind: 'actions' as const,
    channel: offboardingChannel.id,
    user: hrApprover.id,
    source: undefined,
  };
  const token = workspace.issueResponseUrl(target);
  for (let use = 1; use <= 5; use += 1)
    expect(workspace.redeemResponseUrl(token)).toMatchObject({ ok: true, use });
  expect(workspace.redeemResponseUrl(token)).toEqual({ ok: false, error: 'used_url' });
  const later = workspace.issueResponseUrl(target);
  clock.advance(30 * 60 * 1000 + 1);
  expect(workspace.redeemResponseUrl(later)).toEqual({ ok: false, error: 'expired_url' });
  expect(workspace.redeemResponseUrl('T0/1/unknown')).toEqual({ ok: false, error: 'no_service' });
});

test('closing a pushed view returns to the one beneath it', () => {
  const workspace = workspaceAt(Date.now);
  const root = workspace.openView(itAdmin.id, removalModal);
  const pushed = workspace.pushView(itAdmin.id, removalModal);
  expect(pushed).toMatchObject({ previous_view_id: root.id, root_view_id: root.id });
  workspace.popView(itAdmin.id);
  expect(workspace.topView(itAdmin.id)?.view.id).toBe(root.id);
  workspace.popView(itAdmin.id);
  expect(workspace.topView(itAdmin.id)).toBeUndefined();
});
