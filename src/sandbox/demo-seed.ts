import { addDays, format } from 'date-fns';
import type { Actor } from '../offboarding/case-lifecycle.js';
import { createServices, type Services } from '../services.js';
import { sandboxPeople } from './sandbox-people.js';

const hrSystem: Actor = { id: 'api', isHrApprover: false, isItConfirmer: false };
const asHr = (id: string): Actor => ({ id, isHrApprover: true, isItConfirmer: false });
const asIt = (id: string): Actor => ({ id, isHrApprover: false, isItConfirmer: true });

const rosters: Record<string, { email: string; name: string }[]> = {
  'spring-health': [
    { email: 'dana.reyes@acme.example', name: 'Dana Reyes' },
    { email: 'sam.lee@acme.example', name: 'Sam Lee' },
    { email: 'priya.natarajan@acme.example', name: 'Priya Natarajan' },
    { email: 'marco.silva@acme.example', name: 'Marco Silva' },
    { email: 'ava.chen@acme.example', name: 'Ava Chen' },
    { email: 'tom.becker@acme.example', name: 'Tom Becker' },
  ],
  betterup: [
    { email: 'priya.natarajan@acme.example', name: 'Priya Natarajan' },
    { email: 'jo.kim@acme.example', name: 'Jo Kim' },
    { email: 'ava.chen@acme.example', name: 'Ava Chen' },
    { email: 'lena.fischer@acme.example', name: 'Lena Fischer' },
  ],
  'one-medical': [
    { email: 'dana.reyes@acme.example', name: 'Dana Reyes' },
    { email: 'sam.lee@acme.example', name: 'Sam Lee' },
    { email: 'priya.natarajan@acme.example', name: 'Priya Natarajan' },
    { email: 'marco.silva@acme.example', name: 'Marco Silva' },
    { email: 'jo.kim@acme.example', name: 'Jo Kim' },
    { email: 'lena.fischer@acme.example', name: 'Lena Fischer' },
    { email: 'omar.haddad@acme.example', name: 'Omar Haddad' },
  ],
};

const contacts: Record<string, string> = {
  'spring-health': 'Customer success: success@springhealth.example (Jamie Ortiz)',
  betterup: 'Customer success: cs-team@betterup.example',
  'one-medical': 'Benefits broker: renewals@broker.example (via Justworks)',
};

/**
 * Demo data for a first sandbox start: rosters, vendor contacts and five cases in different states, each made
 * through the same use cases a person's click would run, in time order, so the demo's audit trail is real.
 */
export const seedDemo = async (base: Services, now: Date): Promise<void> => {
  let clock = new Date(0);
  const at = (daysAgo: number, hour: number) => {
    const day = addDays(now, -daysAgo);
    const candidate = new Date(`${format(day, 'yyyy-MM-dd')}T${String(hour).padStart(2, '0')}:00:00Z`);
    // Never in the future, and always after the previous step: the ledger's times stay in order.
    clock = new Date(Math.max(Math.min(candidate.getTime(), now.getTime()), clock.getTime() + 1000));
  };
  const services = createServices({ db: base.db, timeZone: base.timeZone, clock: () => clock });
  const { offboarding } = services;
  const day = (offset: number) => format(addDays(now, offset), 'yyyy-MM-dd');
  const evidence = (reference: string, vendorContact: string) => ({
    reference,
    vendorContact,
    confirmedOn: format(clock, 'yyyy-MM-dd'),
  });

  at(30, 9);
  await services.db.transaction(async (tx) => {
    for (const [vendorId, members] of Object.entries(rosters)) {
      await services.roster.replace(tx, vendorId, members, clock);
      await services.ledger.append(
        tx,
        {
          actor: 'system',
          action: 'roster.imported',
          vendorId,
          details: { source: 'sandbox demo', after: members.length },
        },
        clock,
      );
    }
  });
  for (const [vendorId, contact] of Object.entries(contacts))
    await services.vendors.setContact(vendorId, contact);

  const start = (email: string, name: string, lastDay: string, externalId?: string) =>
    offboarding.startCase(
      {
        employeeEmail: email,
        employeeName: name,
        lastDay,
        source: 'webhook',
        ...(externalId ? { externalId } : {}),
      },
      hrSystem,
    );

  const confirmAsIvan = (caseId: string, vendorId: string, reference: string, vendorContact: string) =>
    offboarding.confirmRemoval(
      caseId,
      vendorId,
      evidence(reference, vendorContact),
      asIt(sandboxPeople.ivan.id),
    );

  // Completed: left three weeks ago, every vendor confirmed.
  at(24, 10);
  const marco = await start('marco.silva@acme.example', 'Marco Silva', day(-21), 'workday-0991');
  at(23, 9);
  await offboarding.approve(marco.case.id, asHr(sandboxPeople.harriet.id));
  at(20, 15);
  await confirmAsIvan(marco.case.id, 'one-medical', 'OM-88213', 'Broker renewals desk');
  at(18, 11);
  await confirmAsIvan(marco.case.id, 'spring-health', 'SH-4471', 'Jamie Ortiz');

  // Awaiting vendors, overdue: approved two weeks ago, nobody confirmed yet.
  at(15, 10);
  const sam = await start('sam.lee@acme.example', 'Sam Lee', day(-14), 'workday-1002');
  at(14, 9);
  await offboarding.approve(sam.case.id, asHr(sandboxPeople.hugo.id));

  // Rejected: the resignation was withdrawn.
  at(6, 14);
  const jo = await offboarding.startCase(
    { employeeEmail: 'jo.kim@acme.example', employeeName: 'Jo Kim', lastDay: day(10), source: 'slack' },
    asHr(sandboxPeople.hugo.id),
  );
  at(5, 9);
  await offboarding.reject(
    jo.case.id,
    'Resignation withdrawn after a counter-offer',
    asHr(sandboxPeople.harriet.id),
  );

  // Partly confirmed: BetterUp confirmed, Spring Health and One Medical still open.
  at(4, 10);
  const priya = await start('priya.natarajan@acme.example', 'Priya Natarajan', day(-1), 'workday-1003');
  at(3, 9);
  await offboarding.approve(priya.case.id, asHr(sandboxPeople.harriet.id));
  at(1, 16);
  await confirmAsIvan(priya.case.id, 'betterup', 'BU-20931', 'BetterUp customer success');

  // Awaiting HR: arrived from the HR system this morning.
  at(0, 8);
  await start('dana.reyes@acme.example', 'Dana Reyes', day(7), 'workday-1004');
};
