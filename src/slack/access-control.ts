import type { WebClient } from '@slack/web-api';
import type { Actor } from '../offboarding/case-lifecycle.js';
import type { Logger } from '../shared/logger.js';

export type Role = 'hr' | 'it';

type CachedGroup = { members: Set<string>; fetchedAt: number };

/**
 * Resolves who holds a role from HR_APPROVERS / IT_CONFIRMERS: user ids directly, user groups through
 * usergroups.users.list (a Tier 2 method, so cached). When Slack cannot be asked and nothing is cached,
 * group membership is denied: a refusal is safer than a wrong approval.
 */
export const createAccessControl = (deps: {
  client: WebClient;
  hrApprovers: string[];
  itConfirmers: string[];
  logger: Logger;
  cacheTtlMs?: number;
  clock?: () => number;
}) => {
  const ttl = deps.cacheTtlMs ?? 5 * 60_000;
  const clock = deps.clock ?? Date.now;
  const cache = new Map<string, CachedGroup>();
  const inFlight = new Map<string, Promise<Set<string>>>();

  const groupMembers = async (groupId: string): Promise<Set<string>> => {
    const cached = cache.get(groupId);
    if (cached && clock() - cached.fetchedAt < ttl) return cached.members;
    const pending = inFlight.get(groupId);
    if (pending) return pending;
    const request = deps.client.usergroups.users
      .list({ usergroup: groupId })
      .then((response) => {
        const members = new Set(response.users ?? []);
        cache.set(groupId, { members, fetchedAt: clock() });
        return members;
      })
      .catch((error: unknown) => {
        deps.logger.warn({ groupId, err: (error as Error).message }, 'user group lookup failed');
        return cached?.members ?? new Set<string>();
      })
      .finally(() => inFlight.delete(groupId));
    inFlight.set(groupId, request);
    return request;
  };

  const holds = async (holders: string[], userId: string): Promise<boolean> => {
    if (holders.includes(userId)) return true;
    for (const holder of holders) {
      if (holder.startsWith('S') && (await groupMembers(holder)).has(userId)) return true;
    }
    return false;
  };

  return {
    actorFor: async (userId: string): Promise<Actor> => {
      const [isHrApprover, isItConfirmer] = await Promise.all([
        holds(deps.hrApprovers, userId),
        holds(deps.itConfirmers, userId),
      ]);
      return { id: userId, isHrApprover, isItConfirmer };
    },

    /** Mentions of who holds a role, for refusals: "<@U1>, <!subteam^S2>". */
    holdersOf: (role: Role): string =>
      (role === 'hr' ? deps.hrApprovers : deps.itConfirmers)
        .map((holder) => (holder.startsWith('S') ? `<!subteam^${holder}>` : `<@${holder}>`))
        .join(', '),
  };
};

export type AccessControl = ReturnType<typeof createAccessControl>;
