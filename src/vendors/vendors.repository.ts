import { asc, eq, inArray, sql } from 'drizzle-orm';
import type { Database, Queryable } from '../db/database.js';
import { type VendorRow, vendors } from '../db/schema.js';

export type VendorsRepository = ReturnType<typeof createVendorsRepository>;

export const createVendorsRepository = ({ db }: { db: Database }) => ({
  listActive: (q: Queryable = db): Promise<VendorRow[]> =>
    q.select().from(vendors).where(eq(vendors.active, true)).orderBy(asc(vendors.name)),

  findByIds: (ids: string[], q: Queryable = db): Promise<VendorRow[]> =>
    ids.length === 0 ? Promise.resolve([]) : q.select().from(vendors).where(inArray(vendors.id, ids)),

  findById: async (id: string, q: Queryable = db): Promise<VendorRow | undefined> =>
    (await q.select().from(vendors).where(eq(vendors.id, id)))[0],

  /** Locks the vendor row until the transaction ends, so imports of one vendor's roster queue up. */
  lockById: async (id: string, q: Queryable): Promise<VendorRow | undefined> =>
    (await q.select().from(vendors).where(eq(vendors.id, id)).for('update'))[0],

  setContact: async (id: string, contact: string | null, q: Queryable = db): Promise<void> => {
    await q.update(vendors).set({ contact, updatedAt: sql`now()` }).where(eq(vendors.id, id));
  },

  /** Inserts a new vendor or updates the given fields of an existing one. */
  save: async (values: typeof vendors.$inferInsert, q: Queryable = db): Promise<void> => {
    await q
      .insert(vendors)
      .values(values)
      .onConflictDoUpdate({ target: vendors.id, set: { ...values, updatedAt: sql`now()` } });
  },
});
