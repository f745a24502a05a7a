import { createAuditLedger } from './audit/audit-ledger.js';
import type { Database } from './db/database.js';
import { createCardOutbox } from './notifications/card-outbox.js';
import { createOffboardingRepository } from './offboarding/offboarding.repository.js';
import { createOffboardingUseCases } from './offboarding/offboarding.usecases.js';
import { createRosterRepository } from './roster/roster.repository.js';
import { createVendorsRepository } from './vendors/vendors.repository.js';

/** Everything below the transport: repositories, the ledger and the use cases, wired to one database. */
export const createServices = ({
  db,
  timeZone,
  clock,
}: {
  db: Database;
  timeZone: string;
  clock?: () => Date;
}) => {
  const cases = createOffboardingRepository({ db });
  const vendors = createVendorsRepository({ db });
  const roster = createRosterRepository({ db });
  const ledger = createAuditLedger({ db });
  const outbox = createCardOutbox({ db });
  const offboarding = createOffboardingUseCases({
    db,
    cases,
    vendors,
    roster,
    ledger,
    outbox,
    timeZone,
    ...(clock ? { clock } : {}),
  });
  return {
    db,
    timeZone,
    clock: clock ?? (() => new Date()),
    cases,
    vendors,
    roster,
    ledger,
    outbox,
    offboarding,
  };
};

export type Services = ReturnType<typeof createServices>;
