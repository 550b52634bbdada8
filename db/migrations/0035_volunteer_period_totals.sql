CREATE TABLE "volunteer_period_totals" (
	"volunteer_id" uuid NOT NULL,
	"period" text NOT NULL,
	"approved_minutes" integer DEFAULT 0 NOT NULL,
	"approved_records" integer DEFAULT 0 NOT NULL,
	"pending_records" integer DEFAULT 0 NOT NULL,
	"activities" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "volunteer_period_totals_volunteer_id_period_pk" PRIMARY KEY("volunteer_id","period"),
	CONSTRAINT "volunteer_period_totals_period" CHECK ("volunteer_period_totals"."period" ~ '^[0-9]{4}(-H[12]|-(0[1-9]|1[0-2]))?$'),
	CONSTRAINT "volunteer_period_totals_nonnegative" CHECK ("volunteer_period_totals"."approved_minutes" >= 0 and "volunteer_period_totals"."approved_records" >= 0 and "volunteer_period_totals"."pending_records" >= 0 and "volunteer_period_totals"."activities" >= 0)
);
--> statement-breakpoint
ALTER TABLE "volunteer_period_totals" ADD CONSTRAINT "volunteer_period_totals_volunteer_id_volunteer_profiles_user_id_fk" FOREIGN KEY ("volunteer_id") REFERENCES "public"."volunteer_profiles"("user_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "volunteer_period_totals_period_idx" ON "volunteer_period_totals" USING btree ("period","volunteer_id");--> statement-breakpoint
-- Hand-written: the summary rows are kept by the database itself. A change to hour records recomputes,
-- in the same transaction, every period row of the volunteer-years it touched, from the records.
CREATE OR REPLACE FUNCTION recompute_volunteer_period_totals(volunteer_ids uuid[], years int[]) RETURNS void AS $$
BEGIN
  -- One writer per volunteer at a time (the lock a totals change takes too): a concurrent writer's
  -- records are committed, and counted below, before this one recomputes.
  PERFORM 1 FROM volunteer_profiles WHERE user_id = ANY(volunteer_ids) ORDER BY user_id FOR NO KEY UPDATE;
  DELETE FROM volunteer_period_totals t
   USING unnest(volunteer_ids, years) AS a(volunteer_id, y)
   WHERE t.volunteer_id = a.volunteer_id AND left(t.period, 4)::int = a.y;
  INSERT INTO volunteer_period_totals (volunteer_id, period, approved_minutes, approved_records, pending_records, activities)
  SELECT hr.volunteer_id, k.period,
         coalesce(sum(hr.minutes) FILTER (WHERE hr.status = 'approved'), 0),
         count(*) FILTER (WHERE hr.status = 'approved'),
         count(*) FILTER (WHERE hr.status = 'pending'),
         count(DISTINCT hr.activity_id) FILTER (WHERE hr.status = 'approved')
    FROM (SELECT DISTINCT volunteer_id, y FROM unnest(volunteer_ids, years) AS u(volunteer_id, y)) a
    JOIN hour_records hr ON hr.volunteer_id = a.volunteer_id
     AND hr.service_date >= make_date(a.y, 1, 1) AND hr.service_date < make_date(a.y + 1, 1, 1)
   CROSS JOIN LATERAL (VALUES (to_char(hr.service_date, 'YYYY')),
                              (to_char(hr.service_date, 'YYYY') || CASE WHEN extract(month FROM hr.service_date) <= 6 THEN '-H1' ELSE '-H2' END),
                              (to_char(hr.service_date, 'YYYY-MM'))) AS k(period)
   WHERE hr.status IN ('approved', 'pending')
   GROUP BY hr.volunteer_id, k.period;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
-- Every row from scratch (this migration's backfill, the scale seed after its bulk insert).
CREATE OR REPLACE FUNCTION rebuild_volunteer_period_totals() RETURNS void AS $$
BEGIN
  DELETE FROM volunteer_period_totals;
  INSERT INTO volunteer_period_totals (volunteer_id, period, approved_minutes, approved_records, pending_records, activities)
  SELECT hr.volunteer_id, k.period,
         coalesce(sum(hr.minutes) FILTER (WHERE hr.status = 'approved'), 0),
         count(*) FILTER (WHERE hr.status = 'approved'),
         count(*) FILTER (WHERE hr.status = 'pending'),
         count(DISTINCT hr.activity_id) FILTER (WHERE hr.status = 'approved')
    FROM hour_records hr
   CROSS JOIN LATERAL (VALUES (to_char(hr.service_date, 'YYYY')),
                              (to_char(hr.service_date, 'YYYY') || CASE WHEN extract(month FROM hr.service_date) <= 6 THEN '-H1' ELSE '-H2' END),
                              (to_char(hr.service_date, 'YYYY-MM'))) AS k(period)
   WHERE hr.status IN ('approved', 'pending')
   GROUP BY hr.volunteer_id, k.period;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION hour_records_period_totals() RETURNS trigger AS $$
DECLARE
  volunteer_ids uuid[];
  years int[];
BEGIN
  IF TG_OP = 'INSERT' THEN
    SELECT array_agg(volunteer_id), array_agg(y) INTO volunteer_ids, years
      FROM (SELECT DISTINCT volunteer_id, extract(year FROM service_date)::int AS y FROM new_rows) s;
  ELSIF TG_OP = 'DELETE' THEN
    SELECT array_agg(volunteer_id), array_agg(y) INTO volunteer_ids, years
      FROM (SELECT DISTINCT volunteer_id, extract(year FROM service_date)::int AS y FROM old_rows) s;
  ELSE
    -- Only rows whose counted values changed (a check-in's code step or an evidence note does not).
    SELECT array_agg(volunteer_id), array_agg(y) INTO volunteer_ids, years
      FROM (SELECT DISTINCT c.volunteer_id, extract(year FROM c.service_date)::int AS y
              FROM new_rows n JOIN old_rows o ON o.id = n.id
             CROSS JOIN LATERAL (VALUES (n.volunteer_id, n.service_date), (o.volunteer_id, o.service_date)) AS c(volunteer_id, service_date)
             WHERE (n.status, n.minutes, n.service_date, n.activity_id, n.volunteer_id)
                   IS DISTINCT FROM (o.status, o.minutes, o.service_date, o.activity_id, o.volunteer_id)) s;
  END IF;
  IF volunteer_ids IS NOT NULL THEN
    PERFORM recompute_volunteer_period_totals(volunteer_ids, years);
  END IF;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER hour_records_period_totals_insert AFTER INSERT ON hour_records
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION hour_records_period_totals();
--> statement-breakpoint
CREATE TRIGGER hour_records_period_totals_update AFTER UPDATE ON hour_records
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION hour_records_period_totals();
--> statement-breakpoint
CREATE TRIGGER hour_records_period_totals_delete AFTER DELETE ON hour_records
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION hour_records_period_totals();
--> statement-breakpoint
SELECT rebuild_volunteer_period_totals();
