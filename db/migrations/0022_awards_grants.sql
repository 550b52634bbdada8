-- Commendation grants (app/domains/awards/permissions.ts is the same table in code).
INSERT INTO "permissions" ("key", "description") VALUES
  ('manage:award-type:district', 'Configure the district''s commendation types and criteria'),
  ('nominate:award:office', 'See eligible candidates and nominate them for commendations'),
  ('read:nomination:office', 'See the nominations of one''s office'),
  ('read:nomination:district', 'See the nominations of the district'),
  ('review:nomination:district', 'Approve, return or reject nominations; resolve objections; revoke awards');
--> statement-breakpoint
INSERT INTO "role_permissions" ("role", "permission") VALUES
  ('bureau_admin', 'manage:award-type:district'),
  ('office_staff', 'nominate:award:office'),
  ('office_staff', 'read:nomination:office'),
  ('bureau_admin', 'read:nomination:district'),
  ('bureau_admin', 'review:nomination:district');
--> statement-breakpoint
-- The nominating office and the nominee's organization belong to the nomination's district.
ALTER TABLE "nominations" ADD CONSTRAINT "nominations_office_district_fk"
  FOREIGN KEY ("office_id", "district_id") REFERENCES "organizations" ("id", "district_id");
--> statement-breakpoint
CREATE TRIGGER "nominations_office_id_is_office" BEFORE INSERT OR UPDATE OF "office_id" ON "nominations"
  FOR EACH ROW EXECUTE FUNCTION assert_office_column('office_id');
