import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  type Actor,
  type CaseCommand,
  type CaseState,
  type CaseStatus,
  decide,
  describeActor,
  isRemovalOverdue,
  type LifecycleContext,
  type LifecycleEvent,
  mayStartCase,
  newCaseState,
  type RemovalEvidence,
} from '../../src/offboarding/case-lifecycle.js';
import { removalDueDate } from '../../src/offboarding/due-dates.js';
import { DomainError, type DomainErrorCode } from '../../src/shared/domain-error.js';
import { evidence, hr, hrSystem, it as itConfirmer, nobody } from '../support/actors.js';

// Exhaustive by type: adding a code to DomainErrorCode without listing it here fails tsc.
const knownCodes = Object.keys({
  'auth.not_hr_approver': true,
  'auth.not_it_confirmer': true,
  'auth.cannot_start_case': true,
  'case.not_found': true,
  'case.initiator_cannot_approve': true,
  'case.already_approved': true,
  'case.already_rejected': true,
  'case.already_cancelled': true,
  'case.already_completed': true,
  'case.not_approved': true,
  'case.not_closed': true,
  'removal.not_found': true,
  'removal.already_confirmed': true,
  'removal.withdrawn': true,
  'vendor.unknown': true,
  'input.invalid': true,
} satisfies Record<DomainErrorCode, true>);

const initiator = hr('UHRINIT01');
const otherHr = hr('UHR00002');
const itPerson = itConfirmer('UIT00001');
const hrAndIt: Actor = { id: 'UBOTH0001', isHrApprover: true, isItConfirmer: true };
const bystander = nobody('UNOBODY01');
// Every kind of actor, weighted towards those whose commands can be accepted.
const actorArb = fc.oneof(
  { weight: 2, arbitrary: fc.constant(otherHr) },
  { weight: 3, arbitrary: fc.constant(hrAndIt) },
  { weight: 3, arbitrary: fc.constant(itPerson) },
  fc.constantFrom(initiator, bystander, hrSystem),
);

const vendorIds = ['spring-health', 'betterup', 'one-medical', 'lyra', 'carrot', 'headspace'];
const unknownVendor = 'not-a-vendor-of-this-case';

const closedStatuses: CaseStatus[] = ['completed', 'rejected', 'cancelled'];
const hrCommands: CaseCommand['type'][] = ['approve', 'reject', 'cancel', 'reopen'];
const eventAction: Record<CaseCommand['type'], string> = {
  approve: 'case.approved',
  reject: 'case.rejected',
  cancel: 'case.cancelled',
  confirm_removal: 'removal.confirmed',
  reopen: 'case.reopened',
};

const context = (now: Date, timeZone = 'UTC', slaBusinessDays = 5): LifecycleContext => ({
  now,
  timeZone,
  slaBusinessDays: () => slaBusinessDays,
});

const isBlank = (text: string) => text.trim().length === 0;
const isCompleteEvidence = (given: RemovalEvidence) =>
  !isBlank(given.reference) && !isBlank(given.vendorContact) && /^\d{4}-\d{2}-\d{2}$/.test(given.confirmedOn);

/** The rules, stated independently of decide: whether a command by this actor must be accepted in this state. */
const mustAccept = (state: CaseState, command: CaseCommand, actor: Actor): boolean => {
  switch (command.type) {
    case 'approve':
      return actor.isHrApprover && state.status === 'awaiting_hr' && actor.id !== state.initiatedBy;
    case 'reject':
      return actor.isHrApprover && state.status === 'awaiting_hr' && !isBlank(command.reason);
    case 'cancel':
      return (
        actor.isHrApprover &&
        (state.status === 'awaiting_hr' || state.status === 'approved') &&
        !isBlank(command.reason)
      );
    case 'confirm_removal': {
      const removal = state.removals.find((candidate) => candidate.vendorId === command.vendorId);
      return (
        actor.isItConfirmer &&
        state.status === 'approved' &&
        removal?.status === 'requested' &&
        isCompleteEvidence(command.evidence)
      );
    }
    case 'reopen':
      return actor.isHrApprover && closedStatuses.includes(state.status) && !isBlank(command.reason);
  }
};

const reasonArb = fc.oneof(
  fc.constantFrom('', '   ', '\t\n'),
  { weight: 3, arbitrary: fc.constantFrom('Resignation rescinded', '  Duplicate of another case  ') },
  fc.string({ maxLength: 12 }),
);

const anyEvidenceArb: fc.Arbitrary<RemovalEvidence> = fc.record(
  {
    reference: fc.constantFrom('CS-1042', ' T-77 ', '', '   '),
    vendorContact: fc.constantFrom('Jamie at vendor customer success', '', ' '),
    confirmedOn: fc.constantFrom('2026-11-20', '2027-01-04', '', '20/11/2026', '2026-1-2'),
    note: fc.constantFrom('Seat released', '  ', ''),
  },
  { requiredKeys: ['reference', 'vendorContact', 'confirmedOn'] },
);
// Mostly complete, so that confirmations get accepted and cases reach completion.
const evidenceArb = fc.oneof({ weight: 3, arbitrary: fc.constant(evidence()) }, anyEvidenceArb);

const commandArb = (vendors: string[]): fc.Arbitrary<CaseCommand> =>
  fc.oneof(
    { weight: 2, arbitrary: fc.constant({ type: 'approve' as const }) },
    fc.record({ type: fc.constant('reject' as const), reason: reasonArb }),
    fc.record({ type: fc.constant('cancel' as const), reason: reasonArb }),
    // Weighted up: confirmations are what moves an approved case towards completion.
    {
      weight: 6,
      arbitrary: fc.record({
        type: fc.constant('confirm_removal' as const),
        vendorId: fc.constantFrom(...vendors, unknownVendor),
        evidence: evidenceArb,
      }),
    },
    fc.record({ type: fc.constant('reopen' as const), reason: reasonArb }),
  );

const isoDay = (instant: Date) => instant.toISOString().slice(0, 10);
const dayMs = 24 * 60 * 60 * 1000;

const scenarioArb = fc
  .record({
    vendors: fc.uniqueArray(fc.constantFrom(...vendorIds), { maxLength: 4 }),
    initiatedBy: fc.constantFrom(initiator.id, hrAndIt.id, hrSystem.id),
    start: fc.date({
      min: new Date('2026-01-01T00:00:00Z'),
      max: new Date('2027-12-31T00:00:00Z'),
      noInvalidDate: true,
    }),
    lastDayOffset: fc.integer({ min: -30, max: 30 }),
    timeZone: fc.constantFrom(
      'UTC',
      'America/Los_Angeles',
      'Europe/Berlin',
      'Asia/Tokyo',
      'Pacific/Auckland',
    ),
    slaSeed: fc.integer({ min: 1, max: 60 }),
  })
  .chain((setup) =>
    fc.record({
      setup: fc.constant(setup),
      steps: fc.array(
        fc.record({
          command: commandArb(setup.vendors),
          actor: actorArb,
          minutesLater: fc.integer({ min: 0, max: 4 * 24 * 60 }),
        }),
        { maxLength: 40, size: 'max' },
      ),
    }),
  );

type Scenario = typeof scenarioArb extends fc.Arbitrary<infer T> ? T : never;

/** What the test remembers across steps, to check what the state alone cannot show. */
type Model = { approvedAt: Date | null; approvalsSinceReopen: number };

const checkState = (
  state: CaseState,
  model: Model,
  setup: Scenario['setup'],
  slaBusinessDays: (vendorId: string) => number,
) => {
  const lastDay = state.lastDay;
  expect(state.removals.map((removal) => removal.vendorId)).toEqual(setup.vendors);
  for (const removal of state.removals) {
    if (removal.status === 'confirmed') {
      expect(
        model.approvedAt,
        'a removal is confirmed though HR has not approved since the last reopen',
      ).not.toBeNull();
      expect(removal.evidence).not.toBeNull();
      expect(removal.confirmedBy).not.toBeNull();
    }
    // Due dates are set when the removal is requested, i.e. on approval, and only then.
    const expectedDue =
      model.approvedAt === null
        ? null
        : removalDueDate({
            approvedAt: model.approvedAt,
            lastDay,
            slaBusinessDays: slaBusinessDays(removal.vendorId),
            timeZone: setup.timeZone,
          });
    expect(removal.dueOn).toBe(expectedDue);
    expect(removal.requestedAt).toEqual(model.approvedAt);
    if (removal.status === 'requested') expect(removal.dueOn).not.toBeNull();
    if (removal.status === 'awaiting_approval') expect(removal.dueOn).toBeNull();
    if (removal.dueOn !== null) {
      expect(removal.dueOn >= lastDay, `due ${removal.dueOn} before last day ${lastDay}`).toBe(true);
      expect([0, 6]).not.toContain(new Date(`${removal.dueOn}T12:00:00Z`).getUTCDay());
    }
  }
  const everyRemovalConfirmed = state.removals.every((removal) => removal.status === 'confirmed');
  expect(state.status === 'completed').toBe(model.approvedAt !== null && everyRemovalConfirmed);
  expect(state.completedAt !== null).toBe(state.status === 'completed');
  if (state.status === 'awaiting_hr') {
    expect(state.removals.every((removal) => removal.status === 'awaiting_approval')).toBe(true);
  }
  if (state.status === 'approved') {
    expect(state.removals.every((removal) => ['requested', 'confirmed'].includes(removal.status))).toBe(true);
  }
};

describe('the case life cycle, over random sequences of commands', () => {
  test('every accepted or refused command keeps the life-cycle rules', () => {
    fc.assert(
      fc.property(scenarioArb, ({ setup, steps }) => {
        const start = new Date(setup.start.getTime());
        const lastDay = isoDay(new Date(start.getTime() + setup.lastDayOffset * dayMs));
        const slaBusinessDays = (vendorId: string) => ((setup.slaSeed + vendorId.length) % 60) + 1;
        let state = newCaseState({ initiatedBy: setup.initiatedBy, lastDay, vendorIds: setup.vendors });
        const model: Model = { approvedAt: null, approvalsSinceReopen: 0 };
        const ledger: LifecycleEvent[] = [];
        let acceptedCount = 0;
        let now = start;
        checkState(state, model, setup, slaBusinessDays);

        for (const { command, actor, minutesLater } of steps) {
          now = new Date(now.getTime() + minutesLater * 60_000);
          const before = structuredClone(state);
          const expected = mustAccept(state, command, actor);
          const result = decide(state, command, actor, { now, timeZone: setup.timeZone, slaBusinessDays });
          const what = `${command.type} by ${actor.id} on a case ${before.status}`;

          expect(state, `${what} changed its input`).toStrictEqual(before);
          expect(result.ok, what).toBe(expected);

          if (!result.ok) {
            expect(result.error).toBeInstanceOf(DomainError);
            expect(knownCodes).toContain(result.error.code);
            expect(result.error.message.length).toBeGreaterThan(0);
            expect(result).not.toHaveProperty('transition');
            continue;
          }

          acceptedCount += 1;
          ledger.push(result.transition.event);
          const { next, event } = result.transition;
          expect(event.action).toBe(eventAction[command.type]);
          if (command.type === 'confirm_removal') {
            expect(event.vendorId).toBe(command.vendorId);
          } else {
            expect(event.vendorId).toBeNull();
            expect(event.fromStatus).toBe(before.status);
            expect(event.toStatus).toBe(next.status);
          }

          if (hrCommands.includes(command.type)) expect(actor.isHrApprover, what).toBe(true);
          if (command.type === 'confirm_removal') expect(actor.isItConfirmer, what).toBe(true);
          if (closedStatuses.includes(before.status)) expect(command.type, what).toBe('reopen');

          if (command.type === 'approve') {
            expect(actor.id, 'the initiator approved their own case').not.toBe(before.initiatedBy);
            expect(model.approvalsSinceReopen, 'a second approval was accepted').toBe(0);
            model.approvalsSinceReopen += 1;
            model.approvedAt = now;
            expect(next.decidedBy).toBe(actor.id);
          }
          if (command.type === 'reopen') {
            model.approvalsSinceReopen = 0;
            model.approvedAt = null;
          }
          if (command.type === 'reject' || command.type === 'cancel') {
            expect(next.closedReason).toBe(command.reason.trim());
            for (const [index, removal] of next.removals.entries()) {
              const was = before.removals[index]?.status;
              expect(removal.status).toBe(was === 'confirmed' ? 'confirmed' : 'withdrawn');
            }
          }

          state = next;
          checkState(state, model, setup, slaBusinessDays);
        }
        expect(ledger).toHaveLength(acceptedCount);
      }),
      { numRuns: 300 },
    );
  });
});

describe('the case life cycle, by example', () => {
  const monday = new Date('2026-11-23T15:04:00Z');
  const later = (minutes: number) => new Date(monday.getTime() + minutes * 60_000);

  const accept = (state: CaseState, command: CaseCommand, actor: Actor, at = monday, timeZone = 'UTC') => {
    const result = decide(state, command, actor, context(at, timeZone));
    if (!result.ok) throw new Error(`expected ${command.type} to be accepted, got ${result.error.code}`);
    return result.transition;
  };
  const refuse = (state: CaseState, command: CaseCommand, actor: Actor, at = monday, timeZone = 'UTC') => {
    const before = structuredClone(state);
    const result = decide(state, command, actor, context(at, timeZone));
    if (result.ok)
      throw new Error(
        `expected ${command.type} to be refused, it moved the case to ${result.transition.next.status}`,
      );
    expect(state).toStrictEqual(before);
    return result.error;
  };

  const twoVendorCase = (initiatedBy = initiator.id) =>
    newCaseState({ initiatedBy, lastDay: '2026-11-20', vendorIds: ['spring-health', 'one-medical'] });
  const approved = () => accept(twoVendorCase(), { type: 'approve' }, otherHr).next;
  const confirm = (vendorId: string, given: RemovalEvidence = evidence()): CaseCommand => ({
    type: 'confirm_removal',
    vendorId,
    evidence: given,
  });

  test('a new case awaits HR with one removal per vendor, each listed once', () => {
    const state = newCaseState({
      initiatedBy: 'api',
      lastDay: '2026-11-27',
      vendorIds: ['spring-health', 'one-medical', 'spring-health'],
    });
    expect(state.status).toBe('awaiting_hr');
    expect(state.removals.map((removal) => [removal.vendorId, removal.status, removal.dueOn])).toEqual([
      ['spring-health', 'awaiting_approval', null],
      ['one-medical', 'awaiting_approval', null],
    ]);
  });

  test('another HR approver can approve, which requests every removal with its due date', () => {
    const { next, event } = accept(twoVendorCase(), { type: 'approve' }, otherHr);
    expect(next.status).toBe('approved');
    expect(next.decidedBy).toBe(otherHr.id);
    expect(next.decidedAt).toEqual(monday);
    // Approved Monday 2026-11-23, five business days later.
    expect(next.removals.map((removal) => [removal.status, removal.dueOn, removal.requestedAt])).toEqual([
      ['requested', '2026-11-30', monday],
      ['requested', '2026-11-30', monday],
    ]);
    expect(event).toEqual({
      action: 'case.approved',
      vendorId: null,
      fromStatus: 'awaiting_hr',
      toStatus: 'approved',
      details: {
        requested: [
          { vendorId: 'spring-health', dueOn: '2026-11-30' },
          { vendorId: 'one-medical', dueOn: '2026-11-30' },
        ],
      },
    });
  });

  test('a removal is due after the last day when the last day is later than the approval', () => {
    const state = newCaseState({ initiatedBy: 'api', lastDay: '2026-12-04', vendorIds: ['betterup'] });
    const { next } = accept(state, { type: 'approve' }, otherHr);
    expect(next.removals[0]?.dueOn).toBe('2026-12-11');
  });

  test('a second approval is refused and names the first approver and when', () => {
    const error = refuse(approved(), { type: 'approve' }, hrAndIt, later(90));
    expect(error.code).toBe('case.already_approved');
    expect(error.message).toContain('<@UHR00002>');
    expect(error.message).toContain('2026-11-23 15:04 UTC');
    expect(error.context).toEqual({ by: otherHr.id, at: monday });
  });

  test('a second approval names the first approval time in the business time zone', () => {
    const first = accept(twoVendorCase(), { type: 'approve' }, otherHr, monday, 'America/Los_Angeles').next;
    const error = refuse(first, { type: 'approve' }, hrAndIt, later(5), 'America/Los_Angeles');
    expect(error.message).toContain('2026-11-23 07:04 PST');
  });

  test('the initiator cannot approve their own case', () => {
    const error = refuse(twoVendorCase(), { type: 'approve' }, initiator);
    expect(error.code).toBe('case.initiator_cannot_approve');
  });

  test('the initiator cannot approve their own case even holding both roles', () => {
    expect(refuse(twoVendorCase(hrAndIt.id), { type: 'approve' }, hrAndIt).code).toBe(
      'case.initiator_cannot_approve',
    );
  });

  test('the initiator may still reject or cancel their own case', () => {
    expect(
      accept(twoVendorCase(), { type: 'reject', reason: 'Entered by mistake' }, initiator).next.status,
    ).toBe('rejected');
    expect(
      accept(twoVendorCase(), { type: 'cancel', reason: 'Entered by mistake' }, initiator).next.status,
    ).toBe('cancelled');
  });

  test('only HR approvers may approve, reject, cancel or reopen', () => {
    for (const actor of [itPerson, bystander, hrSystem]) {
      expect(refuse(twoVendorCase(), { type: 'approve' }, actor).code).toBe('auth.not_hr_approver');
      expect(refuse(twoVendorCase(), { type: 'reject', reason: 'No' }, actor).code).toBe(
        'auth.not_hr_approver',
      );
      expect(refuse(approved(), { type: 'cancel', reason: 'No' }, actor).code).toBe('auth.not_hr_approver');
      const rejected = accept(twoVendorCase(), { type: 'reject', reason: 'No' }, otherHr).next;
      expect(refuse(rejected, { type: 'reopen', reason: 'Yes' }, actor).code).toBe('auth.not_hr_approver');
    }
  });

  test('only IT confirmers may record a vendor removal', () => {
    for (const actor of [otherHr, initiator, bystander, hrSystem]) {
      expect(refuse(approved(), confirm('spring-health'), actor).code).toBe('auth.not_it_confirmer');
    }
  });

  test('an IT confirmer cannot confirm before HR approval', () => {
    const error = refuse(twoVendorCase(), confirm('spring-health'), itPerson);
    expect(error.code).toBe('case.not_approved');
  });

  test('confirming a vendor the case does not have is refused', () => {
    const error = refuse(approved(), confirm('lyra'), itPerson);
    expect(error.code).toBe('removal.not_found');
    expect(error.message).toContain('lyra');
  });

  test('rejecting needs a reason', () => {
    for (const reason of ['', '   ', '\n\t']) {
      expect(refuse(twoVendorCase(), { type: 'reject', reason }, otherHr).code).toBe('input.invalid');
    }
    const { next, event } = accept(
      twoVendorCase(),
      { type: 'reject', reason: '  Not leaving after all ' },
      otherHr,
    );
    expect(next.status).toBe('rejected');
    expect(next.closedReason).toBe('Not leaving after all');
    expect(event.details).toEqual({ reason: 'Not leaving after all' });
    expect(next.removals.every((removal) => removal.status === 'withdrawn')).toBe(true);
  });

  test('cancelling and reopening need a reason', () => {
    expect(refuse(approved(), { type: 'cancel', reason: ' ' }, otherHr).code).toBe('input.invalid');
    const cancelled = accept(approved(), { type: 'cancel', reason: 'Rescinded' }, otherHr).next;
    expect(refuse(cancelled, { type: 'reopen', reason: '' }, otherHr).code).toBe('input.invalid');
  });

  test('an approved case cannot be rejected, only cancelled', () => {
    const error = refuse(approved(), { type: 'reject', reason: 'Changed my mind' }, hrAndIt);
    expect(error.code).toBe('case.already_approved');
    expect(error.message).toContain('<@UHR00002>');
    expect(error.message).toContain('cancel it instead');
  });

  test('approving a case with no vendors completes it', () => {
    const state = newCaseState({ initiatedBy: 'api', lastDay: '2026-11-20', vendorIds: [] });
    const { next, event } = accept(state, { type: 'approve' }, otherHr);
    expect(next.status).toBe('completed');
    expect(next.completedAt).toEqual(monday);
    expect(event.toStatus).toBe('completed');
  });

  test('confirming the last open removal completes the case', () => {
    const first = accept(approved(), confirm('spring-health'), itPerson, later(60));
    expect(first.next.status).toBe('approved');
    expect(first.next.completedAt).toBeNull();
    expect(first.event.details).toMatchObject({ caseStatus: { from: 'approved', to: 'approved' } });

    const last = accept(first.next, confirm('one-medical', evidence('CS-2001')), hrAndIt, later(120));
    expect(last.next.status).toBe('completed');
    expect(last.next.completedAt).toEqual(later(120));
    expect(last.next.removals.map((removal) => [removal.status, removal.confirmedBy])).toEqual([
      ['confirmed', itPerson.id],
      ['confirmed', hrAndIt.id],
    ]);
    expect(last.event).toMatchObject({
      action: 'removal.confirmed',
      vendorId: 'one-medical',
      fromStatus: 'requested',
      toStatus: 'confirmed',
      details: { caseStatus: { from: 'approved', to: 'completed' } },
    });
  });

  test('a removal confirmed twice is refused and names who confirmed it and when', () => {
    const once = accept(approved(), confirm('spring-health'), itPerson, later(60)).next;
    const error = refuse(once, confirm('spring-health', evidence('CS-9999')), hrAndIt, later(61));
    expect(error.code).toBe('removal.already_confirmed');
    expect(error.message).toContain('<@UIT00001>');
    expect(error.message).toContain('2026-11-23 16:04 UTC');
  });

  test('evidence needs the reference, who at the vendor confirmed, and the date', () => {
    const complete = evidence();
    for (const incomplete of [
      { ...complete, reference: '  ' },
      { ...complete, vendorContact: '' },
      { ...complete, confirmedOn: '' },
      { ...complete, confirmedOn: '20/11/2026' },
    ]) {
      expect(refuse(approved(), confirm('spring-health', incomplete), itPerson).code).toBe('input.invalid');
    }
  });

  test('evidence is recorded trimmed, without a blank note', () => {
    const withBlankNote = {
      reference: ' CS-1 ',
      vendorContact: ' Jamie ',
      confirmedOn: '2026-11-20',
      note: '  ',
    };
    const { next } = accept(approved(), confirm('spring-health', withBlankNote), itPerson);
    expect(next.removals[0]?.evidence).toStrictEqual({
      reference: 'CS-1',
      vendorContact: 'Jamie',
      confirmedOn: '2026-11-20',
    });
  });

  test('a cancelled case withdraws its open removals but keeps confirmed ones', () => {
    const partly = accept(approved(), confirm('spring-health'), itPerson, later(60)).next;
    const { next, event } = accept(
      partly,
      { type: 'cancel', reason: 'Resignation rescinded' },
      hrAndIt,
      later(90),
    );
    expect(next.status).toBe('cancelled');
    expect(next.removals.map((removal) => [removal.vendorId, removal.status])).toEqual([
      ['spring-health', 'confirmed'],
      ['one-medical', 'withdrawn'],
    ]);
    expect(next.removals[0]?.evidence).toEqual(evidence());
    expect(event).toMatchObject({ action: 'case.cancelled', fromStatus: 'approved', toStatus: 'cancelled' });
  });

  test('a closed case refuses everything but reopen and says who closed it and when', () => {
    const rejected = accept(twoVendorCase(), { type: 'reject', reason: 'Duplicate' }, otherHr).next;
    const error = refuse(rejected, { type: 'approve' }, hrAndIt);
    expect(error.code).toBe('case.already_rejected');
    expect(error.message).toContain('<@UHR00002>');
    expect(error.message).toContain('2026-11-23 15:04 UTC');
    expect(refuse(rejected, { type: 'cancel', reason: 'x' }, otherHr).code).toBe('case.already_rejected');

    const cancelled = accept(approved(), { type: 'cancel', reason: 'Rescinded' }, hrAndIt).next;
    expect(refuse(cancelled, confirm('one-medical'), itPerson).code).toBe('case.already_cancelled');

    const empty = newCaseState({ initiatedBy: 'api', lastDay: '2026-11-20', vendorIds: [] });
    const completed = accept(empty, { type: 'approve' }, otherHr).next;
    expect(refuse(completed, { type: 'cancel', reason: 'Late' }, otherHr).code).toBe(
      'case.already_completed',
    );
  });

  test('reopen is refused on an open case', () => {
    expect(refuse(twoVendorCase(), { type: 'reopen', reason: 'Again' }, otherHr).code).toBe(
      'case.not_closed',
    );
    expect(refuse(approved(), { type: 'reopen', reason: 'Again' }, otherHr).code).toBe('case.not_closed');
  });

  test('reopening a closed case puts it back to HR with every removal awaiting approval', () => {
    const partly = accept(approved(), confirm('spring-health'), itPerson).next;
    const cancelled = accept(partly, { type: 'cancel', reason: 'Rescinded' }, otherHr).next;
    const { next, event } = accept(
      cancelled,
      { type: 'reopen', reason: ' Leaving after all ' },
      otherHr,
      later(60),
    );
    expect(next).toMatchObject({
      status: 'awaiting_hr',
      decidedBy: null,
      decidedAt: null,
      closedReason: null,
      completedAt: null,
    });
    expect(
      next.removals.every((removal) => removal.status === 'awaiting_approval' && removal.dueOn === null),
    ).toBe(true);
    expect(event).toMatchObject({
      action: 'case.reopened',
      fromStatus: 'cancelled',
      toStatus: 'awaiting_hr',
    });
    expect(event.details).toEqual({ reason: 'Leaving after all' });
    // After a reopen the four-eyes rule and the approval start again.
    expect(accept(next, { type: 'approve' }, hrAndIt, later(120)).next.status).toBe('approved');
  });

  test('HR, the HR system, the system and operators may start a case; IT alone and others may not', () => {
    expect(mayStartCase(otherHr)).toBe(true);
    expect(mayStartCase(hrSystem)).toBe(true);
    expect(mayStartCase({ id: 'system', isHrApprover: false, isItConfirmer: false })).toBe(true);
    expect(mayStartCase({ id: 'cli:ops', isHrApprover: false, isItConfirmer: false })).toBe(true);
    expect(mayStartCase(itPerson)).toBe(false);
    expect(mayStartCase(bystander)).toBe(false);
  });

  test('a removal is overdue only while requested and past its due date', () => {
    expect(isRemovalOverdue({ status: 'requested', dueOn: '2026-11-30' }, '2026-12-01')).toBe(true);
    expect(isRemovalOverdue({ status: 'requested', dueOn: '2026-11-30' }, '2026-11-30')).toBe(false);
    expect(isRemovalOverdue({ status: 'requested', dueOn: null }, '2026-12-01')).toBe(false);
    expect(isRemovalOverdue({ status: 'confirmed', dueOn: '2026-11-30' }, '2026-12-01')).toBe(false);
    expect(isRemovalOverdue({ status: 'withdrawn', dueOn: '2026-11-30' }, '2026-12-01')).toBe(false);
  });

  test('actors are named to people as a mention or as what they are', () => {
    expect(describeActor('U123ABC')).toBe('<@U123ABC>');
    expect(describeActor('api')).toBe('the HR system');
    expect(describeActor('system')).toBe('the system');
    expect(describeActor('cli:dana')).toBe('an operator (dana)');
  });
});
