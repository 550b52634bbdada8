-- The audit log is append-only, for the application's own database role too (quality bar
-- "the app's DB role cannot update or delete it"). Statement-level triggers reject every UPDATE,
-- DELETE and TRUNCATE — even one that matches no row — with SQLSTATE 42501.
--
-- One escape hatch, for TRUNCATE only: a superuser session that has set
-- `portal.allow_audit_truncate = 'on'` for its transaction (set_config(..., true)). Only the test
-- reset helper (db/seed.ts truncateAllTables) uses it, to empty the database between tests; the
-- app never connects as a superuser in production, so the hatch is closed to it. UPDATE and DELETE
-- have no hatch at all: a test that must tamper with a row disables the trigger as the owner.
CREATE FUNCTION "audit_log_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'TRUNCATE'
     AND current_setting('portal.allow_audit_truncate', true) = 'on'
     AND current_setting('is_superuser') = 'on' THEN
    RETURN NULL;
  END IF;
  RAISE EXCEPTION 'audit_log is append-only: % is not allowed', TG_OP
    USING ERRCODE = '42501', HINT = 'Audit rows are never changed or removed; record a new row instead.';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER "audit_log_no_update" BEFORE UPDATE ON "audit_log"
  FOR EACH STATEMENT EXECUTE FUNCTION "audit_log_append_only"();
--> statement-breakpoint
CREATE TRIGGER "audit_log_no_delete" BEFORE DELETE ON "audit_log"
  FOR EACH STATEMENT EXECUTE FUNCTION "audit_log_append_only"();
--> statement-breakpoint
CREATE TRIGGER "audit_log_no_truncate" BEFORE TRUNCATE ON "audit_log"
  FOR EACH STATEMENT EXECUTE FUNCTION "audit_log_append_only"();
--> statement-breakpoint
-- Who may search the audit log (app/domains/accounts/permissions.ts holds the same rows in code).
INSERT INTO "permissions" ("key", "description") VALUES
  ('read:audit-log:district', 'Search the audit log of one''s district'),
  ('read:audit-log:any', 'Search the whole audit log');
--> statement-breakpoint
INSERT INTO "role_permissions" ("role", "permission") VALUES
  ('bureau_admin', 'read:audit-log:district'),
  ('system_admin', 'read:audit-log:any');
