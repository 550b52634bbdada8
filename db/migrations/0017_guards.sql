-- Invariants the composite foreign keys of 0016 cannot state alone (ADR 007).
-- 1. The office columns name judicial offices, not any organization.
CREATE OR REPLACE FUNCTION assert_office_column() RETURNS trigger AS $$
DECLARE
  office uuid;
BEGIN
  EXECUTE format('SELECT ($1).%I', TG_ARGV[0]) USING NEW INTO office;
  IF office IS NOT NULL AND NOT EXISTS (SELECT 1 FROM organizations WHERE id = office AND kind = 'office') THEN
    RAISE EXCEPTION '%.% must name a judicial office', TG_TABLE_NAME, TG_ARGV[0]
      USING ERRCODE = '23514', CONSTRAINT = TG_TABLE_NAME || '_' || TG_ARGV[0] || '_is_office';
  END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER subjects_office_is_office BEFORE INSERT OR UPDATE OF office_id ON subjects
  FOR EACH ROW EXECUTE FUNCTION assert_office_column('office_id');
--> statement-breakpoint
CREATE TRIGGER activities_office_is_office BEFORE INSERT OR UPDATE OF office_id ON activities
  FOR EACH ROW EXECUTE FUNCTION assert_office_column('office_id');
--> statement-breakpoint
CREATE TRIGGER hour_records_office_is_office BEFORE INSERT OR UPDATE OF office_id ON hour_records
  FOR EACH ROW EXECUTE FUNCTION assert_office_column('office_id');
--> statement-breakpoint
CREATE TRIGGER volunteer_profiles_office_is_office BEFORE INSERT OR UPDATE OF home_office_id ON volunteer_profiles
  FOR EACH ROW EXECUTE FUNCTION assert_office_column('home_office_id');
--> statement-breakpoint
-- 2. A volunteer's further service offices are offices of the profile's own district, without repeats.
CREATE OR REPLACE FUNCTION assert_volunteer_service_offices() RETURNS trigger AS $$
BEGIN
  IF cardinality(NEW.service_office_ids) <> (SELECT count(DISTINCT x) FROM unnest(NEW.service_office_ids) AS x)
     OR EXISTS (
       SELECT 1 FROM unnest(NEW.service_office_ids) AS wanted(id)
       WHERE NOT EXISTS (
         SELECT 1 FROM organizations o
         WHERE o.id = wanted.id AND o.kind = 'office' AND o.district_id = NEW.district_id
       )
     ) THEN
    RAISE EXCEPTION 'volunteer_profiles.service_office_ids must name distinct offices of the profile''s district'
      USING ERRCODE = '23514', CONSTRAINT = 'volunteer_profiles_service_offices_valid';
  END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER volunteer_profiles_service_offices_valid
  BEFORE INSERT OR UPDATE OF service_office_ids, district_id ON volunteer_profiles
  FOR EACH ROW EXECUTE FUNCTION assert_volunteer_service_offices();
--> statement-breakpoint
-- 3. Text searched with ILIKE '%…%' gets trigram indexes; btree_gist is for the exclusion constraints
--    of later domains (consultation bookings). Both ship with PostgreSQL's contrib and with PGlite.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
--> statement-breakpoint
CREATE EXTENSION IF NOT EXISTS btree_gist;
--> statement-breakpoint
CREATE INDEX organizations_name_trgm ON organizations USING gin (name gin_trgm_ops);
--> statement-breakpoint
CREATE INDEX volunteer_profiles_legal_name_trgm ON volunteer_profiles USING gin (legal_name gin_trgm_ops);
--> statement-breakpoint
CREATE INDEX volunteer_profiles_number_trgm ON volunteer_profiles USING gin (volunteer_number gin_trgm_ops);
