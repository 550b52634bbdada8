import { grant } from "~/domains/accounts/authorize";

const verifiedOnly = { needsVerifiedOrganization: true };

/**
 * Legal consultations. A (verified) law firm manages its lawyers and office hours and sees its
 * bookings; a lawyer sees their own and records outcomes; office staff run the service points of
 * their office and book for their subjects; bureau admins read the district's figures.
 */
export const legalPermissions = [
  grant(
    "manage:lawyer:organization",
    "Add and change the lawyers of one's (verified) law firm",
    ["law_firm_admin"],
    verifiedOnly,
  ),
  grant(
    "manage:office-hours:organization",
    "Publish, change and cancel the office hours of one's (verified) law firm",
    ["law_firm_admin"],
    verifiedOnly,
  ),
  grant("read:firm-overview:organization", "See one's law firm's lawyers, office hours and figures", [
    "law_firm_admin",
  ]),
  grant("read:lawyer-calendar:own", "See one's own bookings and calendar feed as a lawyer", ["lawyer"]),
  grant("read:consultation:organization", "See the consultations of one's law firm", ["law_firm_admin"]),
  grant("read:consultation:own", "See one's own consultations as a lawyer", ["lawyer"]),
  grant("read:consultation:office", "See the consultations at one's office", ["office_staff"]),
  grant("read:consultation:district", "See the consultations of the district", ["bureau_admin"]),
  grant("record:consultation-outcome:own", "Record the outcome of one's own consultations", ["lawyer"]),
  grant("record:consultation-outcome:organization", "Record the outcome of one's firm's consultations", [
    "law_firm_admin",
  ]),
  grant("book:consultation:office", "Book, reschedule and cancel consultations at one's office", [
    "office_staff",
  ]),
  grant("cancel:consultation:organization", "Cancel or reschedule one's firm's consultations", [
    "law_firm_admin",
  ]),
  grant("manage:service-point:office", "Manage the consultation service points of one's office", [
    "office_staff",
  ]),
];
