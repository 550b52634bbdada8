-- Legal consultations (ADR 009): what the schema alone cannot state.
-- 1. No over-booking, even under concurrent requests: two live bookings of one lawyer may not hold the
--    same seat at overlapping times. A slot of capacity N has seats 1..N (CHECK consultation_bookings_seat),
--    so it holds at most N bookings; and a slot of another rule of the same lawyer that overlaps it is
--    refused too. Half-open ranges: adjacent slots (10:00-10:30, 10:30-11:00) do not overlap.
--    btree_gist (created in 0017) lets the uuid and smallint equality share the GiST index.
CREATE EXTENSION IF NOT EXISTS btree_gist;
--> statement-breakpoint
ALTER TABLE "consultation_bookings" ADD CONSTRAINT "consultation_bookings_no_overlap"
  EXCLUDE USING gist ("lawyer_id" WITH =, "seat" WITH =, tstzrange("starts_at", "ends_at", '[)') WITH &&)
  WHERE ("status" <> 'cancelled');
--> statement-breakpoint
-- A subject is never booked twice at overlapping times (a double-submitted form, two staff at once).
ALTER TABLE "consultation_bookings" ADD CONSTRAINT "consultation_bookings_subject_no_overlap"
  EXCLUDE USING gist ("subject_id" WITH =, tstzrange("starts_at", "ends_at", '[)') WITH &&)
  WHERE ("status" <> 'cancelled' AND "subject_id" IS NOT NULL);
--> statement-breakpoint
-- 2. Service points, rules and bookings sit at judicial offices (assert_office_column from 0017).
CREATE TRIGGER service_points_office_is_office BEFORE INSERT OR UPDATE OF office_id ON service_points
  FOR EACH ROW EXECUTE FUNCTION assert_office_column('office_id');
--> statement-breakpoint
CREATE TRIGGER office_hour_rules_office_is_office BEFORE INSERT OR UPDATE OF office_id ON office_hour_rules
  FOR EACH ROW EXECUTE FUNCTION assert_office_column('office_id');
--> statement-breakpoint
-- 3. Lawyers belong to law firms; a lawyer's account is a lawyer of the same firm.
CREATE OR REPLACE FUNCTION assert_lawyer_firm() RETURNS trigger AS $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM organizations WHERE id = NEW.law_firm_id AND kind = 'law_firm') THEN
    RAISE EXCEPTION 'lawyers.law_firm_id must name a law firm'
      USING ERRCODE = '23514', CONSTRAINT = 'lawyers_law_firm_is_law_firm';
  END IF;
  IF NEW.user_id IS NOT NULL AND NOT EXISTS (
    SELECT 1 FROM users WHERE id = NEW.user_id AND role IN ('lawyer', 'law_firm_admin') AND organization_id = NEW.law_firm_id
  ) THEN
    RAISE EXCEPTION 'lawyers.user_id must be an account of the same law firm'
      USING ERRCODE = '23514', CONSTRAINT = 'lawyers_user_of_firm';
  END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER lawyers_firm_valid BEFORE INSERT OR UPDATE OF law_firm_id, user_id ON lawyers
  FOR EACH ROW EXECUTE FUNCTION assert_lawyer_firm();
--> statement-breakpoint
-- 4. A booked subject is a subject of the booking's office; an outcome is recorded once, after the
--    slot began, and a cancelled or decided booking is never moved again.
CREATE OR REPLACE FUNCTION consultation_bookings_guard() RETURNS trigger AS $$
BEGIN
  IF NEW.subject_id IS NOT NULL AND (TG_OP = 'INSERT' OR NEW.subject_id IS DISTINCT FROM OLD.subject_id)
     AND NOT EXISTS (SELECT 1 FROM subjects WHERE id = NEW.subject_id AND office_id = NEW.office_id) THEN
    RAISE EXCEPTION 'consultation_bookings.subject_id must be a subject of the booking''s office'
      USING ERRCODE = '23514', CONSTRAINT = 'consultation_bookings_subject_of_office';
  END IF;
  IF TG_OP = 'UPDATE' AND OLD.status <> 'booked' AND (
       NEW.status IS DISTINCT FROM OLD.status
       OR (NEW.starts_at, NEW.ends_at, NEW.lawyer_id, NEW.rule_id, NEW.seat) IS DISTINCT FROM
          (OLD.starts_at, OLD.ends_at, OLD.lawyer_id, OLD.rule_id, OLD.seat)) THEN
    RAISE EXCEPTION 'consultation booking % is % and cannot change', OLD.id, OLD.status
      USING ERRCODE = '23514', CONSTRAINT = 'consultation_bookings_decided_locked';
  END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER consultation_bookings_guard BEFORE INSERT OR UPDATE ON consultation_bookings
  FOR EACH ROW EXECUTE FUNCTION consultation_bookings_guard();
--> statement-breakpoint
-- 5. Permissions of legal consultations (app/domains/legal/permissions.ts is the same table in code).
INSERT INTO "permissions" ("key", "description") VALUES
  ('manage:lawyer:organization', 'Add and change the lawyers of one''s (verified) law firm'),
  ('manage:office-hours:organization', 'Publish, change and cancel the office hours of one''s (verified) law firm'),
  ('read:firm-overview:organization', 'See one''s law firm''s lawyers, office hours and figures'),
  ('read:lawyer-calendar:own', 'See one''s own bookings and calendar feed as a lawyer'),
  ('read:consultation:organization', 'See the consultations of one''s law firm'),
  ('read:consultation:own', 'See one''s own consultations as a lawyer'),
  ('read:consultation:office', 'See the consultations at one''s office'),
  ('read:consultation:district', 'See the consultations of the district'),
  ('record:consultation-outcome:own', 'Record the outcome of one''s own consultations'),
  ('record:consultation-outcome:organization', 'Record the outcome of one''s firm''s consultations'),
  ('book:consultation:office', 'Book, reschedule and cancel consultations at one''s office'),
  ('cancel:consultation:organization', 'Cancel or reschedule one''s firm''s consultations'),
  ('manage:service-point:office', 'Manage the consultation service points of one''s office');
--> statement-breakpoint
INSERT INTO "role_permissions" ("role", "permission") VALUES
  ('law_firm_admin', 'manage:lawyer:organization'),
  ('law_firm_admin', 'manage:office-hours:organization'),
  ('law_firm_admin', 'read:firm-overview:organization'),
  ('lawyer', 'read:lawyer-calendar:own'),
  ('law_firm_admin', 'read:consultation:organization'),
  ('lawyer', 'read:consultation:own'),
  ('office_staff', 'read:consultation:office'),
  ('bureau_admin', 'read:consultation:district'),
  ('lawyer', 'record:consultation-outcome:own'),
  ('law_firm_admin', 'record:consultation-outcome:organization'),
  ('office_staff', 'book:consultation:office'),
  ('law_firm_admin', 'cancel:consultation:organization'),
  ('office_staff', 'manage:service-point:office');
