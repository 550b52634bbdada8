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

/**
 * What an audit row is about. Every writer names one of these, and /admin/audit shows each in the
 * reader's language (a unit test checks both languages have every label). Names already in the log
 * stay as written: the log is append-only.
 */
export const auditEntityTypes = [
  "subject",
  "consent",
  "volunteer",
  "volunteer-qualification",
  "hour-record",
  "hour-records",
  "hour-correction",
  "service_certificate",
  "star-thresholds",
  "organization",
  "staff-invitation",
  "user",
  "calendar-day",
  "lawyer",
  "service-point",
  "office-hour-rule",
  "consultation-booking",
  "award-type",
  "nomination",
  "enterprise-profile",
  "job-offer",
  "training-offer",
  "job-referral",
  "training-enrollment",
  "placement",
  "candidate-profile",
  "employment-report",
  "provider",
  "help-need",
  "referral",
  "oversight-records",
  "oversight-report",
] as const;
export type AuditEntityType = (typeof auditEntityTypes)[number];

/** Purposes the system itself writes (a person's own words are shown as typed). */
export const auditSystemPurposes = ["consented sharing", "proof of service", "volunteer vetting"] as const;
