import { sql } from 'drizzle-orm';
import {
  bigserial,
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

const createdAt = () => timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow();

/** A benefits vendor with no API: removal is a request to a person there. */
export const vendors = pgTable('vendors', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  benefit: text('benefit').notNull(),
  /** customer_success | broker | hr_platform */
  removalPath: text('removal_path').notNull(),
  removalPathNote: text('removal_path_note').notNull(),
  /** Who the operator writes to (email address, portal or person); set per deployment. */
  contact: text('contact'),
  slaBusinessDays: integer('sla_business_days').notNull().default(5),
  annualSeatCostCents: integer('annual_seat_cost_cents'),
  seatCostNote: text('seat_cost_note'),
  checklist: jsonb('checklist').$type<string[]>().notNull(),
  active: boolean('active').notNull().default(true),
  createdAt: createdAt(),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
});
export type VendorRow = typeof vendors.$inferSelect;

/** Who a vendor (or broker) says is enrolled: the last roster imported for that vendor. */
export const rosterEntries = pgTable(
  'roster_entries',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    vendorId: text('vendor_id')
      .notNull()
      .references(() => vendors.id),
    email: text('email').notNull(),
    name: text('name'),
    memberId: text('member_id'),
    enrolledOn: date('enrolled_on', { mode: 'string' }),
    importedAt: timestamp('imported_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (table) => [
    uniqueIndex('roster_entries_vendor_email_key').on(table.vendorId, table.email),
    index('roster_entries_email_idx').on(table.email),
  ],
);
export type RosterEntryRow = typeof rosterEntries.$inferSelect;

export const caseStatuses = ['awaiting_hr', 'approved', 'rejected', 'cancelled', 'completed'] as const;
export const removalStatuses = ['awaiting_approval', 'requested', 'confirmed', 'withdrawn'] as const;

/** One departing employee. */
export const offboardingCases = pgTable(
  'offboarding_cases',
  {
    id: uuid('id').primaryKey(),
    employeeEmail: text('employee_email').notNull(),
    employeeName: text('employee_name').notNull(),
    lastDay: date('last_day', { mode: 'string' }).notNull(),
    status: text('status', { enum: caseStatuses }).notNull(),
    /** Slack user id, `api` or `system`. */
    initiatedBy: text('initiated_by').notNull(),
    /** slack | webhook | import | reconcile */
    source: text('source').notNull(),
    externalId: text('external_id'),
    decidedBy: text('decided_by'),
    decidedAt: timestamp('decided_at', { withTimezone: true, mode: 'date' }),
    closedReason: text('closed_reason'),
    completedAt: timestamp('completed_at', { withTimezone: true, mode: 'date' }),
    slackChannel: text('slack_channel'),
    slackTs: text('slack_ts'),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (table) => [
    uniqueIndex('offboarding_cases_external_id_key').on(table.externalId),
    index('offboarding_cases_status_idx').on(table.status),
    index('offboarding_cases_status_completed_idx').on(table.status, table.completedAt),
    index('offboarding_cases_email_idx').on(table.employeeEmail),
    check(
      'offboarding_cases_status_check',
      sql`${table.status} in ('awaiting_hr','approved','rejected','cancelled','completed')`,
    ),
  ],
);
export type OffboardingCaseRow = typeof offboardingCases.$inferSelect;

/** One vendor's removal of one case's employee. */
export const vendorRemovals = pgTable(
  'vendor_removals',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => offboardingCases.id),
    vendorId: text('vendor_id')
      .notNull()
      .references(() => vendors.id),
    status: text('status', { enum: removalStatuses }).notNull(),
    dueOn: date('due_on', { mode: 'string' }),
    requestedAt: timestamp('requested_at', { withTimezone: true, mode: 'date' }),
    confirmedBy: text('confirmed_by'),
    confirmedAt: timestamp('confirmed_at', { withTimezone: true, mode: 'date' }),
    evidenceReference: text('evidence_reference'),
    evidenceVendorContact: text('evidence_vendor_contact'),
    evidenceConfirmedOn: date('evidence_confirmed_on', { mode: 'string' }),
    evidenceNote: text('evidence_note'),
  },
  (table) => [
    uniqueIndex('vendor_removals_case_vendor_key').on(table.caseId, table.vendorId),
    index('vendor_removals_vendor_status_idx').on(table.vendorId, table.status),
    index('vendor_removals_status_due_idx').on(table.status, table.dueOn),
    check(
      'vendor_removals_status_check',
      sql`${table.status} in ('awaiting_approval','requested','confirmed','withdrawn')`,
    ),
  ],
);
export type VendorRemovalRow = typeof vendorRemovals.$inferSelect;

/** Append-only, hash-chained ledger; a trigger refuses UPDATE, DELETE and TRUNCATE. */
export const auditEvents = pgTable(
  'audit_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    occurredAt: timestamp('occurred_at', { withTimezone: true, mode: 'date' }).notNull(),
    actor: text('actor').notNull(),
    action: text('action').notNull(),
    caseId: uuid('case_id'),
    vendorId: text('vendor_id'),
    fromStatus: text('from_status'),
    toStatus: text('to_status'),
    details: jsonb('details').$type<Record<string, unknown>>().notNull(),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (table) => [
    index('audit_events_case_idx').on(table.caseId),
    index('audit_events_occurred_at_idx').on(table.occurredAt),
  ],
);
export type AuditEventRow = typeof auditEvents.$inferSelect;

/** Slack work committed with a state change, delivered after commit and retried until Slack accepts it. */
export const slackOutbox = pgTable(
  'slack_outbox',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    caseId: uuid('case_id').references(() => offboardingCases.id),
    /** render_card | thread_reply */
    kind: text('kind').notNull(),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
    attempts: integer('attempts').notNull().default(0),
    notBefore: timestamp('not_before', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    lastError: text('last_error'),
    doneAt: timestamp('done_at', { withTimezone: true, mode: 'date' }),
    createdAt: createdAt(),
  },
  (table) => [index('slack_outbox_pending_idx').on(table.notBefore).where(sql`${table.doneAt} is null`)],
);
export type SlackOutboxRow = typeof slackOutbox.$inferSelect;
