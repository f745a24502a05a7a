import type { AllMiddlewareArgs, App, SlackCommandMiddlewareArgs } from '@slack/bolt';
import { ErrorCode, type WebClient } from '@slack/web-api';
import { businessDate } from '../offboarding/due-dates.js';
import type { Logger } from '../shared/logger.js';
import type { AccessControl } from '../slack/access-control.js';
import type { StatusRepository } from './status.repository.js';
import { parseStatusQuery } from './status-query.js';
import {
  renderNoEmailForUser,
  renderOverdue,
  renderPersonStatus,
  renderStatusFailure,
  renderStatusHelp,
  renderStatusRefusal,
  renderStatusSummary,
  renderUnknownVendor,
  renderVendorStatus,
  type StatusMessage,
} from './status-views.js';

export const STATUS_COMMAND = '/benefits-status';

export type StatusListenerDeps = {
  status: StatusRepository;
  access: AccessControl;
  /** The vendor catalog: its ids are what `/benefits-status VENDOR-ID` accepts. */
  vendors: () => Promise<{ id: string; name: string }[]>;
  timeZone: string;
  clock: () => Date;
  logger: Logger;
  /** Records a refused request in the audit ledger, like a refused click. */
  recordDenied?: (attempt: { actor: string; attempted: string; code: string }) => Promise<unknown>;
  /** The answer goes in the ack, which Slack wants within 3 s; slower, an apology goes instead. Default 2500. */
  answerWithinMs?: number;
};

const completedWindowDays = 30;
const emailLike = /[^\s@<>|:]+@[^\s@<>|]+/g;

class TooSlow extends Error {
  override name = 'TooSlow';
}

const within = async <T>(promise: Promise<T>, ms: number): Promise<T> => {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new TooSlow(`no answer within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, deadline]);
  } finally {
    clearTimeout(timer);
  }
};

/**
 * What of an error may be logged: Drizzle's "Failed query" carries the parameters (an email), so its cause
 * is logged instead, and anything shaped like an email or equal to the command text is blanked.
 */
const loggableError = (error: unknown, commandText: string) => {
  const failedQuery = error instanceof Error && 'params' in error && error.cause instanceof Error;
  const root = failedQuery ? (error.cause as Error) : error;
  const text = commandText.trim();
  const scrub = (value: string | undefined) => {
    const blanked = (value ?? '').replace(emailLike, '[redacted]');
    return text ? blanked.split(text).join('[redacted]') : blanked;
  };
  if (!(root instanceof Error)) return { type: typeof root };
  return {
    type: root.name,
    code: (root as { code?: unknown }).code,
    message: scrub(root.message),
    stack: scrub(root.stack),
    ...(failedQuery ? { failedQuery: true } : {}),
  };
};

/** The profile email of a mentioned user; undefined when Slack shows none (or refuses to say). */
const emailOfUser = async (
  client: WebClient,
  userId: string,
  logger: Logger,
): Promise<string | undefined> => {
  try {
    const response = await client.users.info({ user: userId });
    return response.user?.profile?.email || undefined;
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code !== ErrorCode.PlatformError) throw error;
    // `users_not_found`, or `missing_scope` when the app lacks users:read.email.
    logger.warn(
      { userId, slackError: (error as { data?: { error?: string } }).data?.error },
      'users.info refused',
    );
    return undefined;
  }
};

/** Works out the ephemeral answer to one `/benefits-status` from `userId` with `text`. */
export const answerStatusCommand = async (
  deps: StatusListenerDeps,
  input: { userId: string; text: string; client: WebClient },
): Promise<StatusMessage> => {
  const actor = await deps.access.actorFor(input.userId);
  if (!actor.isHrApprover && !actor.isItConfirmer) {
    deps.logger.info({ userId: input.userId }, 'status refused for lack of role');
    await deps.recordDenied?.({
      actor: input.userId,
      attempted: 'benefits_status',
      code: 'auth.not_hr_or_it',
    });
    return renderStatusRefusal({ hr: deps.access.holdersOf('hr'), it: deps.access.holdersOf('it') });
  }
  const vendors = await deps.vendors();
  const query = parseStatusQuery(
    input.text,
    vendors.map((vendor) => vendor.id),
  );
  const now = deps.clock();
  const view = { now, timeZone: deps.timeZone };
  const today = businessDate(now, deps.timeZone);
  switch (query.kind) {
    case 'summary':
      return renderStatusSummary(
        await deps.status.summary({
          today,
          completedSince: new Date(now.getTime() - completedWindowDays * 86_400_000),
        }),
        view,
      );
    case 'person':
      return renderPersonStatus(await deps.status.person(query.email, { today }), view);
    case 'mention': {
      const email = await emailOfUser(input.client, query.userId, deps.logger);
      if (!email) return renderNoEmailForUser(query.userId);
      return renderPersonStatus(await deps.status.person(email, { today }), view);
    }
    case 'vendor': {
      const vendor = await deps.status.vendor(query.vendorId, { today });
      return vendor ? renderVendorStatus(vendor, view) : renderUnknownVendor(query.vendorId);
    }
    case 'overdue':
      return renderOverdue(await deps.status.overdue({ today }), view);
    case 'help':
      return renderStatusHelp({
        vendors,
        ...(query.unrecognised !== undefined ? { unrecognised: query.unrecognised } : {}),
      });
  }
};

/** `/benefits-status`: always ephemeral, answered in the ack itself. */
export const registerStatusListeners = (app: App, deps: StatusListenerDeps): void => {
  app.command(
    STATUS_COMMAND,
    async ({ command, ack, client }: SlackCommandMiddlewareArgs & AllMiddlewareArgs) => {
      let message: StatusMessage;
      try {
        message = await within(
          answerStatusCommand(deps, { userId: command.user_id, text: command.text, client }),
          deps.answerWithinMs ?? 2500,
        );
      } catch (error) {
        deps.logger.error(
          { err: loggableError(error, command.text), userId: command.user_id },
          error instanceof TooSlow ? 'status command too slow' : 'status command failed',
        );
        message = renderStatusFailure();
      }
      await ack({ response_type: 'ephemeral', ...message });
    },
  );
};
