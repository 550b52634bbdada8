-- Hand-written (app/domains/accounts/permissions.ts is the same list in code): bureau admins keep
-- their district's judicial offices' person in charge and contacts, system admins every office's.
INSERT INTO "permissions" ("key", "description") VALUES
  ('update:office:district', 'Keep the person in charge and contacts of one''s district''s judicial offices'),
  ('update:office:any', 'Keep the person in charge and contacts of every judicial office');
--> statement-breakpoint
INSERT INTO "role_permissions" ("role", "permission") VALUES
  ('bureau_admin', 'update:office:district'),
  ('system_admin', 'update:office:any');
