import { grant } from "~/domains/accounts/authorize";

/**
 * Oversight: office staff read their office's dashboard, monthly report and the records behind each
 * figure; bureau admins the district's and each of its offices'. Exports (CSV, PDF) are a separate
 * grant because each one leaves the portal and is written to the audit log.
 */
export const oversightPermissions = [
  grant("read:oversight:office", "See the dashboard, monthly report and figure records of one's office", [
    "office_staff",
  ]),
  grant("read:oversight:district", "See the dashboards, monthly reports and figure records of the district", [
    "bureau_admin",
  ]),
  grant("export:oversight:office", "Download one's office's figure records (CSV) and monthly report (PDF)", [
    "office_staff",
  ]),
  grant(
    "export:oversight:district",
    "Download the district's figure records (CSV) and monthly reports (PDF)",
    ["bureau_admin"],
  ),
];
