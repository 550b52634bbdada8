-- Rules that routes used to write in code, now grants (app/domains/*/permissions.ts is the same table in code).
-- Only the bureau suspends or reinstates a volunteer: the suspension stops them everywhere in the district.
INSERT INTO "permissions" ("key", "description") VALUES
  ('suspend:volunteer:district', 'Suspend or reinstate volunteers of the district');
--> statement-breakpoint
INSERT INTO "role_permissions" ("role", "permission") VALUES
  ('bureau_admin', 'suspend:volunteer:district');
