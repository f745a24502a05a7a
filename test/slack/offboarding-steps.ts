import { sql } from 'drizzle-orm';
import { expect } from 'vitest';
import { auditEvents, offboardingCases } from '../../src/db/schema.js';
import { channel, type Harness } from '../support/slack-harness.js';

/** A departing employee as the HR system sends them. */
export const leaver = {
  email: 'dana.reyes@example.com',
  name: 'Dana Reyes',
  lastDay: '2026-11-27',
  vendors: ['spring-health', 'betterup', 'one-medical'],
};

/** Starts a case through the HR-system webhook and waits until its card is in the channel. */
export const startCase = async (
  harness: Harness,
  body: Record<string, unknown> = leaver,
): Promise<string> => {
  const response = await harness.webhook(body);
  expect(response.status).toBe(201);
  await harness.settle();
  return String(response.body.id);
};

/** A person clicks a button on a case's card, as Slack sends it; waits until the app and the outbox are done. */
export const click = async (
  harness: Harness,
  user: string,
  caseId: string,
  actionId: string,
  value = caseId,
) => {
  const card = await harness.card(caseId);
  const outcome = await harness.standin.interactions.clickButton({
    user,
    source: { type: 'message', ts: card.ts, channel },
    actionId,
    value,
  });
  expect(outcome.status).toBe(200);
  expect(outcome.withinAckDeadline).toBe(true);
  await harness.settle();
  return outcome;
};

export const lastEphemeral = (harness: Harness, user: string): string =>
  harness.standin.workspace.ephemeralsFor(user).at(-1)?.text ?? '';

/** The audit ledger as `action:actor`, oldest first. */
export const auditTrail = async (harness: Harness): Promise<string[]> => {
  const trail: string[] = [];
  for await (const event of harness.services.ledger.events()) trail.push(`${event.action}:${event.actor}`);
  return trail;
};

/** How many cases and audit events exist: a request that writes nothing leaves both where they were. */
export const rowCounts = async (harness: Harness): Promise<{ cases: number; auditEvents: number }> => {
  const [cases] = await harness.services.db
    .select({ count: sql<number>`count(*)::int` })
    .from(offboardingCases);
  const [events] = await harness.services.db.select({ count: sql<number>`count(*)::int` }).from(auditEvents);
  return { cases: cases?.count ?? 0, auditEvents: events?.count ?? 0 };
};

/** The ids of every case, oldest first. */
export const caseIds = async (harness: Harness): Promise<string[]> =>
  (
    await harness.services.db
      .select({ id: offboardingCases.id })
      .from(offboardingCases)
      .orderBy(offboardingCases.createdAt)
  ).map((row) => row.id);

/**
 * The form body of a button click exactly as Slack posts it, for requests the stand-in's own click cannot make:
 * a click on a card Slack no longer shows, a forged value, a bad signature.
 */
export const buttonClickBody = (
  harness: Harness,
  input: { user: string; actionId: string; value: string },
) => {
  const workspace = harness.standin.workspace;
  const payload = {
    type: 'block_actions',
    user: { id: input.user, team_id: workspace.team.id },
    team: { id: workspace.team.id, domain: workspace.team.domain },
    api_app_id: workspace.bot.appId,
    channel: { id: channel, name: 'privategroup' },
    container: { type: 'message', channel_id: channel, message_ts: '1700000000.000100' },
    trigger_id: workspace.issueTriggerId(input.user),
    actions: [
      {
        type: 'button',
        action_id: input.actionId,
        block_id: 'case-actions',
        value: input.value,
        action_ts: workspace.nextTs(),
      },
    ],
  };
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
};

export const healthz = async (harness: Harness) => {
  const response = await fetch(`${harness.app.url}/healthz`);
  return { status: response.status, body: (await response.json()) as unknown };
};
