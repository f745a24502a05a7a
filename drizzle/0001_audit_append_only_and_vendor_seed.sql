-- The audit ledger is append-only: the database itself refuses changes, whoever asks.
CREATE OR REPLACE FUNCTION audit_events_refuse_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_events is append-only: % refused', TG_OP
    USING ERRCODE = 'insufficient_privilege';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER audit_events_append_only
  BEFORE UPDATE OR DELETE ON audit_events
  FOR EACH ROW EXECUTE FUNCTION audit_events_refuse_change();
--> statement-breakpoint
CREATE TRIGGER audit_events_no_truncate
  BEFORE TRUNCATE ON audit_events
  FOR EACH STATEMENT EXECUTE FUNCTION audit_events_refuse_change();
--> statement-breakpoint
-- The vendor catalog the project starts from (../shared/seeds): no SCIM, no admin API, removal by request to a person.
INSERT INTO vendors (id, name, benefit, removal_path, removal_path_note, sla_business_days, annual_seat_cost_cents, seat_cost_note, checklist) VALUES
('spring-health', 'Spring Health', 'Mental health', 'customer_success',
 'No self-serve admin and no SCIM: ask the implementation / customer success team assigned at onboarding to remove the employee from eligibility.',
 5, NULL, 'Contract-dependent; not public.',
 '["Ask the customer success contact to remove the employee from eligibility and confirm in writing","Review integrations and service credentials owned by the departing employee","Confirm whether the account is disabled or deleted (tenant-specific)","Check that the seat is freed on the next invoice"]'::jsonb),
('betterup', 'BetterUp', 'Coaching', 'customer_success',
 'No self-serve admin and no SCIM: ask the BetterUp customer success team to deactivate the member and reclaim the seat.',
 5, NULL, 'Contract-dependent; not public.',
 '["Ask the customer success contact to deactivate the member and reclaim the seat","Review integrations and service credentials owned by the departing employee","Confirm whether the account is disabled or deleted (tenant-specific)","Check that the seat is freed on the next invoice"]'::jsonb),
('one-medical', 'One Medical', 'Primary care membership', 'broker',
 'No admin console: ask the employer partnerships team, the benefits broker, or the HR platform (e.g. Justworks) to end the employer-sponsored membership.',
 5, 14900, 'About $149/person/year employer-sponsored (e.g. via Justworks); $199/person/year individual.',
 '["Ask the employer partnerships team, broker or HR platform to end the sponsored membership","Review integrations and service credentials owned by the departing employee","Tell the employee the membership can continue as an individual plan ($199/year) at their cost","Check that the seat is freed on the next invoice"]'::jsonb);
