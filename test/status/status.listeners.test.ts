import { Writable } from 'node:stream';
import type { App } from '@slack/bolt';
import { ErrorCode, type WebClient } from '@slack/web-api';
import { pino } from 'pino';
import { describe, expect, test, vi } from 'vitest';
import type { Actor } from '../../src/offboarding/case-lifecycle.js';
import type { Logger } from '../../src/shared/logger.js';
import type { AccessControl } from '../../src/slack/access-control.js';
import { registerStatusListeners, STATUS_COMMAND } from '../../src/status/status.listeners.js';
import type { PersonStatus, StatusRepository, StatusSummary } from '../../src/status/status.repository.js';

// Unit tests of the glue with hand-made fakes; the end-to-end test over signed HTTP lives with the Slack stand-in.

const hrUser = 'UHR00001';
const itUser = 'UIT00001';
// 22:00 in New York on 2026-11-16, already the 17th in UTC.
const now = new Date('2026-11-17T03:00:00Z');

const summary: StatusSummary = {
  awaitingHr: 1,
  awaitingVendors: 2,
  overdueRemovals: 0,
  completedRecently: 3,
  vendors: [],
};
const noCases = (email: string): PersonStatus => ({ email, cases: { items: [], total: 0 } });

type Ack = { response_type?: string; text?: string; blocks?: unknown[] };

const setup = (
  overrides: { status?: Partial<StatusRepository>; email?: string | Error; answerWithinMs?: number } = {},
) => {
  const status = {
    summary: vi.fn(async () => summary),
    person: vi.fn(async (email: string) => noCases(email)),
    vendor: vi.fn(async () => undefined),
    overdue: vi.fn(async () => ({ items: [], total: 0 })),
    ...overrides.status,
  } as unknown as StatusRepository;
  const access: AccessControl = {
    actorFor: async (id: string): Promise<Actor> => ({
      id,
      isHrApprover: id === hrUser,
      isItConfirmer: id === itUser,
    }),
    holdersOf: (role) => (role === 'hr' ? `<@${hrUser}>` : '<!subteam^SIT0001>'),
  };
  const lines: string[] = [];
  const logger = pino(
    { base: null },
    new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    }),
  ) as unknown as Logger;
  const usersInfo = vi.fn(async ({ user }: { user: string }) => {
    if (overrides.email instanceof Error) throw overrides.email;
    return {
      ok: true,
      user: { id: user, profile: overrides.email === undefined ? {} : { email: overrides.email } },
    };
  });
  const client = { users: { info: usersInfo } } as unknown as WebClient;

  let listener: ((args: unknown) => Promise<void>) | undefined;
  const app = {
    command: (name: string, handler: (args: unknown) => Promise<void>) => {
      expect(name).toBe(STATUS_COMMAND);
      listener = handler;
    },
  } as unknown as App;
  registerStatusListeners(app, {
    status,
    access,
    vendors: async () => [
      { id: 'betterup', name: 'BetterUp' },
      { id: 'one-medical', name: 'One Medical' },
    ],
    timeZone: 'America/New_York',
    clock: () => now,
    logger,
    ...(overrides.answerWithinMs ? { answerWithinMs: overrides.answerWithinMs } : {}),
  });

  const run = async (text: string, userId = hrUser): Promise<Ack> => {
    const acks: Ack[] = [];
    const ack = async (response?: Ack) => {
      acks.push(response ?? {});
    };
    if (!listener) throw new Error('no listener registered');
    await listener({
      command: { command: STATUS_COMMAND, text, user_id: userId, channel_id: 'C1' },
      ack,
      client,
    });
    expect(acks).toHaveLength(1);
    const [answer] = acks;
    expect(answer?.response_type).toBe('ephemeral');
    expect(answer?.text).toBeTruthy();
    return answer as Ack;
  };
  return { run, status, usersInfo, logs: () => lines.join('') };
};

describe('/benefits-status listener', () => {
  test('someone who is neither HR nor IT is refused ephemerally, told who may use it, and sees no data', async () => {
    const { run, status } = setup();
    const answer = await run('', 'UNOBODY1');
    expect(answer.text).toBe(
      'Only HR approvers (<@UHR00001>) and IT confirmers (<!subteam^SIT0001>) may use `/benefits-status`.',
    );
    expect(status.summary).not.toHaveBeenCalled();
  });

  test('no argument answers the summary as of the business date, counting completions over 30 days', async () => {
    const { run, status } = setup();
    const answer = await run('  ');
    expect(answer.text).toContain('1 awaiting HR, 2 awaiting vendors');
    expect(status.summary).toHaveBeenCalledWith({
      today: '2026-11-16',
      completedSince: new Date('2026-10-18T03:00:00Z'),
    });
  });

  test('an IT confirmer may ask too; an email asks for that person, lower-cased', async () => {
    const { run, status } = setup();
    const answer = await run('Dana.Reyes@Example.com', itUser);
    expect(status.person).toHaveBeenCalledWith('dana.reyes@example.com', { today: '2026-11-16' });
    expect(answer.text).toBe('No offboarding case for dana.reyes@example.com.');
  });

  test("a mention is resolved to the person's profile email with users.info", async () => {
    const { run, status, usersInfo } = setup({ email: 'Lee.Park@example.com' });
    await run('<@U0LEE0001|lee>');
    expect(usersInfo).toHaveBeenCalledWith({ user: 'U0LEE0001' });
    expect(status.person).toHaveBeenCalledWith('Lee.Park@example.com', { today: '2026-11-16' });
  });

  test('a mention of someone whose profile shows no email says so and queries nothing', async () => {
    const { run, status } = setup();
    const answer = await run('<@U0BOT0001>');
    expect(answer.text).toContain('<@U0BOT0001> has no email address');
    expect(status.person).not.toHaveBeenCalled();
  });

  test('a mention Slack cannot resolve is answered the same way', async () => {
    const refused = Object.assign(new Error('An API error occurred: user_not_found'), {
      code: ErrorCode.PlatformError,
      data: { ok: false, error: 'user_not_found' },
    });
    const { run, logs } = setup({ email: refused });
    expect((await run('<@U0GONE001>')).text).toContain('has no email address');
    expect(logs()).toContain('user_not_found');
  });

  test("a vendor id answers that vendor's status; a vendor missing from the database is said to be unknown", async () => {
    const { run, status } = setup();
    const answer = await run('One-Medical');
    expect(status.vendor).toHaveBeenCalledWith('one-medical', { today: '2026-11-16' });
    expect(answer.text).toContain("I don't know the vendor `one-medical`");
  });

  test('"overdue" answers the overdue list', async () => {
    const { run, status } = setup();
    expect((await run('overdue')).text).toBe('No vendor removal is overdue.');
    expect(status.overdue).toHaveBeenCalledWith({ today: '2026-11-16' });
  });

  test('anything else gets usage help listing the vendor ids', async () => {
    const { run, status } = setup();
    const answer = await run('acme-dental');
    expect(JSON.stringify(answer.blocks)).toContain("I didn't understand `acme-dental`");
    expect(JSON.stringify(answer.blocks)).toContain('`one-medical` One Medical');
    expect(status.summary).not.toHaveBeenCalled();
  });

  test('a failed query is answered with an apology and logged without the email', async () => {
    const failure = Object.assign(
      new Error('Failed query: select … where employee_email = $1\nparams: dana.reyes@example.com'),
      {
        query: 'select … where employee_email = $1',
        params: ['dana.reyes@example.com'],
        cause: new Error('connection terminated while asking about dana.reyes@example.com'),
      },
    );
    const { run, logs } = setup({ status: { person: vi.fn(async () => Promise.reject(failure)) } });
    const answer = await run('Dana.Reyes@example.com');
    expect(answer.text).toContain("Sorry, I couldn't get the offboarding status");
    expect(logs()).toContain('status command failed');
    expect(logs()).toContain('connection terminated');
    expect(logs().toLowerCase()).not.toContain('dana');
  });

  test('a query too slow for Slack is answered with an apology before the deadline', async () => {
    const { run, logs } = setup({
      answerWithinMs: 50,
      status: {
        summary: vi.fn(
          () => new Promise<StatusSummary>((resolve) => setTimeout(() => resolve(summary), 2000)),
        ),
      },
    });
    const started = Date.now();
    const answer = await run('');
    expect(Date.now() - started).toBeLessThan(1000);
    expect(answer.text).toContain('Sorry');
    expect(logs()).toContain('status command too slow');
  });
});
