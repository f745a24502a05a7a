import { asc, eq, inArray, sql } from 'drizzle-orm';
import type { Database, Queryable } from '../db/database.js';
import {
  type OffboardingCaseRow,
  offboardingCases,
  type VendorRemovalRow,
  type VendorRow,
  vendorRemovals,
  vendors,
} from '../db/schema.js';
import type { CaseState, RemovalState } from './case-lifecycle.js';

export type CaseRecord = OffboardingCaseRow & { removals: (VendorRemovalRow & { vendor: VendorRow })[] };

export type NewCase = {
  id: string;
  employeeEmail: string;
  employeeName: string;
  lastDay: string;
  initiatedBy: string;
  source: string;
  externalId: string | null;
  createdAt: Date;
};

const toRemovalState = (row: VendorRemovalRow): RemovalState => ({
  vendorId: row.vendorId,
  status: row.status,
  dueOn: row.dueOn,
  requestedAt: row.requestedAt,
  confirmedBy: row.confirmedBy,
  confirmedAt: row.confirmedAt,
  evidence:
    row.evidenceReference && row.evidenceVendorContact && row.evidenceConfirmedOn
      ? {
          reference: row.evidenceReference,
          vendorContact: row.evidenceVendorContact,
          confirmedOn: row.evidenceConfirmedOn,
          ...(row.evidenceNote ? { note: row.evidenceNote } : {}),
        }
      : null,
});

/** The life-cycle view of stored rows. */
export const toCaseState = (row: OffboardingCaseRow, removals: VendorRemovalRow[]): CaseState => ({
  status: row.status,
  initiatedBy: row.initiatedBy,
  lastDay: row.lastDay,
  decidedBy: row.decidedBy,
  decidedAt: row.decidedAt,
  closedReason: row.closedReason,
  completedAt: row.completedAt,
  removals: removals.map(toRemovalState),
});

export type OffboardingRepository = ReturnType<typeof createOffboardingRepository>;

export const createOffboardingRepository = ({ db }: { db: Database }) => {
  const removalsOf = async (q: Queryable, caseIds: string[]) => {
    if (caseIds.length === 0) return [];
    return q
      .select({ removal: vendorRemovals, vendor: vendors })
      .from(vendorRemovals)
      .innerJoin(vendors, eq(vendors.id, vendorRemovals.vendorId))
      .where(inArray(vendorRemovals.caseId, caseIds))
      .orderBy(asc(vendors.name));
  };

  const withRemovals = async (q: Queryable, rows: OffboardingCaseRow[]): Promise<CaseRecord[]> => {
    const removals = await removalsOf(
      q,
      rows.map((row) => row.id),
    );
    return rows.map((row) => ({
      ...row,
      removals: removals
        .filter((entry) => entry.removal.caseId === row.id)
        .map((entry) => ({ ...entry.removal, vendor: entry.vendor })),
    }));
  };

  return {
    /** Locks the case row until the transaction ends: conflicting commands on one case queue here. */
    lockCase: async (tx: Queryable, caseId: string) => {
      const [row] = await tx
        .select()
        .from(offboardingCases)
        .where(eq(offboardingCases.id, caseId))
        .for('update');
      if (!row) return undefined;
      const removals = await tx
        .select()
        .from(vendorRemovals)
        .where(eq(vendorRemovals.caseId, caseId))
        .orderBy(asc(vendorRemovals.id));
      return { row, state: toCaseState(row, removals) };
    },

    /** Inserts a case, or returns null when its external id is already taken. */
    insertCase: async (tx: Queryable, input: NewCase, vendorIds: string[]) => {
      const inserted = await tx
        .insert(offboardingCases)
        .values({ ...input, status: 'awaiting_hr', updatedAt: input.createdAt })
        .onConflictDoNothing({ target: offboardingCases.externalId })
        .returning();
      const row = inserted[0];
      if (!row) return null;
      if (vendorIds.length > 0) {
        await tx
          .insert(vendorRemovals)
          .values(
            vendorIds.map((vendorId) => ({ caseId: row.id, vendorId, status: 'awaiting_approval' as const })),
          );
      }
      return row;
    },

    findIdByExternalId: async (externalId: string, q: Queryable = db): Promise<string | undefined> =>
      (
        await q
          .select({ id: offboardingCases.id })
          .from(offboardingCases)
          .where(eq(offboardingCases.externalId, externalId))
      )[0]?.id,

    /** Writes the life cycle's next state over the locked rows. */
    saveState: async (tx: Queryable, caseId: string, next: CaseState, now: Date) => {
      await tx
        .update(offboardingCases)
        .set({
          status: next.status,
          decidedBy: next.decidedBy,
          decidedAt: next.decidedAt,
          closedReason: next.closedReason,
          completedAt: next.completedAt,
          updatedAt: now,
        })
        .where(eq(offboardingCases.id, caseId));
      for (const removal of next.removals) {
        await tx
          .update(vendorRemovals)
          .set({
            status: removal.status,
            dueOn: removal.dueOn,
            requestedAt: removal.requestedAt,
            confirmedBy: removal.confirmedBy,
            confirmedAt: removal.confirmedAt,
            evidenceReference: removal.evidence?.reference ?? null,
            evidenceVendorContact: removal.evidence?.vendorContact ?? null,
            evidenceConfirmedOn: removal.evidence?.confirmedOn ?? null,
            evidenceNote: removal.evidence?.note ?? null,
          })
          .where(
            sql`${vendorRemovals.caseId} = ${caseId} and ${vendorRemovals.vendorId} = ${removal.vendorId}`,
          );
      }
    },

    getCase: async (caseId: string, q: Queryable = db): Promise<CaseRecord | undefined> => {
      const rows = await q.select().from(offboardingCases).where(eq(offboardingCases.id, caseId));
      return (await withRemovals(q, rows))[0];
    },

    casesByEmail: async (email: string, q: Queryable = db): Promise<CaseRecord[]> => {
      const rows = await q
        .select()
        .from(offboardingCases)
        .where(eq(offboardingCases.employeeEmail, email.toLowerCase()))
        .orderBy(asc(offboardingCases.createdAt));
      return withRemovals(q, rows);
    },

    setCardLocation: async (caseId: string, channel: string, ts: string, q: Queryable = db) => {
      await q
        .update(offboardingCases)
        .set({ slackChannel: channel, slackTs: ts })
        .where(eq(offboardingCases.id, caseId));
    },

    withRemovals: (rows: OffboardingCaseRow[], q: Queryable = db) => withRemovals(q, rows),
  };
};
