import { randomUUID } from 'node:crypto';
import type { AuditLedger } from '../audit/audit-ledger.js';
import type { Database, Transaction } from '../db/database.js';
import type { AuditEventRow } from '../db/schema.js';
import type { CardOutbox } from '../notifications/card-outbox.js';
import type { RosterRepository } from '../roster/roster.repository.js';
import { DomainError } from '../shared/domain-error.js';
import type { VendorsRepository } from '../vendors/vendors.repository.js';
import {
  type Actor,
  type CaseCommand,
  decide,
  describeActor,
  mayStartCase,
  newCaseState,
  type RemovalEvidence,
} from './case-lifecycle.js';
import type { CaseRecord, OffboardingRepository } from './offboarding.repository.js';
import { MAX_VENDORS_PER_CASE } from './offboarding-input.js';

const isCaseId = (value: string) =>
  /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);

export type StartCaseInput = {
  employeeEmail: string;
  employeeName: string;
  lastDay: string;
  /** Omitted: the vendors whose rosters list this email. */
  vendorIds?: string[];
  externalId?: string;
  /** slack | webhook | import | reconcile */
  source: string;
};

export type CommandOutcome = { case: CaseRecord; event: AuditEventRow };

export type OffboardingUseCases = ReturnType<typeof createOffboardingUseCases>;

export const createOffboardingUseCases = (deps: {
  db: Database;
  cases: OffboardingRepository;
  vendors: VendorsRepository;
  roster: RosterRepository;
  ledger: AuditLedger;
  outbox: CardOutbox;
  timeZone: string;
  clock?: () => Date;
}) => {
  const clock = deps.clock ?? (() => new Date());

  const loadOrFail = async (caseId: string) => {
    const record = isCaseId(caseId) ? await deps.cases.getCase(caseId) : undefined;
    if (!record) throw new DomainError('case.not_found', 'That offboarding case does not exist.', { caseId });
    return record;
  };

  /** Inside a transaction: inserts the case, its removals, its audit event and its queued card; null if the external id exists. */
  const startCaseIn = async (tx: Transaction, input: StartCaseInput, actor: Actor, now: Date) => {
    const email = input.employeeEmail.trim().toLowerCase();
    const caseId = randomUUID();
    if (input.externalId) {
      const existing = await deps.cases.findIdByExternalId(input.externalId, tx);
      if (existing) return null;
    }
    const vendorIds = input.vendorIds
      ? [...new Set(input.vendorIds)]
      : await deps.roster.vendorsEnrolling(email, tx);
    if (vendorIds.length > MAX_VENDORS_PER_CASE) {
      throw new DomainError('input.invalid', `A case may name at most ${MAX_VENDORS_PER_CASE} vendors.`);
    }
    const known = await deps.vendors.findByIds(vendorIds, tx);
    const unknown = vendorIds.filter((id) => !known.some((vendor) => vendor.id === id && vendor.active));
    if (unknown.length > 0) {
      throw new DomainError('vendor.unknown', `Unknown vendor: ${unknown.join(', ')}.`, {
        vendorIds: unknown,
      });
    }
    const row = await deps.cases.insertCase(
      tx,
      {
        id: caseId,
        employeeEmail: email,
        employeeName: input.employeeName.trim(),
        lastDay: input.lastDay,
        initiatedBy: actor.id,
        source: input.source,
        externalId: input.externalId ?? null,
        createdAt: now,
      },
      vendorIds,
    );
    // Lost a race for the same external id: the other request's case stands.
    if (!row) return null;
    const state = newCaseState({ initiatedBy: actor.id, lastDay: input.lastDay, vendorIds });
    const event = await deps.ledger.append(
      tx,
      {
        actor: actor.id,
        action: 'case.started',
        caseId,
        toStatus: state.status,
        details: {
          source: input.source,
          lastDay: input.lastDay,
          vendors: vendorIds,
          vendorsFrom: input.vendorIds ? 'request' : 'roster',
          ...(input.externalId ? { externalId: input.externalId } : {}),
        },
      },
      now,
    );
    await deps.outbox.enqueue(
      tx,
      caseId,
      [{ kind: 'card.refresh' }, { kind: 'thread.note', auditEventId: event.id }],
      now,
    );
    return caseId;
  };

  const requireStarter = (actor: Actor) => {
    if (!mayStartCase(actor)) {
      throw new DomainError('auth.cannot_start_case', 'Only HR approvers may start an offboarding.');
    }
  };

  /** Starts a case (or returns the one already started under the same external id) and queues its card. */
  const startCase = async (
    input: StartCaseInput,
    actor: Actor,
  ): Promise<{ case: CaseRecord; created: boolean }> => {
    requireStarter(actor);
    const created = await deps.db.transaction((tx) => startCaseIn(tx, input, actor, clock()));
    if (created) return { case: await loadOrFail(created), created: true };
    const existingId = input.externalId ? await deps.cases.findIdByExternalId(input.externalId) : undefined;
    if (!existingId) throw new Error('case insert lost a race but no case holds the external id');
    return { case: await loadOrFail(existingId), created: false };
  };

  /**
   * Starts many cases in one transaction: all or none (a reduction in force). Rows whose external id
   * already has a case are skipped. Throws a DomainError naming the first bad row (index in `inputs`).
   */
  const startCases = async (
    inputs: StartCaseInput[],
    actor: Actor,
  ): Promise<{ created: string[]; skipped: number[] }> => {
    requireStarter(actor);
    const now = clock();
    return deps.db.transaction(async (tx) => {
      const created: string[] = [];
      const skipped: number[] = [];
      for (const [index, input] of inputs.entries()) {
        try {
          const id = await startCaseIn(tx, input, actor, now);
          if (id) created.push(id);
          else skipped.push(index);
        } catch (error) {
          if (error instanceof DomainError) {
            throw new DomainError(error.code, `Row ${index + 1}: ${error.message}`, {
              ...error.context,
              index,
            });
          }
          throw error;
        }
      }
      return { created, skipped };
    });
  };

  /** Runs one life-cycle command in one transaction: lock, decide, save, audit, queue the card refresh. */
  const run = async (caseId: string, command: CaseCommand, actor: Actor): Promise<CommandOutcome> => {
    const event = await deps.db.transaction(async (tx) => {
      const locked = isCaseId(caseId) ? await deps.cases.lockCase(tx, caseId) : undefined;
      if (!locked)
        throw new DomainError('case.not_found', 'That offboarding case does not exist.', { caseId });
      const vendorRows = await deps.vendors.findByIds(
        locked.state.removals.map((removal) => removal.vendorId),
        tx,
      );
      const now = clock();
      const decision = decide(locked.state, command, actor, {
        now,
        timeZone: deps.timeZone,
        slaBusinessDays: (vendorId) =>
          vendorRows.find((vendor) => vendor.id === vendorId)?.slaBusinessDays ?? 5,
      });
      if (!decision.ok) throw decision.error;
      await deps.cases.saveState(tx, caseId, decision.transition.next, now);
      const appended = await deps.ledger.append(
        tx,
        { ...decision.transition.event, actor: actor.id, caseId },
        now,
      );
      await deps.outbox.enqueue(
        tx,
        caseId,
        [{ kind: 'card.refresh' }, { kind: 'thread.note', auditEventId: appended.id }],
        now,
      );
      return appended;
    });
    return { case: await loadOrFail(caseId), event };
  };

  return {
    startCase,
    startCases,
    approve: (caseId: string, actor: Actor) => run(caseId, { type: 'approve' }, actor),
    reject: (caseId: string, reason: string, actor: Actor) => run(caseId, { type: 'reject', reason }, actor),
    cancel: (caseId: string, reason: string, actor: Actor) => run(caseId, { type: 'cancel', reason }, actor),
    reopen: (caseId: string, reason: string, actor: Actor) => run(caseId, { type: 'reopen', reason }, actor),
    confirmRemoval: (caseId: string, vendorId: string, evidence: RemovalEvidence, actor: Actor) =>
      run(caseId, { type: 'confirm_removal', vendorId, evidence }, actor),

    /** Records a refused attempt for lack of a role: the ledger shows who tried what, nothing else changes. */
    recordDenied: async (attempt: {
      actor: string;
      attempted: string;
      caseId?: string;
      vendorId?: string;
      code: string;
    }): Promise<AuditEventRow> =>
      deps.db.transaction(async (tx) =>
        deps.ledger.append(
          tx,
          {
            actor: attempt.actor,
            action: 'access.denied',
            caseId: attempt.caseId ?? null,
            vendorId: attempt.vendorId ?? null,
            details: { attempted: attempt.attempted, code: attempt.code },
          },
          clock(),
        ),
      ),

    getCase: (caseId: string) => deps.cases.getCase(caseId),
    describeActor,
  };
};
