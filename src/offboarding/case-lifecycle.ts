import { DomainError } from '../shared/domain-error.js';
import { formatInstant, removalDueDate } from './due-dates.js';
import { isoDate } from './offboarding-input.js';

// The case life cycle: who may move a case, or one vendor removal, from which state to which.
// Pure: no I/O, time comes in as `now`.

export type CaseStatus = 'awaiting_hr' | 'approved' | 'rejected' | 'cancelled' | 'completed';
export type RemovalStatus = 'awaiting_approval' | 'requested' | 'confirmed' | 'withdrawn';

/** Who acts, with the roles resolved beforehand. `id` is a Slack user id, `api` or `system`. */
export type Actor = { id: string; isHrApprover: boolean; isItConfirmer: boolean };

export type RemovalEvidence = {
  /** The vendor's reference or ticket number. */
  reference: string;
  /** Who at the vendor confirmed the removal. */
  vendorContact: string;
  /** The date the vendor confirmed, YYYY-MM-DD. */
  confirmedOn: string;
  note?: string;
};

export type RemovalState = {
  vendorId: string;
  status: RemovalStatus;
  dueOn: string | null;
  requestedAt: Date | null;
  confirmedBy: string | null;
  confirmedAt: Date | null;
  evidence: RemovalEvidence | null;
};

export type CaseState = {
  status: CaseStatus;
  initiatedBy: string;
  lastDay: string;
  decidedBy: string | null;
  decidedAt: Date | null;
  closedReason: string | null;
  completedAt: Date | null;
  removals: RemovalState[];
};

export type CaseCommand =
  | { type: 'approve' }
  | { type: 'reject'; reason: string }
  | { type: 'cancel'; reason: string }
  | { type: 'confirm_removal'; vendorId: string; evidence: RemovalEvidence }
  | { type: 'reopen'; reason: string };

/** What the audit ledger records of an accepted command. */
export type LifecycleEvent = {
  action: string;
  vendorId: string | null;
  fromStatus: string | null;
  toStatus: string | null;
  details: Record<string, unknown>;
};

export type Transition = { next: CaseState; event: LifecycleEvent };

export type LifecycleContext = {
  now: Date;
  timeZone: string;
  /** Agreed confirmation SLA per vendor id, in business days. */
  slaBusinessDays: (vendorId: string) => number;
};

/** How an actor is named to people: a Slack mention, or what the non-human actor is. */
export const describeActor = (actorId: string): string => {
  if (actorId === 'api') return 'the HR system';
  if (actorId === 'system') return 'the system';
  if (actorId.startsWith('cli:')) return `an operator (${actorId.slice(4)})`;
  return `<@${actorId}>`;
};

const refuse = (code: ConstructorParameters<typeof DomainError>[0], message: string, context = {}) =>
  new DomainError(code, message, context);

const closedError = (state: CaseState, timeZone: string): DomainError | null => {
  const when = (at: Date | null) => (at ? ` at ${formatInstant(at, timeZone)}` : '');
  switch (state.status) {
    case 'rejected':
      return refuse(
        'case.already_rejected',
        `This case was already rejected by ${describeActor(state.decidedBy ?? 'system')}${when(state.decidedAt)}.`,
        { by: state.decidedBy, at: state.decidedAt },
      );
    case 'cancelled':
      return refuse(
        'case.already_cancelled',
        `This case was already cancelled by ${describeActor(state.decidedBy ?? 'system')}${when(state.decidedAt)}.`,
        { by: state.decidedBy, at: state.decidedAt },
      );
    case 'completed':
      return refuse('case.already_completed', `This case was already completed${when(state.completedAt)}.`, {
        at: state.completedAt,
      });
    default:
      return null;
  }
};

const requireHr = (actor: Actor, doing: string) =>
  actor.isHrApprover ? null : refuse('auth.not_hr_approver', `Only HR approvers may ${doing}.`);

const requireReason = (reason: string, doing: string) =>
  reason.trim().length === 0 ? refuse('input.invalid', `A reason is required to ${doing}.`) : null;

type Decision = { ok: true; transition: Transition } | { ok: false; error: DomainError };
const refused = (error: DomainError): Decision => ({ ok: false, error });
const accepted = (next: CaseState, event: LifecycleEvent): Decision => ({
  ok: true,
  transition: { next, event },
});

/** Decides one command against the current state: the next state and its audit event, or a coded refusal. */
export const decide = (
  state: CaseState,
  command: CaseCommand,
  actor: Actor,
  context: LifecycleContext,
): Decision => {
  const { now, timeZone } = context;
  const fmt = (at: Date | null) => (at ? ` at ${formatInstant(at, timeZone)}` : '');

  switch (command.type) {
    case 'approve': {
      const denied = requireHr(actor, 'approve an offboarding');
      if (denied) return refused(denied);
      const closed = closedError(state, timeZone);
      if (closed) return refused(closed);
      if (state.status === 'approved') {
        return refused(
          refuse(
            'case.already_approved',
            `This case was already approved by ${describeActor(state.decidedBy ?? 'system')}${fmt(state.decidedAt)}.`,
            { by: state.decidedBy, at: state.decidedAt },
          ),
        );
      }
      if (state.initiatedBy === actor.id) {
        return refused(
          refuse(
            'case.initiator_cannot_approve',
            'You started this case, so another HR approver must approve it (four-eyes rule).',
          ),
        );
      }
      const removals = state.removals.map(
        (removal): RemovalState =>
          removal.status === 'awaiting_approval'
            ? {
                ...removal,
                status: 'requested',
                requestedAt: now,
                dueOn: removalDueDate({
                  approvedAt: now,
                  lastDay: state.lastDay,
                  slaBusinessDays: context.slaBusinessDays(removal.vendorId),
                  timeZone,
                }),
              }
            : removal,
      );
      // A person enrolled nowhere has nothing to remove: approving closes the case.
      const nothingToRemove = removals.every((removal) => removal.status !== 'requested');
      const status: CaseStatus = nothingToRemove ? 'completed' : 'approved';
      return accepted(
        {
          ...state,
          status,
          decidedBy: actor.id,
          decidedAt: now,
          completedAt: nothingToRemove ? now : null,
          removals,
        },
        {
          action: 'case.approved',
          vendorId: null,
          fromStatus: state.status,
          toStatus: status,
          details: {
            requested: removals
              .filter((removal) => removal.status === 'requested')
              .map((removal) => ({ vendorId: removal.vendorId, dueOn: removal.dueOn })),
          },
        },
      );
    }

    case 'reject':
    case 'cancel': {
      const doing = command.type === 'reject' ? 'reject an offboarding' : 'cancel an offboarding';
      const denied =
        requireHr(actor, doing) ?? closedError(state, timeZone) ?? requireReason(command.reason, doing);
      if (denied) return refused(denied);
      if (command.type === 'reject' && state.status === 'approved') {
        return refused(
          refuse(
            'case.already_approved',
            `This case was already approved by ${describeActor(state.decidedBy ?? 'system')}${fmt(state.decidedAt)}; cancel it instead.`,
            { by: state.decidedBy, at: state.decidedAt },
          ),
        );
      }
      const status: CaseStatus = command.type === 'reject' ? 'rejected' : 'cancelled';
      return accepted(
        {
          ...state,
          status,
          decidedBy: actor.id,
          decidedAt: now,
          closedReason: command.reason.trim(),
          removals: state.removals.map((removal) =>
            removal.status === 'confirmed' ? removal : { ...removal, status: 'withdrawn' },
          ),
        },
        {
          action: command.type === 'reject' ? 'case.rejected' : 'case.cancelled',
          vendorId: null,
          fromStatus: state.status,
          toStatus: status,
          details: { reason: command.reason.trim() },
        },
      );
    }

    case 'confirm_removal': {
      if (!actor.isItConfirmer) {
        return refused(refuse('auth.not_it_confirmer', 'Only IT confirmers may record a vendor removal.'));
      }
      const removal = state.removals.find((candidate) => candidate.vendorId === command.vendorId);
      if (!removal) {
        return refused(
          refuse('removal.not_found', `This case has no removal at vendor ${command.vendorId}.`, {
            vendorId: command.vendorId,
          }),
        );
      }
      if (removal.status === 'confirmed') {
        return refused(
          refuse(
            'removal.already_confirmed',
            `This removal was already confirmed by ${describeActor(removal.confirmedBy ?? 'system')}${fmt(removal.confirmedAt)}.`,
            { by: removal.confirmedBy, at: removal.confirmedAt, vendorId: removal.vendorId },
          ),
        );
      }
      const closed = closedError(state, timeZone);
      if (closed) return refused(closed);
      if (state.status === 'awaiting_hr') {
        return refused(
          refuse(
            'case.not_approved',
            'HR has not approved this offboarding yet; nothing can be confirmed before.',
          ),
        );
      }
      const evidence = {
        reference: command.evidence.reference.trim(),
        vendorContact: command.evidence.vendorContact.trim(),
        confirmedOn: command.evidence.confirmedOn,
        ...(command.evidence.note?.trim() ? { note: command.evidence.note.trim() } : {}),
      };
      if (
        !evidence.reference ||
        !evidence.vendorContact ||
        !isoDate.safeParse(evidence.confirmedOn).success
      ) {
        return refused(
          refuse(
            'input.invalid',
            "Evidence needs the vendor's reference, who at the vendor confirmed, and the date.",
          ),
        );
      }
      const removals = state.removals.map(
        (candidate): RemovalState =>
          candidate.vendorId === command.vendorId
            ? { ...candidate, status: 'confirmed', confirmedBy: actor.id, confirmedAt: now, evidence }
            : candidate,
      );
      const completed = removals.every((candidate) => candidate.status === 'confirmed');
      const status: CaseStatus = completed ? 'completed' : state.status;
      return accepted(
        { ...state, status, completedAt: completed ? now : null, removals },
        {
          action: 'removal.confirmed',
          vendorId: command.vendorId,
          fromStatus: removal.status,
          toStatus: 'confirmed',
          details: { evidence, caseStatus: { from: state.status, to: status } },
        },
      );
    }

    case 'reopen': {
      const denied =
        requireHr(actor, 'reopen an offboarding') ?? requireReason(command.reason, 'reopen a case');
      if (denied) return refused(denied);
      if (state.status === 'awaiting_hr' || state.status === 'approved') {
        return refused(
          refuse('case.not_closed', 'This case is still open; only a closed case can be reopened.'),
        );
      }
      return accepted(
        {
          ...state,
          status: 'awaiting_hr',
          decidedBy: null,
          decidedAt: null,
          closedReason: null,
          completedAt: null,
          removals: state.removals.map((removal) => ({
            ...removal,
            status: 'awaiting_approval',
            dueOn: null,
            requestedAt: null,
            confirmedBy: null,
            confirmedAt: null,
            evidence: null,
          })),
        },
        {
          action: 'case.reopened',
          vendorId: null,
          fromStatus: state.status,
          toStatus: 'awaiting_hr',
          details: { reason: command.reason.trim() },
        },
      );
    }
  }
};

/** Who may start a case: HR by hand, the HR system (`api`), or an operator's import. */
export const mayStartCase = (actor: Actor): boolean =>
  actor.isHrApprover || actor.id === 'api' || actor.id === 'system' || actor.id.startsWith('cli:');

/** The state of a case just started for the given vendors. */
export const newCaseState = (input: {
  initiatedBy: string;
  lastDay: string;
  vendorIds: string[];
}): CaseState => ({
  status: 'awaiting_hr',
  initiatedBy: input.initiatedBy,
  lastDay: input.lastDay,
  decidedBy: null,
  decidedAt: null,
  closedReason: null,
  completedAt: null,
  removals: [...new Set(input.vendorIds)].map((vendorId) => ({
    vendorId,
    status: 'awaiting_approval',
    dueOn: null,
    requestedAt: null,
    confirmedBy: null,
    confirmedAt: null,
    evidence: null,
  })),
});

/** Whether a removal is past its due date on `today` (YYYY-MM-DD). */
export const isRemovalOverdue = (removal: Pick<RemovalState, 'status' | 'dueOn'>, today: string): boolean =>
  removal.status === 'requested' && removal.dueOn !== null && removal.dueOn < today;
