import { grant } from "~/domains/accounts/authorize";

const verifiedOnly = { needsVerifiedOrganization: true };

/**
 * Help needs, matching and referrals. Staff register and refer the needs of their own office's
 * subjects; bureau admins watch the district's board. Providers — verified social organizations,
 * enterprises and law firms (while verified), and approved volunteers — declare what they offer
 * and answer the referrals sent to them, and see nothing else of anyone's.
 */
export const matchingPermissions = [
  grant("create:help-need:office", "Register help needs of one's office's subjects (form or CSV import)", [
    "office_staff",
  ]),
  grant("read:help-need:office", "See the help needs and referrals of one's office", ["office_staff"]),
  grant("read:help-need:district", "See the help needs and referrals of the district", ["bureau_admin"]),
  grant("refer:help-need:office", "Rank providers, send and cancel referrals of one's office's needs", [
    "office_staff",
  ]),
  grant(
    "manage:provider-profile:organization",
    "Declare the services, areas and capacity of one's (verified) organization",
    ["provider_member", "enterprise_member", "law_firm_admin"],
    verifiedOnly,
  ),
  grant("manage:provider-profile:own", "Declare the services, areas and capacity one offers as a volunteer", [
    "volunteer",
  ]),
  grant(
    "respond:referral:organization",
    "Answer and follow the referrals sent to one's (verified) organization",
    ["provider_member", "enterprise_member", "law_firm_admin", "lawyer"],
    verifiedOnly,
  ),
  grant("respond:referral:own", "Answer and follow the referrals sent to oneself as a volunteer", [
    "volunteer",
  ]),
];
