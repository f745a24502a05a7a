import { describe, expect, test } from 'vitest';
import { CardAction } from '../../src/offboarding/offboarding-card.js';
import { signSlackRequest } from '../../src/slack-standin/interactions.js';
import { type Harness, people, useHarness } from '../support/slack-harness.js';
import { databaseTargets } from '../support/test-database.js';
import {
  auditTrail,
  buttonClickBody,
  healthz,
  lastEphemeral,
  rowCounts,
  startCase,
} from './offboarding-steps.js';

const form = { 'content-type': 'application/x-www-form-urlencoded' };
const nowSeconds = () => Math.floor(Date.now() / 1000);

describe.each(databaseTargets())('requests to /slack/events on $label', ({ open }) => {
  let harness: Harness;

  useHarness(open, (_database, startedHarness) => {
    harness = startedHarness;
  });

  /** An Approve click on a fresh case, and what the database held before anything was sent. */
  const approveRequest = async () => {
    const caseId = await startCase(harness);
    const body = buttonClickBody(harness, {
      user: people.harriet.id,
      actionId: CardAction.approve,
      value: caseId,
    });
    return { caseId, body, before: await rowCounts(harness) };
  };

  /** Asserts the case is exactly as the webhook left it: awaiting HR, its only audit event its start. */
  const expectUnchanged = async (caseId: string) => {
    await harness.settle();
    expect((await harness.services.offboarding.getCase(caseId))?.status).toBe('awaiting_hr');
    expect(await auditTrail(harness)).toEqual(['case.started:api']);
  };

  test('an unsigned request gets 401 and changes nothing', async () => {
    const { caseId, body } = await approveRequest();
    const answer = await harness.standin.interactions.sendRaw({ body, headers: form });
    expect(answer.status).toBe(401);
    await expectUnchanged(caseId);
  });

  test('a request signed with another secret, or whose body was altered after signing, gets 401 and changes nothing', async () => {
    const { caseId, body } = await approveRequest();
    const timestamp = nowSeconds();
    const wrongSecret = await harness.standin.interactions.sendRaw({
      body,
      headers: {
        ...form,
        'x-slack-request-timestamp': String(timestamp),
        'x-slack-signature': signSlackRequest({ signingSecret: 'not-the-secret', body, timestamp }),
      },
    });
    expect(wrongSecret.status).toBe(401);
    const altered = await harness.standin.interactions.sendRaw({
      body,
      headers: {
        ...form,
        'x-slack-request-timestamp': String(timestamp),
        'x-slack-signature': signSlackRequest({
          signingSecret: harness.signingSecret,
          body: body.replace('approve_case', 'reject_case'),
          timestamp,
        }),
      },
    });
    expect(altered.status).toBe(401);
    const garbage = await harness.standin.interactions.sendRaw({
      body,
      headers: { ...form, 'x-slack-request-timestamp': String(timestamp), 'x-slack-signature': 'v1=abc' },
    });
    expect(garbage.status).toBe(401);
    await expectUnchanged(caseId);
  });

  test('a correctly signed request over five minutes old gets 401 and changes nothing; the same click signed now works', async () => {
    const { caseId, body } = await approveRequest();
    const stale = await harness.standin.interactions.sendSigned(body, nowSeconds() - 5 * 60 - 30);
    expect(stale.status).toBe(401);
    await expectUnchanged(caseId);

    // The body itself was a good click: only its age was wrong.
    const fresh = await harness.standin.interactions.sendSigned(body);
    expect(fresh.status).toBe(200);
    await harness.settle();
    expect((await harness.services.offboarding.getCase(caseId))?.status).toBe('approved');
  });

  test('a signed payload that is not JSON is answered without a crash and writes nothing', async () => {
    const before = await rowCounts(harness);
    const answer = await harness.standin.interactions.sendSigned('payload=%7Bnot%20json');
    expect(answer.transportError).toBeUndefined();
    expect([200, 400]).toContain(answer.status);
    await harness.settle();
    expect(await rowCounts(harness)).toEqual(before);
    expect((await healthz(harness)).status).toBe(200);
  });

  test('a signed JSON payload without a type is answered without a crash and writes nothing', async () => {
    const before = await rowCounts(harness);
    const body = new URLSearchParams({
      payload: JSON.stringify({ user: { id: people.harriet.id }, actions: [] }),
    }).toString();
    const answer = await harness.standin.interactions.sendSigned(body);
    expect(answer.transportError).toBeUndefined();
    expect(answer.status).toBeLessThan(500);
    await harness.settle();
    expect(await rowCounts(harness)).toEqual(before);
    expect((await healthz(harness)).status).toBe(200);
  });

  test('a button whose value is not a case id is acknowledged, says the button is no longer valid, and writes nothing', async () => {
    const { before } = await approveRequest();
    for (const value of ['DROP TABLE offboarding_cases', '', '../../etc/passwd', 'x'.repeat(3000)]) {
      const answer = await harness.standin.interactions.sendSigned(
        buttonClickBody(harness, { user: people.harriet.id, actionId: CardAction.approve, value }),
      );
      expect(answer.status).toBe(200);
      expect(answer.withinAckDeadline).toBe(true);
      await harness.settle();
      expect(lastEphemeral(harness, people.harriet.id)).toBe('That button is no longer valid.');
    }
    for (const actionId of [CardAction.reject, CardAction.confirmRemoval, CardAction.draftRequest]) {
      const answer = await harness.standin.interactions.sendSigned(
        buttonClickBody(harness, { user: people.harriet.id, actionId, value: 'not-a-case' }),
      );
      expect(answer.status).toBe(200);
    }
    await harness.settle();
    expect(harness.standin.workspace.topView(people.harriet.id)).toBeUndefined();
    expect(await rowCounts(harness)).toEqual(before);
    expect((await healthz(harness)).status).toBe(200);
  });

  test('a button naming a case that does not exist says so and writes nothing', async () => {
    const { before } = await approveRequest();
    const unknownCase = '00000000-0000-4000-8000-000000000000';
    for (const [actionId, value] of [
      [CardAction.approve, unknownCase],
      [CardAction.reject, unknownCase],
      [CardAction.confirmRemoval, `${unknownCase}:betterup`],
    ] as const) {
      const answer = await harness.standin.interactions.sendSigned(
        buttonClickBody(harness, { user: people.harriet.id, actionId, value }),
      );
      expect(answer.status).toBe(200);
      await harness.settle();
      expect(lastEphemeral(harness, people.harriet.id)).toBe('That offboarding case does not exist.');
    }
    expect(harness.standin.workspace.topView(people.harriet.id)).toBeUndefined();
    expect(await rowCounts(harness)).toEqual(before);
    expect(await healthz(harness)).toEqual({ status: 200, body: { ok: true, db: 'ok' } });
  });
});
