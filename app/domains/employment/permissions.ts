import { grant } from "~/domains/accounts/authorize";

const verifiedOnly = { needsVerifiedOrganization: true };

/**
 * Jobs and training of enterprises. An enterprise acts only while verified (a pending or suspended
 * one posts, answers and records nothing); office staff refer their own office's subjects and follow
 * them, the bureau sees its district; reports are the enterprise's own, or the district's for staff.
 */
export const employmentPermissions = [
  grant(
    "manage:enterprise-profile:organization",
    "Keep one's (verified) enterprise's recruiting profile and sign the non-discrimination pledge",
    ["enterprise_member"],
    verifiedOnly,
  ),
  grant(
    "manage:employment-offer:organization",
    "Post, change, publish and close one's (verified) enterprise's job and training offers",
    ["enterprise_member"],
    verifiedOnly,
  ),
  grant("read:employment-offer:any", "Browse the open job and training offers", [
    "office_staff",
    "bureau_admin",
  ]),
  grant("refer:employment-candidate:office", "Refer one's office's subjects to job and training offers", [
    "office_staff",
  ]),
  grant("manage:candidate-profile:office", "Keep the candidate profiles of one's office's subjects", [
    "office_staff",
  ]),
  grant(
    "read:employment-referral:organization",
    "See the referrals, enrollments and hires at one's (verified) enterprise",
    ["enterprise_member"],
    verifiedOnly,
  ),
  grant("read:employment-referral:office", "See the referrals and placements of one's office's subjects", [
    "office_staff",
  ]),
  grant("read:employment-referral:district", "See the referrals and placements of the district", [
    "bureau_admin",
  ]),
  grant(
    "decide:employment-referral:organization",
    "Schedule interviews, hire or decline, and move training enrollments at one's (verified) enterprise",
    ["enterprise_member"],
    verifiedOnly,
  ),
  grant(
    "record:retention-checkin:organization",
    "Confirm or end the placements at one's (verified) enterprise",
    ["enterprise_member"],
    verifiedOnly,
  ),
  grant("record:retention-checkin:office", "Confirm or end the placements of one's office's subjects", [
    "office_staff",
  ]),
  grant(
    "read:employment-report:organization",
    "See one's (verified) enterprise's hiring and retention report",
    ["enterprise_member"],
    verifiedOnly,
  ),
  grant(
    "read:employment-report:district",
    "See the hiring and retention reports of the district's enterprises",
    ["office_staff", "bureau_admin"],
  ),
];
