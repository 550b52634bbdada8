import { grant } from "~/domains/accounts/authorize";

/** The audit log page (/admin/audit): bureau admins search their district's rows, system admins all. */
export const auditPermissions = [
  grant("read:audit-log:district", "Search the audit log of one's district", ["bureau_admin"]),
  grant("read:audit-log:any", "Search the whole audit log", ["system_admin"]),
];
