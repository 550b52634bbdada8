-- Hand-written and self-contained (app/domains/oversight/permissions.ts is the same list in code).
-- 1. Grants.
INSERT INTO "permissions" ("key", "description") VALUES
  ('read:oversight:office', 'See the dashboard, monthly report and figure records of one''s office'),
  ('read:oversight:district', 'See the dashboards, monthly reports and figure records of the district'),
  ('export:oversight:office', 'Download one''s office''s figure records (CSV) and monthly report (PDF)'),
  ('export:oversight:district', 'Download the district''s figure records (CSV) and monthly reports (PDF)');
--> statement-breakpoint
INSERT INTO "role_permissions" ("role", "permission") VALUES
  ('office_staff', 'read:oversight:office'),
  ('bureau_admin', 'read:oversight:district'),
  ('office_staff', 'export:oversight:office'),
  ('bureau_admin', 'export:oversight:district');
--> statement-breakpoint
-- 2. A summary row's office belongs to its district (an office row names an office of the district,
-- a district row the bureau itself), so a dashboard scoped by district cannot show another's office.
CREATE OR REPLACE FUNCTION assert_oversight_scope() RETURNS trigger AS $$
BEGIN
  IF NEW.scope_kind = 'office' AND NOT EXISTS (
    SELECT 1 FROM organizations o WHERE o.id = NEW.scope_id AND o.district_id = NEW.district_id
  ) THEN
    RAISE EXCEPTION 'oversight row for an office outside its district' USING ERRCODE = '23514';
  END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER oversight_figures_scope BEFORE INSERT OR UPDATE ON oversight_figures
  FOR EACH ROW EXECUTE FUNCTION assert_oversight_scope();
