import { z } from 'zod';

const slackIdList = (name: string) =>
  z
    .string()
    .trim()
    .transform((raw) =>
      raw
        .split(',')
        .map((id) => id.trim())
        .filter((id) => id.length > 0),
    )
    .pipe(
      z
        .array(
          z
            .string()
            .regex(
              /^[UWS][A-Z0-9]{2,}$/,
              `${name} entries must be Slack user ids (U…, W…) or user-group ids (S…)`,
            ),
        )
        .min(1, `${name} must name at least one Slack user or user group`),
    );

const optionalText = z
  .string()
  .trim()
  .transform((value) => (value === '' ? undefined : value))
  .optional();

const isValidTimeZone = (zone: string) => {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
};

const baseSchema = z.object({
  DATABASE_URL: optionalText.pipe(
    z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'DATABASE_URL must start with postgres:// or postgresql://')
      .optional(),
  ),
  PGLITE_DIR: optionalText.transform((value) => value ?? '.data/pglite'),
  SLACK_BOT_TOKEN: optionalText.pipe(
    z.string().startsWith('xoxb-', 'SLACK_BOT_TOKEN must start with xoxb-').optional(),
  ),
  SLACK_SIGNING_SECRET: optionalText,
  SLACK_APP_TOKEN: optionalText.pipe(
    z.string().startsWith('xapp-', 'SLACK_APP_TOKEN must start with xapp-').optional(),
  ),
  SLACK_API_URL: optionalText.pipe(
    z
      .url({ protocol: /^https?$/, error: 'SLACK_API_URL must be an http(s) URL' })
      .transform((url) => (url.endsWith('/') ? url : `${url}/`))
      .optional(),
  ),
  PORT: optionalText.pipe(
    z
      .string()
      .regex(/^\d{1,5}$/, 'PORT must be a whole number from 1 to 65535')
      .transform(Number)
      .refine((port) => port >= 1 && port <= 65535, 'PORT must be a whole number from 1 to 65535')
      .default(3000),
  ),
  OFFBOARDING_CHANNEL: optionalText.pipe(
    z
      .string()
      .regex(/^[CG][A-Z0-9]{2,}$/, 'OFFBOARDING_CHANNEL must be a Slack channel id (C… or G…)')
      .optional(),
  ),
  HR_APPROVERS: optionalText,
  IT_CONFIRMERS: optionalText,
  OFFBOARDING_API_TOKEN: optionalText.pipe(
    z.string().min(16, 'OFFBOARDING_API_TOKEN must be at least 16 characters').optional(),
  ),
  BUSINESS_TIMEZONE: optionalText.pipe(
    z.string().refine(isValidTimeZone, 'BUSINESS_TIMEZONE must be an IANA time zone').default('UTC'),
  ),
  VENDOR_CATALOG_FILE: optionalText,
  LOG_LEVEL: optionalText.pipe(
    z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  ),
});

/** Where the app talks to: Slack itself, or the built-in local sandbox. */
export type SlackMode =
  | {
      kind: 'http' | 'socket';
      botToken: string;
      signingSecret: string;
      appToken?: string;
      apiUrl?: string;
      channel: string;
      hrApprovers: string[];
      itConfirmers: string[];
    }
  | { kind: 'sandbox' };

export type AppConfig = {
  databaseUrl?: string;
  pgliteDir: string;
  port: number;
  offboardingApiToken?: string;
  businessTimeZone: string;
  vendorCatalogFile?: string;
  logLevel: z.infer<typeof baseSchema>['LOG_LEVEL'];
  slack: SlackMode;
};

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Configuration is not valid:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

const describeIssues = (error: z.ZodError) =>
  error.issues.map((issue) => `${issue.path.join('.') || 'environment'}: ${issue.message}`);

/** Parses the environment once; throws a ConfigError listing every bad variable. */
export const loadConfig = (env: Record<string, string | undefined> = process.env): AppConfig => {
  const parsed = baseSchema.safeParse(env);
  const problems = parsed.success ? [] : describeIssues(parsed.error);

  const roleList = (name: 'HR_APPROVERS' | 'IT_CONFIRMERS') => {
    const result = slackIdList(name).safeParse(env[name] ?? '');
    if (!result.success) {
      problems.push(...result.error.issues.map((issue) => `${name}: ${issue.message}`));
      return [];
    }
    return result.data;
  };

  // Slack-mode variables are checked even when others are bad, so one run lists every problem.
  const botToken = env.SLACK_BOT_TOKEN?.trim();
  const appToken = env.SLACK_APP_TOKEN?.trim();
  let hrApprovers: string[] = [];
  let itConfirmers: string[] = [];
  if (botToken) {
    hrApprovers = roleList('HR_APPROVERS');
    itConfirmers = roleList('IT_CONFIRMERS');
    if (!appToken && !env.SLACK_SIGNING_SECRET?.trim())
      problems.push('SLACK_SIGNING_SECRET: required in HTTP mode');
    if (!env.OFFBOARDING_CHANNEL?.trim()) problems.push('OFFBOARDING_CHANNEL: required outside the sandbox');
  } else if (appToken) {
    problems.push('SLACK_BOT_TOKEN: required when SLACK_APP_TOKEN is set');
  }
  if (!parsed.success || problems.length > 0) throw new ConfigError(problems);

  const vars = parsed.data;
  let slack: SlackMode = { kind: 'sandbox' };
  if (vars.SLACK_BOT_TOKEN) {
    slack = {
      kind: vars.SLACK_APP_TOKEN ? 'socket' : 'http',
      botToken: vars.SLACK_BOT_TOKEN,
      signingSecret: vars.SLACK_SIGNING_SECRET ?? '',
      channel: vars.OFFBOARDING_CHANNEL as string,
      hrApprovers,
      itConfirmers,
      ...(vars.SLACK_APP_TOKEN ? { appToken: vars.SLACK_APP_TOKEN } : {}),
      ...(vars.SLACK_API_URL ? { apiUrl: vars.SLACK_API_URL } : {}),
    };
  }

  return {
    pgliteDir: vars.PGLITE_DIR,
    port: vars.PORT,
    businessTimeZone: vars.BUSINESS_TIMEZONE,
    logLevel: vars.LOG_LEVEL,
    slack,
    ...(vars.DATABASE_URL ? { databaseUrl: vars.DATABASE_URL } : {}),
    ...(vars.OFFBOARDING_API_TOKEN ? { offboardingApiToken: vars.OFFBOARDING_API_TOKEN } : {}),
    ...(vars.VENDOR_CATALOG_FILE ? { vendorCatalogFile: vars.VENDOR_CATALOG_FILE } : {}),
  };
};
