-- The dead-letter page of the email outbox (/admin/outbox): system admins only.
-- app/domains/accounts/permissions.ts holds the same row in code.
INSERT INTO "permissions" ("key", "description") VALUES
  ('manage:outbox:any', 'See undeliverable emails and queue them again');
--> statement-breakpoint
INSERT INTO "role_permissions" ("role", "permission") VALUES
  ('system_admin', 'manage:outbox:any');
