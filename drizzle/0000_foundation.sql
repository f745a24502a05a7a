CREATE TABLE "audit_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"actor" text NOT NULL,
	"action" text NOT NULL,
	"case_id" uuid,
	"vendor_id" text,
	"from_status" text,
	"to_status" text,
	"details" jsonb NOT NULL,
	"prev_hash" text NOT NULL,
	"hash" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "offboarding_cases" (
	"id" uuid PRIMARY KEY NOT NULL,
	"employee_email" text NOT NULL,
	"employee_name" text NOT NULL,
	"last_day" date NOT NULL,
	"status" text NOT NULL,
	"initiated_by" text NOT NULL,
	"source" text NOT NULL,
	"external_id" text,
	"decided_by" text,
	"decided_at" timestamp with time zone,
	"closed_reason" text,
	"completed_at" timestamp with time zone,
	"slack_channel" text,
	"slack_ts" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "offboarding_cases_status_check" CHECK ("offboarding_cases"."status" in ('awaiting_hr','approved','rejected','cancelled','completed'))
);
--> statement-breakpoint
CREATE TABLE "roster_entries" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"vendor_id" text NOT NULL,
	"email" text NOT NULL,
	"name" text,
	"member_id" text,
	"enrolled_on" date,
	"imported_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "slack_outbox" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"case_id" uuid,
	"kind" text NOT NULL,
	"payload" jsonb NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"not_before" timestamp with time zone DEFAULT now() NOT NULL,
	"last_error" text,
	"done_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "vendor_removals" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"case_id" uuid NOT NULL,
	"vendor_id" text NOT NULL,
	"status" text NOT NULL,
	"due_on" date,
	"requested_at" timestamp with time zone,
	"confirmed_by" text,
	"confirmed_at" timestamp with time zone,
	"evidence_reference" text,
	"evidence_vendor_contact" text,
	"evidence_confirmed_on" date,
	"evidence_note" text,
	CONSTRAINT "vendor_removals_status_check" CHECK ("vendor_removals"."status" in ('awaiting_approval','requested','confirmed','withdrawn'))
);
--> statement-breakpoint
CREATE TABLE "vendors" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"benefit" text NOT NULL,
	"removal_path" text NOT NULL,
	"removal_path_note" text NOT NULL,
	"contact" text,
	"sla_business_days" integer DEFAULT 5 NOT NULL,
	"annual_seat_cost_cents" integer,
	"seat_cost_note" text,
	"checklist" jsonb NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "roster_entries" ADD CONSTRAINT "roster_entries_vendor_id_vendors_id_fk" FOREIGN KEY ("vendor_id") REFERENCES "public"."vendors"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "slack_outbox" ADD CONSTRAINT "slack_outbox_case_id_offboarding_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."offboarding_cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vendor_removals" ADD CONSTRAINT "vendor_removals_case_id_offboarding_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."offboarding_cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vendor_removals" ADD CONSTRAINT "vendor_removals_vendor_id_vendors_id_fk" FOREIGN KEY ("vendor_id") REFERENCES "public"."vendors"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "audit_events_case_idx" ON "audit_events" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "audit_events_occurred_at_idx" ON "audit_events" USING btree ("occurred_at");--> statement-breakpoint
CREATE UNIQUE INDEX "offboarding_cases_external_id_key" ON "offboarding_cases" USING btree ("external_id");--> statement-breakpoint
CREATE INDEX "offboarding_cases_status_idx" ON "offboarding_cases" USING btree ("status");--> statement-breakpoint
CREATE INDEX "offboarding_cases_email_idx" ON "offboarding_cases" USING btree ("employee_email");--> statement-breakpoint
CREATE UNIQUE INDEX "roster_entries_vendor_email_key" ON "roster_entries" USING btree ("vendor_id","email");--> statement-breakpoint
CREATE INDEX "roster_entries_email_idx" ON "roster_entries" USING btree ("email");--> statement-breakpoint
CREATE INDEX "slack_outbox_pending_idx" ON "slack_outbox" USING btree ("not_before") WHERE "slack_outbox"."done_at" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "vendor_removals_case_vendor_key" ON "vendor_removals" USING btree ("case_id","vendor_id");--> statement-breakpoint
CREATE INDEX "vendor_removals_vendor_status_idx" ON "vendor_removals" USING btree ("vendor_id","status");--> statement-breakpoint
CREATE INDEX "vendor_removals_status_due_idx" ON "vendor_removals" USING btree ("status","due_on");