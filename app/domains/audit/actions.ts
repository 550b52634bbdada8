/** What an audit row can record; the database holds the same list in the audit_log_action CHECK. */
export const auditActions = [
  "view_identity",
  "export",
  "create",
  "update",
  "approve",
  "consent_record",
  "consent_withdraw",
  "status_change",
  "purge",
] as const;
export type AuditAction = (typeof auditActions)[number];
