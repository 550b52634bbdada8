import { grant } from "~/domains/accounts/authorize";

/**
 * Subjects: system admins run the platform but hold no right to anyone's identity; only the office
 * in charge and its bureau see subjects at all.
 */
export const subjectPermissions = [
  grant("create:subject:office", "Register subjects of one's own office", ["office_staff"]),
  grant("read:subject:office", "See the case codes and case facts of one's office's subjects", [
    "office_staff",
  ]),
  grant("read:subject:district", "See the case codes and case facts of the district's subjects", [
    "bureau_admin",
  ]),
  grant("read-identity:subject:office", "See the identifying fields of one's office's subjects (audited)", [
    "office_staff",
  ]),
  grant("read-identity:subject:district", "See the identifying fields of the district's subjects (audited)", [
    "bureau_admin",
  ]),
  grant("update:subject:office", "End or archive one's office's subjects", ["office_staff"]),
  grant("manage:consent:office", "Record and withdraw consents of one's office's subjects", ["office_staff"]),
];
