CREATE UNIQUE INDEX "hour_records_one_live_per_activity" ON "hour_records" USING btree ("activity_id","volunteer_id") WHERE "hour_records"."activity_id" is not null and "hour_records"."status" <> 'rejected';--> statement-breakpoint
-- Decided hour records are locked in the database too, not only in the application: an approved
-- record changes only to the values of a pending correction of it (decideCorrection updates the
-- record before it marks the correction decided), a decision is never undone, and only open
-- check-ins (never submitted) may be deleted. Corrections are append-only once decided.
CREATE FUNCTION "hour_records_guard"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    IF OLD.status <> 'open' THEN
      RAISE EXCEPTION 'hour record % is % and cannot be deleted', OLD.id, OLD.status USING ERRCODE = '23514';
    END IF;
    RETURN OLD;
  END IF;
  IF OLD.status IN ('approved', 'rejected') AND NEW.status <> OLD.status THEN
    RAISE EXCEPTION 'hour record % is % and its decision cannot change', OLD.id, OLD.status USING ERRCODE = '23514';
  END IF;
  IF OLD.status IN ('approved', 'rejected') AND (
       (NEW.volunteer_id, NEW.activity_id, NEW.office_id, NEW.district_id, NEW.kind, NEW.service_date,
        NEW.check_in_at, NEW.check_out_at, NEW.reject_reason, NEW.decided_by, NEW.decided_at)
       IS DISTINCT FROM
       (OLD.volunteer_id, OLD.activity_id, OLD.office_id, OLD.district_id, OLD.kind, OLD.service_date,
        OLD.check_in_at, OLD.check_out_at, OLD.reject_reason, OLD.decided_by, OLD.decided_at)
     OR ((NEW.minutes, NEW.description) IS DISTINCT FROM (OLD.minutes, OLD.description) AND (
       OLD.status = 'rejected' OR NOT EXISTS (
         SELECT 1 FROM "hour_corrections" c
         WHERE c.hour_record_id = OLD.id AND c.status = 'pending'
           AND c.proposed_minutes = NEW.minutes AND c.proposed_description = NEW.description))))
  THEN
    RAISE EXCEPTION 'hour record % is % and changes only through an approved correction', OLD.id, OLD.status
      USING ERRCODE = '23514';
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER "hour_records_guard" BEFORE UPDATE OR DELETE ON "hour_records"
  FOR EACH ROW EXECUTE FUNCTION "hour_records_guard"();
--> statement-breakpoint
CREATE FUNCTION "hour_corrections_guard"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' OR OLD.status <> 'pending'
     OR (NEW.hour_record_id, NEW.requested_by, NEW.original_minutes, NEW.original_description,
         NEW.proposed_minutes, NEW.proposed_description, NEW.reason, NEW.created_at)
        IS DISTINCT FROM
        (OLD.hour_record_id, OLD.requested_by, OLD.original_minutes, OLD.original_description,
         OLD.proposed_minutes, OLD.proposed_description, OLD.reason, OLD.created_at) THEN
    RAISE EXCEPTION 'hour correction % is kept as requested and decided once', OLD.id USING ERRCODE = '23514';
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER "hour_corrections_guard" BEFORE UPDATE OR DELETE ON "hour_corrections"
  FOR EACH ROW EXECUTE FUNCTION "hour_corrections_guard"();
