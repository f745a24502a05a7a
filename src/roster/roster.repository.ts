import { and, eq, sql } from 'drizzle-orm';
import type { Database, Queryable } from '../db/database.js';
import { rosterEntries } from '../db/schema.js';

export type RosterMember = { email: string; name?: string; memberId?: string; enrolledOn?: string };

export type RosterRepository = ReturnType<typeof createRosterRepository>;

export const createRosterRepository = ({ db }: { db: Database }) => ({
  /** Vendor ids where this email is enrolled. */
  vendorsEnrolling: async (email: string, q: Queryable = db): Promise<string[]> => {
    const rows = await q
      .select({ vendorId: rosterEntries.vendorId })
      .from(rosterEntries)
      .where(eq(rosterEntries.email, email.toLowerCase()));
    return rows.map((row) => row.vendorId);
  },

  /** Replaces a vendor's roster with a new snapshot; returns how many were added and removed. */
  replace: async (
    tx: Queryable,
    vendorId: string,
    members: RosterMember[],
    importedAt: Date,
  ): Promise<{ before: number; after: number }> => {
    const [counted] = await tx
      .select({ count: sql<number>`count(*)::int` })
      .from(rosterEntries)
      .where(eq(rosterEntries.vendorId, vendorId));
    await tx.delete(rosterEntries).where(eq(rosterEntries.vendorId, vendorId));
    for (let start = 0; start < members.length; start += 500) {
      await tx.insert(rosterEntries).values(
        members.slice(start, start + 500).map((member) => ({
          vendorId,
          email: member.email.toLowerCase(),
          name: member.name ?? null,
          memberId: member.memberId ?? null,
          enrolledOn: member.enrolledOn ?? null,
          importedAt,
        })),
      );
    }
    return { before: counted?.count ?? 0, after: members.length };
  },

  countByVendor: async (vendorId: string, q: Queryable = db): Promise<number> => {
    const [row] = await q
      .select({ count: sql<number>`count(*)::int` })
      .from(rosterEntries)
      .where(and(eq(rosterEntries.vendorId, vendorId)));
    return row?.count ?? 0;
  },
});
