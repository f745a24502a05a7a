import { asc, eq, inArray, sql } from 'drizzle-orm';
import type { Database, Queryable } from '../db/database.js';
import { type VendorRow, vendors } from '../db/schema.js';
import type { VendorDefinition } from './vendor-catalog.js';

export type VendorsRepository = ReturnType<typeof createVendorsRepository>;

export const createVendorsRepository = ({ db }: { db: Database }) => ({
  listActive: (q: Queryable = db): Promise<VendorRow[]> =>
    q.select().from(vendors).where(eq(vendors.active, true)).orderBy(asc(vendors.name)),

  findByIds: (ids: string[], q: Queryable = db): Promise<VendorRow[]> =>
    ids.length === 0 ? Promise.resolve([]) : q.select().from(vendors).where(inArray(vendors.id, ids)),

  findById: async (id: string, q: Queryable = db): Promise<VendorRow | undefined> =>
    (await q.select().from(vendors).where(eq(vendors.id, id)))[0],

  setContact: async (id: string, contact: string | null, q: Queryable = db): Promise<void> => {
    await q.update(vendors).set({ contact, updatedAt: sql`now()` }).where(eq(vendors.id, id));
  },

  /** Adds or updates vendors from the operator's catalog file; returns the ids written. */
  upsert: async (definitions: VendorDefinition[], q: Queryable = db): Promise<string[]> => {
    for (const vendor of definitions) {
      const values = {
        id: vendor.id,
        name: vendor.name,
        benefit: vendor.benefit,
        removalPath: vendor.removalPath,
        removalPathNote: vendor.removalPathNote,
        contact: vendor.contact ?? null,
        slaBusinessDays: vendor.slaBusinessDays,
        annualSeatCostCents: vendor.annualSeatCostCents ?? null,
        seatCostNote: vendor.seatCostNote ?? null,
        checklist: vendor.checklist,
        active: vendor.active,
      };
      await q
        .insert(vendors)
        .values(values)
        .onConflictDoUpdate({ target: vendors.id, set: { ...values, updatedAt: sql`now()` } });
    }
    return definitions.map((vendor) => vendor.id);
  },
});
