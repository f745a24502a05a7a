import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import {
  apiToken,
  buttonLabels,
  channel,
  type Harness,
  startHarness,
  useHarness,
} from '../support/slack-harness.js';
import { databaseTargets, type TestDatabase } from '../support/test-database.js';
import { auditTrail, healthz, leaver, rowCounts } from './offboarding-steps.js';

const post = (harness: Harness, body: string, headers: Record<string, string>) =>
  fetch(`${harness.app.url}/api/offboardings`, { method: 'POST', headers, body });

describe.each(databaseTargets())('POST /api/offboardings on $label', ({ open }) => {
  let _database: TestDatabase;
  let harness: Harness;

  useHarness(open, (openedDatabase, startedHarness) => {
    _database = openedDatabase;
    harness = startedHarness;
  });
  beforeEach(async () => {
    harness.standin.webApi.clearCalls();
  });

  const cardPosts = () =>
    harness.standin.webApi.calls('chat.postMessage').filter((call) => call.args.thread_ts === undefined);

  /** Asserts the request left no trace: no case, no audit event, nothing sent to Slack. */
  const expectNothingWritten = async () => {
    await harness.settle();
    expect(await rowCounts(harness)).toEqual({ cases: 0, auditEvents: 0 });
    expect(harness.standin.webApi.calls('chat.postMessage')).toEqual([]);
  };

  test('a new case answers 201 with its id and its card is posted to the channel', async () => {
    const messagesBefore = harness.standin.workspace.messages(channel).length;
    const response = await harness.webhook({ ...leaver, externalId: 'HRIS-1001' });
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      status: 'awaiting_hr',
      externalId: 'HRIS-1001',
      lastDay: leaver.lastDay,
    });
    // The HR system gets ids and states back, not the employee's personal data.
    expect(JSON.stringify(response.body)).not.toContain(leaver.email);
    await harness.settle();
    const card = await harness.card(String(response.body.id));
    expect(buttonLabels(card.blocks)).toEqual(['Approve', 'Reject']);
    expect(card.text).toContain(leaver.name);
    expect(harness.standin.workspace.messages(channel)).toHaveLength(messagesBefore + 1);
  });

  test('the same externalId again answers 200 with the same case and posts nothing new', async () => {
    const first = await harness.webhook({ ...leaver, externalId: 'HRIS-2002' });
    expect(first.status).toBe(201);
    await harness.settle();
    const postsAfterFirst = harness.standin.webApi.calls('chat.postMessage').length;
    const messagesAfterFirst = harness.standin.workspace.messages(channel).length;
    expect(cardPosts()).toHaveLength(1);

    const again = await harness.webhook({ ...leaver, name: 'Dana R.', externalId: 'HRIS-2002' });
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(first.body.id);
    await harness.settle();
    expect(harness.standin.webApi.calls('chat.postMessage')).toHaveLength(postsAfterFirst);
    expect(harness.standin.workspace.messages(channel)).toHaveLength(messagesAfterFirst);
    expect(await rowCounts(harness)).toEqual({ cases: 1, auditEvents: 1 });
  });

  test('ten simultaneous requests with one externalId make one case and one card', async () => {
    const answers = await Promise.all(
      Array.from({ length: 10 }, () => harness.webhook({ ...leaver, externalId: 'HRIS-3003' })),
    );
    expect(answers.map((answer) => answer.status).sort()).toEqual([
      200, 200, 200, 200, 200, 200, 200, 200, 200, 201,
    ]);
    expect(new Set(answers.map((answer) => answer.body.id)).size).toBe(1);
    await harness.settle();
    expect(cardPosts()).toHaveLength(1);
    expect(await rowCounts(harness)).toEqual({ cases: 1, auditEvents: 1 });
  });

  test('without vendors the case takes the vendors whose rosters list the email', async () => {
    await harness.services.db.transaction(async (tx) => {
      await harness.services.roster.replace(
        tx,
        'betterup',
        [{ email: 'Dana.Reyes@example.com' }],
        new Date(),
      );
      await harness.services.roster.replace(
        tx,
        'one-medical',
        [{ email: 'someone.else@example.com' }],
        new Date(),
      );
    });
    const { vendors: _vendors, ...withoutVendors } = leaver;
    const response = await harness.webhook(withoutVendors);
    expect(response.status).toBe(201);
    expect(response.body.vendors).toEqual([{ id: 'betterup', status: 'awaiting_approval', dueOn: null }]);
    await harness.settle();
    const card = await harness.card(String(response.body.id));
    expect(card.replies).toEqual([expect.stringContaining('vendors: BetterUp')]);
  });

  test.each([
    ['a bad email', { ...leaver, email: 'dana.reyes' }, ['email']],
    ['a missing name', { ...leaver, name: undefined }, ['name']],
    ['a blank name', { ...leaver, name: '   ' }, ['name']],
    ['a date that does not exist', { ...leaver, lastDay: '2026-02-30' }, ['lastDay']],
    ['a date in another format', { ...leaver, lastDay: '27/11/2026' }, ['lastDay']],
    ['an unknown vendor', { ...leaver, vendors: ['nope'] }, ['vendors']],
    ['vendors that are not an array', { ...leaver, vendors: 'betterup' }, ['vendors']],
    [
      'every field bad at once',
      { email: 'nobody', name: '', lastDay: '2026-02-30', vendors: 'betterup' },
      ['email', 'lastDay', 'name', 'vendors'],
    ],
  ])('%s gets 400 naming each bad field and writes nothing', async (_label, body, fields) => {
    const response = await harness.webhook(body);
    expect(response.status).toBe(400);
    expect(response.body.error).toBe('invalid_request');
    const named = response.body.fields as Record<string, string>;
    expect(Object.keys(named).sort()).toEqual(fields);
    for (const message of Object.values(named)) expect(message).toMatch(/\w/);
    await expectNothingWritten();
  });

  test('an unknown vendor is named even when other fields are bad too', async () => {
    const response = await harness.webhook({
      email: 'nobody',
      name: 'Dana',
      lastDay: '2026-02-30',
      vendors: ['nope'],
    });
    expect(response.status).toBe(400);
    expect(Object.keys(response.body.fields as object).sort()).toEqual(['email', 'lastDay', 'vendors']);
    await expectNothingWritten();
  });

  test('a body that is not JSON gets 400 and writes nothing', async () => {
    const response = await harness.webhook('{"email": "dana.reyes@example.com", ');
    expect(response.status).toBe(400);
    expect(response.body.error).toBe('invalid_json');
    await expectNothingWritten();
  });

  test('a missing or wrong bearer token gets 401 and writes nothing', async () => {
    const missing = await post(harness, JSON.stringify(leaver), { 'content-type': 'application/json' });
    expect(missing.status).toBe(401);
    expect(missing.headers.get('www-authenticate')).toBe('Bearer');
    for (const token of ['wrong-token', `${apiToken}x`, apiToken.slice(0, -1), '']) {
      expect((await harness.webhook(leaver, token)).status).toBe(401);
    }
    const basic = await post(harness, JSON.stringify(leaver), {
      'content-type': 'application/json',
      authorization: `Basic ${apiToken}`,
    });
    expect(basic.status).toBe(401);
    await expectNothingWritten();
  });

  test('a body over 64 KB gets 413 and writes nothing', async () => {
    const response = await post(harness, JSON.stringify({ ...leaver, padding: 'x'.repeat(70 * 1024) }), {
      'content-type': 'application/json',
      authorization: `Bearer ${apiToken}`,
    });
    expect(response.status).toBe(413);
    await expectNothingWritten();
    // A body just under the limit is still read.
    const under = await harness.webhook({ ...leaver, padding: 'x'.repeat(60 * 1024) });
    expect(under.status).toBe(201);
  });

  test('GET /healthz answers 200 {"ok":true,"db":"ok"} while the database answers', async () => {
    const response = await fetch(`${harness.app.url}/healthz`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('application/json');
    expect(await response.json()).toEqual({ ok: true, db: 'ok' });
  });

  test('the audit ledger records who started the case: the HR system', async () => {
    await harness.webhook(leaver);
    expect(await auditTrail(harness)).toEqual(['case.started:api']);
  });
});

// Last, on their own database: a server started without the webhook token, whose database is then closed.
describe.each(databaseTargets())(
  'a server without OFFBOARDING_API_TOKEN, then without its database, on $label',
  ({ open }) => {
    let database: TestDatabase;
    let harness: Harness;

    beforeAll(async () => {
      database = await open();
      harness = await startHarness(database, { offboardingApiToken: null });
    });
    afterAll(async () => {
      await harness?.stop();
    });

    test('the webhook answers 503 to every request, even one carrying a token, and writes nothing', async () => {
      for (const token of [apiToken, '', 'undefined']) {
        const response = await harness.webhook(leaver, token);
        expect(response.status).toBe(503);
        expect(response.body.error).toBe('webhook_disabled');
      }
      expect(await rowCounts(harness)).toEqual({ cases: 0, auditEvents: 0 });
    });

    test('GET /healthz answers 503 once the database no longer answers', async () => {
      expect((await healthz(harness)).status).toBe(200);
      await harness.settle();
      await database.close();
      const response = await healthz(harness);
      expect(response.status).toBe(503);
      expect(response.body).toMatchObject({ ok: false });
    });
  },
);
