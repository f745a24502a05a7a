import type { AuditLedger } from '../audit/audit-ledger.js';
import type { Database } from '../db/database.js';
import type { AuditEventRow } from '../db/schema.js';
import type { Actor } from '../offboarding/case-lifecycle.js';
import { DomainError } from '../shared/domain-error.js';
import type { VendorsRepository } from '../vendors/vendors.repository.js';
import type { RosterMember, RosterRepository } from './roster.repository.js';

export type RosterImport = {
  vendorId: string;
  members: RosterMember[];
  /** The file's base name and the SHA-256 of its bytes, so an auditor can match the event to the file. */
  fileName: string;
  sha256: string;
};

export type RosterUseCases = ReturnType<typeof createRosterUseCases>;

export const createRosterUseCases = (deps: {
  db: Database;
  roster: RosterRepository;
  vendors: VendorsRepository;
  ledger: AuditLedger;
  clock?: () => Date;
}) => {
  const clock = deps.clock ?? (() => new Date());

  return {
    /**
     * Replaces a vendor's roster with the imported snapshot and records `roster.imported` in the same
     * transaction. The event carries counts, file name and hash only: never who is enrolled.
     */
    importRoster: async (
      input: RosterImport,
      actor: Actor,
    ): Promise<{ before: number; after: number; event: AuditEventRow }> =>
      deps.db.transaction(async (tx) => {
        const vendor = await deps.vendors.lockById(input.vendorId, tx);
        if (!vendor?.active) {
          throw new DomainError('vendor.unknown', `Unknown vendor: ${input.vendorId}.`, {
            vendorIds: [input.vendorId],
          });
        }
        const now = clock();
        const counts = await deps.roster.replace(tx, vendor.id, input.members, now);
        const event = await deps.ledger.append(
          tx,
          {
            actor: actor.id,
            action: 'roster.imported',
            vendorId: vendor.id,
            details: {
              membersBefore: counts.before,
              membersAfter: counts.after,
              fileName: input.fileName,
              sha256: input.sha256,
            },
          },
          now,
        );
        return { ...counts, event };
      }),
  };
};
