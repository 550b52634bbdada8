import { grant } from "~/domains/accounts/authorize";

const verifiedOnly = { needsVerifiedOrganization: true };

/**
 * Volunteers and service hours. Staff see the volunteers of their office (bureau admins: district);
 * system admins hold no right to volunteers' personal data. A social organization organizes and asks
 * for corrections only while it is verified.
 */
export const volunteerPermissions = [
  grant("register:volunteer-profile:own", "Register and update one's own volunteer profile", ["volunteer"]),
  grant("read:volunteer:office", "See the volunteers of one's office", ["office_staff"]),
  grant("read:volunteer:district", "See the volunteers of the district", ["bureau_admin"]),
  grant("approve:volunteer:office", "Approve or reject volunteers of one's office", ["office_staff"]),
  grant("approve:volunteer:district", "Approve or reject volunteers of the district", ["bureau_admin"]),
  // Suspension stops a volunteer everywhere in the district: the bureau's call.
  grant("suspend:volunteer:district", "Suspend or reinstate volunteers of the district", ["bureau_admin"]),
  grant("read:activity:any", "Browse service activities", [
    "volunteer",
    "office_staff",
    "bureau_admin",
    "provider_member",
  ]),
  grant("manage:activity:office", "Create, change and cancel activities of one's office", ["office_staff"]),
  grant(
    "manage:activity:organization",
    "Create, change and cancel activities of one's (verified) social organization",
    ["provider_member"],
    verifiedOnly,
  ),
  grant("signup:activity:own", "Sign up for and withdraw from activities", ["volunteer"]),
  grant("create:hour-record:own", "Check in and out, and report one's own service hours", ["volunteer"]),
  grant("approve:hour-record:office", "Verify or reject hour records of one's office", ["office_staff"]),
  grant("approve:hour-record:district", "Verify or reject hour records of the district", ["bureau_admin"]),
  grant("request:hour-correction:own", "Ask for a correction of one's own approved record", ["volunteer"]),
  grant(
    "request:hour-correction:organization",
    "Ask for a correction of a record of one's organization's activity",
    ["provider_member"],
    verifiedOnly,
  ),
  grant("approve:hour-correction:office", "Decide correction requests of one's office", ["office_staff"]),
  grant("approve:hour-correction:district", "Decide correction requests of the district", ["bureau_admin"]),
  grant("manage:star-thresholds:district", "Set the star-level thresholds of the district", ["bureau_admin"]),
  grant("issue:certificate:own", "Download a proof-of-service certificate of one's own hours", ["volunteer"]),
];
