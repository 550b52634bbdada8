-- Permissions of the subjects registry (app/domains/accounts/permissions.ts is the same table in code).
INSERT INTO "permissions" ("key", "description") VALUES
  ('create:subject:office', 'Register subjects of one''s own office'),
  ('read:subject:office', 'See the case codes and case facts of one''s office''s subjects'),
  ('read:subject:district', 'See the case codes and case facts of the district''s subjects'),
  ('read-identity:subject:office', 'See the identifying fields of one''s office''s subjects (audited)'),
  ('read-identity:subject:district', 'See the identifying fields of the district''s subjects (audited)'),
  ('update:subject:office', 'End or archive one''s office''s subjects'),
  ('manage:consent:office', 'Record and withdraw consents of one''s office''s subjects');
--> statement-breakpoint
INSERT INTO "role_permissions" ("role", "permission") VALUES
  ('office_staff', 'create:subject:office'),
  ('office_staff', 'read:subject:office'),
  ('bureau_admin', 'read:subject:district'),
  ('office_staff', 'read-identity:subject:office'),
  ('bureau_admin', 'read-identity:subject:district'),
  ('office_staff', 'update:subject:office'),
  ('office_staff', 'manage:consent:office');
