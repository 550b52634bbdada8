-- The social organizations' commendation figures (app/domains/awards/figures.server.ts) sum the
-- approved minutes served on each activity they organized: without an index on the activity, every
-- request hash-joined all hour records (2 M at scale, ~1 s per eligibility page). Only approved
-- records of an activity are in it, with their minutes, so the sum is an index-only scan.
CREATE INDEX IF NOT EXISTS "hour_records_activity_approved_idx"
  ON "hour_records" ("activity_id") INCLUDE ("minutes")
  WHERE "status" = 'approved' AND "activity_id" IS NOT NULL;
