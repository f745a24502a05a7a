import { describe, expect, test } from 'vitest';
import { CardAction } from '../../src/offboarding/offboarding-card.js';
import { channel, type Harness, people, useHarness } from '../support/slack-harness.js';
import { databaseTargets } from '../support/test-database.js';
import { auditTrail, click, startCase } from './offboarding-steps.js';

describe.each(databaseTargets())('/benefits-status through Slack on $label', ({ open }) => {
  let harness: Harness;
  useHarness(open, (_database, startedHarness) => {
    harness = startedHarness;
  });

  const status = async (user: string, text: string) => {
    const before = harness.standin.workspace.ephemeralsFor(user).length;
    const outcome = await harness.standin.interactions.runSlashCommand({
      user,
      command: '/benefits-status',
      text,
      channel,
    });
    expect(outcome.status).toBe(200);
    expect(outcome.withinAckDeadline).toBe(true);
    expect(outcome.problems).toEqual([]);
    await harness.settle();
    const shown = harness.standin.workspace.ephemeralsFor(user).slice(before);
    // Only the asker sees the answer; nothing is posted to the channel.
    expect(outcome.shown).toBe('ephemeral');
    return JSON.stringify(shown.map((message) => [message.text, message.blocks]));
  };

  test('HR and IT get answers only they can see; the channel gets nothing', async () => {
    const caseId = await startCase(harness);
    await click(harness, people.harriet.id, caseId, CardAction.approve);
    const messagesBefore = harness.standin.workspace.messages(channel).length;

    expect(await status(people.harriet.id, '')).toMatch(/[Aa]waiting/);
    expect(await status(people.ivan.id, 'dana.reyes@example.com')).toContain('Dana Reyes');
    expect(await status(people.hugo.id, 'one-medical')).toContain('Dana Reyes');
    expect(await status(people.harriet.id, 'nonsense words')).toMatch(/overdue/);
    expect(harness.standin.workspace.messages(channel)).toHaveLength(messagesBefore);
  });

  test('an @mention is resolved to that person’s email through users.info', async () => {
    await startCase(harness, {
      email: people.nora.email,
      name: people.nora.realName,
      lastDay: '2026-12-01',
      vendors: ['betterup'],
    });
    const answer = await status(people.harriet.id, `<@${people.nora.id}|${people.nora.name}>`);
    expect(answer).toContain(people.nora.realName);
    expect(harness.standin.webApi.calls('users.info').at(-1)?.args.user).toBe(people.nora.id);
  });

  test('someone with no role is refused, told who may ask, and the attempt is audited', async () => {
    const answer = await status(people.nora.id, 'overdue');
    expect(answer).toContain('<!subteam^S0HRTEAM01>');
    expect(await auditTrail(harness)).toEqual([`access.denied:${people.nora.id}`]);
  });
});
