import type { AuditLedger } from '../audit/audit-ledger.js';
import type { Database } from '../db/database.js';
import type { VendorRow } from '../db/schema.js';
import { requiredForNewVendor, type VendorEntry } from './vendor-catalog.js';
import type { VendorsRepository } from './vendors.repository.js';

const fieldsOf = (entry: VendorEntry): Partial<VendorRow> => {
  const { annualSeatCost, ...rest } = entry;
  const fields: Partial<VendorRow> = {};
  for (const [key, value] of Object.entries(rest)) {
    if (value !== undefined) (fields as Record<string, unknown>)[key] = value;
  }
  if (annualSeatCost !== undefined) {
    fields.annualSeatCostCents = annualSeatCost === null ? null : Math.round(annualSeatCost * 100);
  }
  return fields;
};

/**
 * Applies the operator's catalog in one transaction, all entries or none. Every vendor that changes gets an
 * audit event naming the fields that changed: an SLA or a contact decides due dates and who is asked.
 */
export const applyVendorCatalog = async (
  deps: { db: Database; vendors: VendorsRepository; ledger: AuditLedger; now: Date },
  entries: VendorEntry[],
): Promise<{ added: string[]; updated: string[] }> =>
  deps.db.transaction(async (tx) => {
    const existing = await deps.vendors.findByIds(
      entries.map((entry) => entry.id),
      tx,
    );
    const problems: string[] = [];
    for (const entry of entries) {
      if (existing.some((vendor) => vendor.id === entry.id)) continue;
      const missing = requiredForNewVendor.filter((field) => entry[field] === undefined);
      if (missing.length > 0) problems.push(`vendor ${entry.id} is new, so it needs: ${missing.join(', ')}`);
    }
    if (problems.length > 0)
      throw new Error(`The vendor catalog was not applied:\n  - ${problems.join('\n  - ')}`);

    const added: string[] = [];
    const updated: string[] = [];
    for (const entry of entries) {
      const before = existing.find((vendor) => vendor.id === entry.id);
      const fields = fieldsOf(entry);
      const changed = Object.keys(fields).filter(
        (key) =>
          key !== 'id' &&
          JSON.stringify((before as Record<string, unknown> | undefined)?.[key]) !==
            JSON.stringify((fields as Record<string, unknown>)[key]),
      );
      if (before && changed.length === 0) continue;
      await deps.vendors.save({ ...(before ?? {}), ...fields, id: entry.id } as VendorRow, tx);
      await deps.ledger.append(
        tx,
        {
          actor: 'system',
          action: before ? 'vendor.updated' : 'vendor.added',
          vendorId: entry.id,
          details: { changed, source: 'vendor catalog' },
        },
        deps.now,
      );
      (before ? updated : added).push(entry.id);
    }
    return { added, updated };
  });
