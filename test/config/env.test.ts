import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config/env.js';

const slackHttp = {
  SLACK_BOT_TOKEN: 'xoxb-123-456-abc',
  SLACK_SIGNING_SECRET: 'signing-secret',
  OFFBOARDING_CHANNEL: 'C0123ABCD',
  HR_APPROVERS: 'U0HR00001, W0HR00002',
  IT_CONFIRMERS: 'U0IT00001',
};

/** The problems loadConfig reports for `env`; fails the test when it accepts it. */
const problemsOf = (env: Record<string, string | undefined>): string[] => {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems;
  }
  throw new Error(`expected a ConfigError for ${JSON.stringify(env)}`);
};

/** Whether some problem is about `name`, the way the message a person reads starts. */
const names = (problems: string[], name: string) =>
  problems.some((problem) => problem.startsWith(`${name}:`));

describe('configuration from the environment', () => {
  test('with no Slack token it runs the sandbox with the documented defaults', () => {
    expect(loadConfig({})).toStrictEqual({
      pgliteDir: '.data/pglite',
      port: 3000,
      businessTimeZone: 'UTC',
      logLevel: 'info',
      slack: { kind: 'sandbox' },
    });
  });

  test('blank variables count as unset', () => {
    const config = loadConfig({
      PORT: ' ',
      PGLITE_DIR: '',
      BUSINESS_TIMEZONE: '  ',
      DATABASE_URL: '',
      SLACK_BOT_TOKEN: '',
    });
    expect(config).toMatchObject({
      port: 3000,
      pgliteDir: '.data/pglite',
      businessTimeZone: 'UTC',
      slack: { kind: 'sandbox' },
    });
    expect(config).not.toHaveProperty('databaseUrl');
  });

  test('the optional variables are read when set', () => {
    const config = loadConfig({
      DATABASE_URL: 'postgresql://app@db:5432/offboarding',
      PGLITE_DIR: '/var/lib/offboarding',
      PORT: '8080',
      BUSINESS_TIMEZONE: 'America/Los_Angeles',
      OFFBOARDING_API_TOKEN: 'a-long-enough-api-token',
      LOG_LEVEL: 'debug',
    });
    expect(config).toMatchObject({
      databaseUrl: 'postgresql://app@db:5432/offboarding',
      pgliteDir: '/var/lib/offboarding',
      port: 8080,
      businessTimeZone: 'America/Los_Angeles',
      offboardingApiToken: 'a-long-enough-api-token',
      logLevel: 'debug',
      slack: { kind: 'sandbox' },
    });
  });

  test('a bot token with a signing secret, a channel and both role lists runs in HTTP mode', () => {
    const config = loadConfig({ ...slackHttp, SLACK_API_URL: 'http://127.0.0.1:4010/api' });
    expect(config.slack).toStrictEqual({
      kind: 'http',
      botToken: 'xoxb-123-456-abc',
      signingSecret: 'signing-secret',
      channel: 'C0123ABCD',
      hrApprovers: ['U0HR00001', 'W0HR00002'],
      itConfirmers: ['U0IT00001'],
      apiUrl: 'http://127.0.0.1:4010/api/',
    });
  });

  test.each(['SLACK_SIGNING_SECRET', 'OFFBOARDING_CHANNEL', 'HR_APPROVERS', 'IT_CONFIRMERS'] as const)(
    'HTTP mode needs %s',
    (name) => {
      const problems = problemsOf({ ...slackHttp, [name]: undefined });
      expect(problems).toHaveLength(1);
      expect(names(problems, name)).toBe(true);
    },
  );

  test('HTTP mode with only a bot token names every missing variable at once', () => {
    const problems = problemsOf({ SLACK_BOT_TOKEN: 'xoxb-1' });
    for (const name of ['SLACK_SIGNING_SECRET', 'OFFBOARDING_CHANNEL', 'HR_APPROVERS', 'IT_CONFIRMERS']) {
      expect(names(problems, name), `${name} in ${problems.join(' | ')}`).toBe(true);
    }
  });

  test('an app token switches to Socket Mode', () => {
    const config = loadConfig({ ...slackHttp, SLACK_APP_TOKEN: 'xapp-1-A0-abc' });
    expect(config.slack).toMatchObject({
      kind: 'socket',
      appToken: 'xapp-1-A0-abc',
      botToken: 'xoxb-123-456-abc',
    });
  });

  test('Socket Mode starts without a signing secret, as the contract says', () => {
    const config = loadConfig({
      ...slackHttp,
      SLACK_SIGNING_SECRET: undefined,
      SLACK_APP_TOKEN: 'xapp-1-A0-abc',
    });
    expect(config.slack.kind).toBe('socket');
  });

  test('an app token without a bot token is refused', () => {
    expect(names(problemsOf({ SLACK_APP_TOKEN: 'xapp-1-A0-abc' }), 'SLACK_BOT_TOKEN')).toBe(true);
  });

  test('an app token without a bot token is listed beside other bad variables', () => {
    const problems = problemsOf({ SLACK_APP_TOKEN: 'xapp-1-A0-abc', PORT: 'abc' });
    expect(names(problems, 'PORT')).toBe(true);
    expect(names(problems, 'SLACK_BOT_TOKEN')).toBe(true);
  });

  test('several bad variables are all listed in one ConfigError', () => {
    const problems = problemsOf({
      PORT: 'abc',
      DATABASE_URL: 'mysql://x',
      SLACK_BOT_TOKEN: 'abc',
      HR_APPROVERS: 'alice,U123',
      BUSINESS_TIMEZONE: 'Mars/Base',
      OFFBOARDING_CHANNEL: 'general',
      OFFBOARDING_API_TOKEN: 'short',
      LOG_LEVEL: 'loud',
      SLACK_API_URL: 'ftp://slack.example',
    });
    for (const name of [
      'PORT',
      'DATABASE_URL',
      'SLACK_BOT_TOKEN',
      'HR_APPROVERS',
      'BUSINESS_TIMEZONE',
      'OFFBOARDING_CHANNEL',
      'OFFBOARDING_API_TOKEN',
      'LOG_LEVEL',
      'SLACK_API_URL',
      'SLACK_SIGNING_SECRET',
      'IT_CONFIRMERS',
    ]) {
      expect(names(problems, name), `${name} missing from ${problems.join(' | ')}`).toBe(true);
    }
  });

  test('the error message lists every problem on its own line', () => {
    try {
      loadConfig({ PORT: 'abc', BUSINESS_TIMEZONE: 'Mars/Base' });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const { message, problems } = error as ConfigError;
      expect(problems).toHaveLength(2);
      for (const problem of problems) expect(message).toContain(`\n  - ${problem}`);
    }
  });

  test.each([
    ['PORT', 'abc'],
    ['PORT', '0'],
    ['PORT', '65536'],
    ['PORT', '80.5'],
    ['DATABASE_URL', 'mysql://x'],
    ['BUSINESS_TIMEZONE', 'Mars/Base'],
    ['OFFBOARDING_API_TOKEN', 'too-short'],
    ['SLACK_API_URL', 'not a url'],
  ])('%s=%s is named as malformed', (name, value) => {
    const problems = problemsOf({ [name]: value });
    expect(problems).toHaveLength(1);
    expect(names(problems, name)).toBe(true);
  });

  test.each([
    ['SLACK_BOT_TOKEN', 'abc'],
    ['SLACK_APP_TOKEN', 'xoxb-not-an-app-token'],
    ['OFFBOARDING_CHANNEL', 'general'],
    ['OFFBOARDING_CHANNEL', '#benefits-offboarding'],
    ['HR_APPROVERS', 'alice,U123'],
    ['HR_APPROVERS', ' , '],
    ['IT_CONFIRMERS', 'u0lowercase'],
  ])('in Slack mode, %s=%s is named as malformed', (name, value) => {
    const problems = problemsOf({ ...slackHttp, [name]: value });
    expect(names(problems, name), problems.join(' | ')).toBe(true);
  });

  test('role lists accept user ids and user-group ids, trimmed, ignoring empty entries', () => {
    const config = loadConfig({
      ...slackHttp,
      HR_APPROVERS: ' S0HRGROUP , U0HR00001,,',
      IT_CONFIRMERS: 'S0ITGROUP',
    });
    expect(config.slack).toMatchObject({
      hrApprovers: ['S0HRGROUP', 'U0HR00001'],
      itConfirmers: ['S0ITGROUP'],
    });
  });

  test('any list of valid Slack user and group ids is read back as given', () => {
    const slackId = fc
      .tuple(fc.constantFrom('U', 'W', 'S'), fc.stringMatching(/^[A-Z0-9]{2,11}$/))
      .map(([kind, rest]) => kind + rest);
    fc.assert(
      fc.property(
        fc.array(slackId, { minLength: 1, maxLength: 6 }),
        fc.array(slackId, { minLength: 1, maxLength: 6 }),
        (hrIds, itIds) => {
          const config = loadConfig({
            ...slackHttp,
            HR_APPROVERS: hrIds.join(', '),
            IT_CONFIRMERS: itIds.join(','),
          });
          expect(config.slack).toMatchObject({ hrApprovers: hrIds, itConfirmers: itIds });
        },
      ),
      { numRuns: 100 },
    );
  });
});
