-- The commendation figures (app/domains/awards/figures.server.ts) sum a period's approved minutes and
-- count distinct activities per volunteer of an office: with the period's columns in the index, each
-- volunteer's records are an index-only range scan instead of one heap fetch per record (issue 13:
-- the busiest scale office's eligibility view went from 4.7 s to 0.7 s in EXPLAIN ANALYZE).
CREATE INDEX IF NOT EXISTS "hour_records_volunteer_figures_idx"
  ON "hour_records" ("volunteer_id", "service_date") INCLUDE ("status", "minutes", "activity_id");
