import type { Actor } from "~/domains/accounts/actor";
import { can } from "~/domains/accounts/authorize";

/**
 * The header's navigation. Each role's features add their entries here as they land; the list a
 * visitor sees is decided on the server from their permissions, never by hiding links in the UI.
 */
export interface NavItem {
  /** Translation key of the label. */
  labelKey: string;
  to: string;
}

export function anonymousNavigation(): NavItem[] {
  return [
    { labelKey: "nav.home", to: "/" },
    { labelKey: "nav.forVolunteers", to: "/#volunteer" },
    { labelKey: "nav.forEnterprises", to: "/#enterprise" },
    { labelKey: "nav.forLawFirms", to: "/#lawFirm" },
    { labelKey: "nav.forOrganizations", to: "/#organization" },
    { labelKey: "nav.forStaff", to: "/#staff" },
  ];
}

/** Signed-in users: their own pages plus each feature their permissions open (decided on the server). */
export function signedInNavigation(actor: Actor): NavItem[] {
  const holds = (permission: string) => can(actor, permission);
  const items: NavItem[] = [{ labelKey: "accounts:nav.dashboard", to: "/dashboard" }];
  if (holds("read:subject")) items.push({ labelKey: "nav.subjects", to: "/staff/subjects" });
  if (holds("register:volunteer-profile"))
    items.push({ labelKey: "nav.volunteerProfile", to: "/volunteer/profile" });
  if (holds("read:help-need")) items.push({ labelKey: "nav.needs", to: "/staff/needs" });
  if (holds("read:oversight")) items.push({ labelKey: "nav.oversight", to: "/staff/oversight" });
  if (holds("respond:referral")) items.push({ labelKey: "nav.providerReferrals", to: "/provider/referrals" });
  if (holds("manage:provider-profile"))
    items.push({ labelKey: "nav.providerProfile", to: "/provider/profile" });
  if (holds("read:volunteer")) items.push({ labelKey: "nav.volunteers", to: "/staff/volunteers" });
  if (holds("read:employment-offer")) items.push({ labelKey: "nav.employment", to: "/staff/employment" });
  else if (holds("read:employment-referral:organization"))
    items.push({ labelKey: "nav.employment", to: "/employment" });
  if (holds("read:activity")) items.push({ labelKey: "nav.activities", to: "/activities" });
  if (holds("create:hour-record")) items.push({ labelKey: "nav.hours", to: "/hours" });
  if (holds("issue:certificate")) items.push({ labelKey: "nav.certificates", to: "/certificates" });
  if (holds("book:consultation")) items.push({ labelKey: "nav.consultations", to: "/consultations" });
  if (holds("read:firm-overview")) items.push({ labelKey: "nav.lawFirm", to: "/legal" });
  if (holds("read:lawyer-calendar")) items.push({ labelKey: "nav.lawyerHome", to: "/lawyer" });
  if (holds("approve:hour-record")) items.push({ labelKey: "nav.hourReview", to: "/staff/hours" });
  if (holds("nominate:award")) items.push({ labelKey: "nav.awards", to: "/staff/awards" });
  else if (holds("read:nomination")) items.push({ labelKey: "nav.nominations", to: "/staff/nominations" });
  if (holds("manage:award-type")) items.push({ labelKey: "nav.awardTypes", to: "/admin/awards" });
  if (holds("manage:star-thresholds")) items.push({ labelKey: "nav.starLevels", to: "/admin/star-levels" });
  if (holds("verify:organization"))
    items.push({ labelKey: "accounts:nav.organizations", to: "/staff/organizations" });
  if (holds("invite:staff")) items.push({ labelKey: "accounts:nav.staff", to: "/admin/staff" });
  if (holds("update:office")) items.push({ labelKey: "accounts:nav.offices", to: "/admin/offices" });
  if (holds("manage:outbox")) items.push({ labelKey: "nav.outbox", to: "/admin/outbox" });
  if (holds("manage:calendar")) items.push({ labelKey: "nav.calendar", to: "/admin/calendar" });
  if (holds("read:audit-log")) items.push({ labelKey: "nav.auditLog", to: "/admin/audit" });
  items.push({ labelKey: "accounts:nav.account", to: "/account" });
  return items;
}
