import { and, asc, count, desc, eq, gte, inArray, type SQL, sql } from 'drizzle-orm';
import type { Database } from '../db/database.js';
import { auditEvents, offboardingCases, rosterEntries, vendorRemovals, vendors } from '../db/schema.js';
import { type CaseStatus, isRemovalOverdue, type RemovalStatus } from '../offboarding/case-lifecycle.js';
import { daysBetween } from '../offboarding/due-dates.js';

// Every query aggregates in SQL or stops at `limit` rows, through the indexes on offboarding_cases(status),
// offboarding_cases(employee_email), vendor_removals(vendor_id, status) and vendor_removals(status, due_on).

/** The day the answer is given for: overdue means due before `today` (YYYY-MM-DD, business time zone). */
export type AsOf = { today: string };

/** A list cut at the repository's limit, with how many there are in all. */
export type LimitedList<T> = { items: T[]; total: number };

export type VendorFigures = {
  vendorId: string;
  name: string;
  /** Removals requested of the vendor and not yet confirmed. */
  openRemovals: number;
  overdueRemovals: number;
  /** People on the vendor's last imported roster. */
  activeSeats: number;
  annualSeatCostCents: number | null;
};

export type StatusSummary = {
  awaitingHr: number;
  awaitingVendors: number;
  overdueRemovals: number;
  completedRecently: number;
  vendors: VendorFigures[];
};

export type TimelineEntry = { action: string; actor: string; vendorId: string | null; occurredAt: Date };

export type PersonRemoval = {
  vendorId: string;
  vendorName: string;
  status: RemovalStatus;
  dueOn: string | null;
  overdue: boolean;
  confirmedBy: string | null;
  confirmedAt: Date | null;
};

export type PersonCase = {
  id: string;
  employeeName: string;
  lastDay: string;
  status: CaseStatus;
  initiatedBy: string;
  createdAt: Date;
  removals: PersonRemoval[];
  /** The latest events of the case, oldest first. */
  timeline: LimitedList<TimelineEntry>;
};

export type PersonStatus = { email: string; cases: LimitedList<PersonCase> };

export type OpenRemoval = {
  caseId: string;
  employeeName: string;
  lastDay: string;
  dueOn: string | null;
  overdue: boolean;
};

export type VendorStatus = {
  vendorId: string;
  name: string;
  annualSeatCostCents: number | null;
  activeSeats: number;
  /** Removals still waiting for HR's approval before they are asked of the vendor. */
  awaitingApproval: number;
  overdueRemovals: number;
  openRemovals: LimitedList<OpenRemoval>;
};

export type OverdueRemoval = {
  caseId: string;
  vendorId: string;
  vendorName: string;
  employeeName: string;
  lastDay: string;
  dueOn: string;
  daysOverdue: number;
};

export type ListOptions = { limit?: number };

const defaultLimit = 20;
const defaultTimelineLength = 6;

const requested = eq(vendorRemovals.status, 'requested');
const pastDueOn = (today: string) => sql`${vendorRemovals.dueOn} < ${today}::date`;
const overdueOn = (today: string) => sql`${requested} and ${pastDueOn(today)}`;
const countWhere = (condition: SQL) => sql<number>`(count(*) filter (where ${condition}))::int`;

export type StatusRepository = ReturnType<typeof createStatusRepository>;

/** Read-only queries behind `/benefits-status`. */
export const createStatusRepository = ({ db }: { db: Database }) => {
  /** Cases by stage, removals open and overdue, completions since `completedSince`, and each vendor's figures. */
  const summary = async ({
    today,
    completedSince,
  }: AsOf & { completedSince: Date }): Promise<StatusSummary> => {
    const [caseCounts, completed, removalCounts, seats, vendorRows] = await Promise.all([
      db
        .select({ status: offboardingCases.status, n: count() })
        .from(offboardingCases)
        .where(inArray(offboardingCases.status, ['awaiting_hr', 'approved']))
        .groupBy(offboardingCases.status),
      db
        .select({ n: count() })
        .from(offboardingCases)
        .where(
          and(eq(offboardingCases.status, 'completed'), gte(offboardingCases.completedAt, completedSince)),
        ),
      db
        .select({
          vendorId: vendorRemovals.vendorId,
          open: count(),
          overdue: countWhere(pastDueOn(today)),
        })
        .from(vendorRemovals)
        .where(requested)
        .groupBy(vendorRemovals.vendorId),
      db
        .select({ vendorId: rosterEntries.vendorId, n: count() })
        .from(rosterEntries)
        .groupBy(rosterEntries.vendorId),
      db
        .select({
          id: vendors.id,
          name: vendors.name,
          active: vendors.active,
          annualSeatCostCents: vendors.annualSeatCostCents,
        })
        .from(vendors)
        .orderBy(asc(vendors.name)),
    ]);
    const byStatus = new Map(caseCounts.map((row) => [row.status, row.n]));
    const removalsOf = new Map(removalCounts.map((row) => [row.vendorId, row]));
    const seatsOf = new Map(seats.map((row) => [row.vendorId, row.n]));
    const figures = vendorRows.flatMap((vendor): VendorFigures[] => {
      const figure = {
        vendorId: vendor.id,
        name: vendor.name,
        openRemovals: removalsOf.get(vendor.id)?.open ?? 0,
        overdueRemovals: removalsOf.get(vendor.id)?.overdue ?? 0,
        activeSeats: seatsOf.get(vendor.id) ?? 0,
        annualSeatCostCents: vendor.annualSeatCostCents,
      };
      // A retired vendor still shows while it has open removals or a roster.
      return vendor.active || figure.openRemovals > 0 || figure.activeSeats > 0 ? [figure] : [];
    });
    return {
      awaitingHr: byStatus.get('awaiting_hr') ?? 0,
      awaitingVendors: byStatus.get('approved') ?? 0,
      overdueRemovals: figures.reduce((sum, figure) => sum + figure.overdueRemovals, 0),
      completedRecently: completed[0]?.n ?? 0,
      vendors: figures,
    };
  };

  /** One person's cases by email (any letter case), newest first, each with its removals and latest events. */
  const person = async (
    email: string,
    {
      today,
      limit = defaultLimit,
      timelineLength = defaultTimelineLength,
    }: AsOf & ListOptions & { timelineLength?: number },
  ): Promise<PersonStatus> => {
    const address = email.trim().toLowerCase();
    const byEmail = eq(offboardingCases.employeeEmail, address);
    const [caseRows, total] = await Promise.all([
      db
        .select({
          id: offboardingCases.id,
          employeeName: offboardingCases.employeeName,
          lastDay: offboardingCases.lastDay,
          status: offboardingCases.status,
          initiatedBy: offboardingCases.initiatedBy,
          createdAt: offboardingCases.createdAt,
        })
        .from(offboardingCases)
        .where(byEmail)
        .orderBy(desc(offboardingCases.createdAt), desc(offboardingCases.id))
        .limit(limit),
      db.select({ n: count() }).from(offboardingCases).where(byEmail),
    ]);
    const caseIds = caseRows.map((row) => row.id);
    if (caseIds.length === 0) return { email: address, cases: { items: [], total: 0 } };

    const latest = db
      .select({
        caseId: auditEvents.caseId,
        action: auditEvents.action,
        actor: auditEvents.actor,
        vendorId: auditEvents.vendorId,
        occurredAt: auditEvents.occurredAt,
        id: auditEvents.id,
        rank: sql<number>`(row_number() over (partition by ${auditEvents.caseId} order by ${auditEvents.id} desc))::int`.as(
          'rank',
        ),
        total: sql<number>`(count(*) over (partition by ${auditEvents.caseId}))::int`.as('total'),
      })
      .from(auditEvents)
      .where(inArray(auditEvents.caseId, caseIds))
      .as('latest');
    const [removalRows, eventRows] = await Promise.all([
      db
        .select({
          caseId: vendorRemovals.caseId,
          vendorId: vendorRemovals.vendorId,
          vendorName: vendors.name,
          status: vendorRemovals.status,
          dueOn: vendorRemovals.dueOn,
          confirmedBy: vendorRemovals.confirmedBy,
          confirmedAt: vendorRemovals.confirmedAt,
        })
        .from(vendorRemovals)
        .innerJoin(vendors, eq(vendors.id, vendorRemovals.vendorId))
        .where(inArray(vendorRemovals.caseId, caseIds))
        .orderBy(asc(vendors.name)),
      db.select().from(latest).where(sql`${latest.rank} <= ${timelineLength}`).orderBy(asc(latest.id)),
    ]);

    return {
      email: address,
      cases: {
        total: total[0]?.n ?? 0,
        items: caseRows.map((row): PersonCase => {
          const events = eventRows.filter((event) => event.caseId === row.id);
          return {
            ...row,
            removals: removalRows
              .filter((removal) => removal.caseId === row.id)
              .map(({ caseId: _caseId, ...removal }) => ({
                ...removal,
                overdue: isRemovalOverdue(removal, today),
              })),
            timeline: {
              total: events[0]?.total ?? 0,
              items: events.map(({ action, actor, vendorId, occurredAt }) => ({
                action,
                actor,
                vendorId,
                occurredAt,
              })),
            },
          };
        }),
      },
    };
  };

  /** One vendor's open removals, oldest due first, with its seat count; undefined for an unknown id. */
  const vendor = async (
    vendorId: string,
    { today, limit = defaultLimit }: AsOf & ListOptions,
  ): Promise<VendorStatus | undefined> => {
    const ofVendor = eq(vendorRemovals.vendorId, vendorId);
    const [vendorRows, counts, seats, openRows] = await Promise.all([
      db
        .select({ id: vendors.id, name: vendors.name, annualSeatCostCents: vendors.annualSeatCostCents })
        .from(vendors)
        .where(eq(vendors.id, vendorId)),
      db
        .select({
          open: countWhere(requested),
          overdue: countWhere(overdueOn(today)),
          awaitingApproval: countWhere(eq(vendorRemovals.status, 'awaiting_approval')),
        })
        .from(vendorRemovals)
        .where(and(ofVendor, inArray(vendorRemovals.status, ['requested', 'awaiting_approval']))),
      db.select({ n: count() }).from(rosterEntries).where(eq(rosterEntries.vendorId, vendorId)),
      db
        .select({
          caseId: vendorRemovals.caseId,
          employeeName: offboardingCases.employeeName,
          lastDay: offboardingCases.lastDay,
          dueOn: vendorRemovals.dueOn,
        })
        .from(vendorRemovals)
        .innerJoin(offboardingCases, eq(offboardingCases.id, vendorRemovals.caseId))
        .where(and(ofVendor, requested))
        .orderBy(sql`${vendorRemovals.dueOn} asc nulls last`, asc(vendorRemovals.id))
        .limit(limit),
    ]);
    const found = vendorRows[0];
    if (!found) return undefined;
    return {
      vendorId: found.id,
      name: found.name,
      annualSeatCostCents: found.annualSeatCostCents,
      activeSeats: seats[0]?.n ?? 0,
      awaitingApproval: counts[0]?.awaitingApproval ?? 0,
      overdueRemovals: counts[0]?.overdue ?? 0,
      openRemovals: {
        total: counts[0]?.open ?? 0,
        items: openRows.map((row) => ({
          ...row,
          overdue: isRemovalOverdue({ status: 'requested', dueOn: row.dueOn }, today),
        })),
      },
    };
  };

  /** Requested removals due before `today` across vendors, oldest due first. */
  const overdue = async ({
    today,
    limit = defaultLimit,
  }: AsOf & ListOptions): Promise<LimitedList<OverdueRemoval>> => {
    const pastDue = overdueOn(today);
    const [rows, total] = await Promise.all([
      db
        .select({
          caseId: vendorRemovals.caseId,
          vendorId: vendorRemovals.vendorId,
          vendorName: vendors.name,
          employeeName: offboardingCases.employeeName,
          lastDay: offboardingCases.lastDay,
          dueOn: sql<string>`${vendorRemovals.dueOn}::text`,
        })
        .from(vendorRemovals)
        .innerJoin(offboardingCases, eq(offboardingCases.id, vendorRemovals.caseId))
        .innerJoin(vendors, eq(vendors.id, vendorRemovals.vendorId))
        .where(pastDue)
        .orderBy(asc(vendorRemovals.dueOn), asc(vendorRemovals.id))
        .limit(limit),
      db.select({ n: count() }).from(vendorRemovals).where(pastDue),
    ]);
    return {
      total: total[0]?.n ?? 0,
      items: rows.map((row) => ({ ...row, daysOverdue: daysBetween(row.dueOn, today) })),
    };
  };

  return { summary, person, vendor, overdue };
};
