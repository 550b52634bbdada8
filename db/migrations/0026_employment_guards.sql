-- Invariants of the employment domain the generated schema cannot state (ADR 007, ADR 009), and its
-- grants (app/domains/employment/permissions.ts is the same table in code).

-- 1. Counters kept by the database: a hire counts against the offer's openings, an enrollment against
--    the training's capacity. The UPDATE takes the offer's row lock, so of two concurrent hires for the
--    last opening the second re-reads the row, finds it filled and fails; the CHECKs
--    job_offers_hired_within_openings and training_offers_enrolled_within_capacity are the last word.
CREATE FUNCTION "job_referrals_count_hire"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.status = 'hired' AND OLD.status <> 'hired' THEN
    UPDATE "job_offers"
       SET "hired_count" = "hired_count" + 1,
           "status" = CASE WHEN "hired_count" + 1 = "openings" THEN 'filled'::job_offer_status ELSE "status" END,
           "closed_at" = CASE WHEN "hired_count" + 1 = "openings" THEN now() ELSE "closed_at" END
     WHERE "id" = NEW.job_offer_id AND "status" = 'open';
    IF NOT FOUND THEN
      RAISE EXCEPTION 'job offer % is not open for hires (filled or closed)', NEW.job_offer_id
        USING ERRCODE = '23514', CONSTRAINT = 'job_offers_open_for_hire';
    END IF;
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER "job_referrals_count_hire" AFTER UPDATE OF "status" ON "job_referrals"
  FOR EACH ROW EXECUTE FUNCTION "job_referrals_count_hire"();
--> statement-breakpoint
CREATE FUNCTION "training_enrollments_count"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' AND NEW.status <> 'dropped' THEN
    UPDATE "training_offers" SET "enrolled_count" = "enrolled_count" + 1
     WHERE "id" = NEW.training_offer_id AND "status" = 'open';
    IF NOT FOUND THEN
      RAISE EXCEPTION 'training offer % is not open for enrollment', NEW.training_offer_id
        USING ERRCODE = '23514', CONSTRAINT = 'training_offers_open_for_enrollment';
    END IF;
  ELSIF TG_OP = 'UPDATE' AND NEW.status = 'dropped' AND OLD.status <> 'dropped' THEN
    UPDATE "training_offers" SET "enrolled_count" = "enrolled_count" - 1 WHERE "id" = NEW.training_offer_id;
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER "training_enrollments_count" AFTER INSERT OR UPDATE OF "status" ON "training_enrollments"
  FOR EACH ROW EXECUTE FUNCTION "training_enrollments_count"();
--> statement-breakpoint
-- 2. The state machines (app/domains/employment/status.ts) in the database too: only their
--    transitions, and the rows are kept (never deleted).
CREATE FUNCTION "employment_status_guard"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION '% rows are kept', TG_TABLE_NAME
      USING ERRCODE = '23514', CONSTRAINT = TG_TABLE_NAME || '_transition';
  END IF;
  IF NEW.status IS DISTINCT FROM OLD.status
     AND NOT ((OLD.status::text || '>' || NEW.status::text) = ANY (TG_ARGV::text[])) THEN
    RAISE EXCEPTION '% cannot go from % to %', TG_TABLE_NAME, OLD.status, NEW.status
      USING ERRCODE = '23514', CONSTRAINT = TG_TABLE_NAME || '_transition';
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER "job_referrals_transition" BEFORE UPDATE OF "status" OR DELETE ON "job_referrals"
  FOR EACH ROW EXECUTE FUNCTION "employment_status_guard"(
    'referred>interview_scheduled', 'referred>not_hired', 'interview_scheduled>hired', 'interview_scheduled>not_hired');
--> statement-breakpoint
CREATE TRIGGER "training_enrollments_transition" BEFORE UPDATE OF "status" OR DELETE ON "training_enrollments"
  FOR EACH ROW EXECUTE FUNCTION "employment_status_guard"(
    'enrolled>attending', 'enrolled>dropped', 'attending>completed', 'attending>dropped');
--> statement-breakpoint
CREATE TRIGGER "placements_transition" BEFORE UPDATE OF "status" OR DELETE ON "placements"
  FOR EACH ROW EXECUTE FUNCTION "employment_status_guard"('employed>ended');
--> statement-breakpoint
CREATE TRIGGER "retention_checkins_transition" BEFORE UPDATE OF "status" OR DELETE ON "retention_checkins"
  FOR EACH ROW EXECUTE FUNCTION "employment_status_guard"('pending>still_employed', 'pending>ended', 'pending>void');
--> statement-breakpoint
CREATE TRIGGER "job_offers_transition" BEFORE UPDATE OF "status" OR DELETE ON "job_offers"
  FOR EACH ROW EXECUTE FUNCTION "employment_status_guard"('draft>open', 'open>closed', 'open>filled', 'closed>open');
--> statement-breakpoint
CREATE TRIGGER "training_offers_transition" BEFORE UPDATE OF "status" OR DELETE ON "training_offers"
  FOR EACH ROW EXECUTE FUNCTION "employment_status_guard"('draft>open', 'open>closed', 'closed>open');
--> statement-breakpoint
-- 3. Published versions of a job offer are the record of what was offered: append-only.
CREATE FUNCTION "job_offer_versions_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'job offer versions are append-only'
    USING ERRCODE = '23514', CONSTRAINT = 'job_offer_versions_append_only';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER "job_offer_versions_append_only" BEFORE UPDATE OR DELETE ON "job_offer_versions"
  FOR EACH ROW EXECUTE FUNCTION "job_offer_versions_append_only"();
--> statement-breakpoint
-- 4. Kinds of organization the foreign keys point at: offices (assert_office_column of 0017),
--    enterprises, and bureaus for the districts of work places and hiring.
CREATE TRIGGER "job_referrals_office_is_office" BEFORE INSERT OR UPDATE OF "office_id" ON "job_referrals"
  FOR EACH ROW EXECUTE FUNCTION assert_office_column('office_id');
--> statement-breakpoint
CREATE TRIGGER "training_enrollments_office_is_office" BEFORE INSERT OR UPDATE OF "office_id" ON "training_enrollments"
  FOR EACH ROW EXECUTE FUNCTION assert_office_column('office_id');
--> statement-breakpoint
CREATE TRIGGER "placements_office_is_office" BEFORE INSERT OR UPDATE OF "office_id" ON "placements"
  FOR EACH ROW EXECUTE FUNCTION assert_office_column('office_id');
--> statement-breakpoint
CREATE TRIGGER "candidate_profiles_office_is_office" BEFORE INSERT OR UPDATE OF "office_id" ON "candidate_profiles"
  FOR EACH ROW EXECUTE FUNCTION assert_office_column('office_id');
--> statement-breakpoint
CREATE FUNCTION "assert_organization_kind"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  target uuid;
BEGIN
  EXECUTE format('SELECT ($1).%I', TG_ARGV[0]) USING NEW INTO target;
  IF target IS NOT NULL AND NOT EXISTS (
    SELECT 1 FROM organizations WHERE id = target AND kind::text = TG_ARGV[1]
  ) THEN
    RAISE EXCEPTION '%.% must name an organization of kind %', TG_TABLE_NAME, TG_ARGV[0], TG_ARGV[1]
      USING ERRCODE = '23514', CONSTRAINT = TG_TABLE_NAME || '_' || TG_ARGV[0] || '_is_' || TG_ARGV[1];
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER "enterprise_profiles_organization_is_enterprise" BEFORE INSERT OR UPDATE OF "organization_id" ON "enterprise_profiles"
  FOR EACH ROW EXECUTE FUNCTION "assert_organization_kind"('organization_id', 'enterprise');
--> statement-breakpoint
CREATE TRIGGER "job_offers_work_district_is_bureau" BEFORE INSERT OR UPDATE OF "work_district_id" ON "job_offers"
  FOR EACH ROW EXECUTE FUNCTION "assert_organization_kind"('work_district_id', 'bureau');
--> statement-breakpoint
CREATE TRIGGER "training_offers_district_is_bureau" BEFORE INSERT OR UPDATE OF "district_id" ON "training_offers"
  FOR EACH ROW EXECUTE FUNCTION "assert_organization_kind"('district_id', 'bureau');
--> statement-breakpoint
CREATE FUNCTION "enterprise_profiles_hiring_districts_valid"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF cardinality(NEW.hiring_district_ids) <> (SELECT count(DISTINCT x) FROM unnest(NEW.hiring_district_ids) AS x)
     OR EXISTS (
       SELECT 1 FROM unnest(NEW.hiring_district_ids) AS wanted(id)
       WHERE NOT EXISTS (SELECT 1 FROM organizations o WHERE o.id = wanted.id AND o.kind = 'bureau')
     ) THEN
    RAISE EXCEPTION 'enterprise_profiles.hiring_district_ids must name distinct districts'
      USING ERRCODE = '23514', CONSTRAINT = 'enterprise_profiles_hiring_districts_valid';
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER "enterprise_profiles_hiring_districts_valid"
  BEFORE INSERT OR UPDATE OF "hiring_district_ids" ON "enterprise_profiles"
  FOR EACH ROW EXECUTE FUNCTION "enterprise_profiles_hiring_districts_valid"();
--> statement-breakpoint
-- 5. Grants.
INSERT INTO "permissions" ("key", "description") VALUES
  ('manage:enterprise-profile:organization', 'Keep one''s (verified) enterprise''s recruiting profile and sign the non-discrimination pledge'),
  ('manage:employment-offer:organization', 'Post, change, publish and close one''s (verified) enterprise''s job and training offers'),
  ('read:employment-offer:any', 'Browse the open job and training offers'),
  ('refer:employment-candidate:office', 'Refer one''s office''s subjects to job and training offers'),
  ('manage:candidate-profile:office', 'Keep the candidate profiles of one''s office''s subjects'),
  ('read:employment-referral:organization', 'See the referrals, enrollments and hires at one''s (verified) enterprise'),
  ('read:employment-referral:office', 'See the referrals and placements of one''s office''s subjects'),
  ('read:employment-referral:district', 'See the referrals and placements of the district'),
  ('decide:employment-referral:organization', 'Schedule interviews, hire or decline, and move training enrollments at one''s (verified) enterprise'),
  ('record:retention-checkin:organization', 'Confirm or end the placements at one''s (verified) enterprise'),
  ('record:retention-checkin:office', 'Confirm or end the placements of one''s office''s subjects'),
  ('read:employment-report:organization', 'See one''s (verified) enterprise''s hiring and retention report'),
  ('read:employment-report:district', 'See the hiring and retention reports of the district''s enterprises');
--> statement-breakpoint
INSERT INTO "role_permissions" ("role", "permission") VALUES
  ('enterprise_member', 'manage:enterprise-profile:organization'),
  ('enterprise_member', 'manage:employment-offer:organization'),
  ('office_staff', 'read:employment-offer:any'),
  ('bureau_admin', 'read:employment-offer:any'),
  ('office_staff', 'refer:employment-candidate:office'),
  ('office_staff', 'manage:candidate-profile:office'),
  ('enterprise_member', 'read:employment-referral:organization'),
  ('office_staff', 'read:employment-referral:office'),
  ('bureau_admin', 'read:employment-referral:district'),
  ('enterprise_member', 'decide:employment-referral:organization'),
  ('enterprise_member', 'record:retention-checkin:organization'),
  ('office_staff', 'record:retention-checkin:office'),
  ('enterprise_member', 'read:employment-report:organization'),
  ('office_staff', 'read:employment-report:district'),
  ('bureau_admin', 'read:employment-report:district');
