import { grant } from "./authorize";
import { roles } from "./roles";

/** Accounts: one's own pages, organizations and their vetting, staff invitations. */
export const accountPermissions = [
  grant("read:dashboard:own", "See one's own dashboard", roles),
  grant("update:profile:own", "Edit one's own profile, language and password", roles),
  grant("read:organization:organization", "See one's own organization", [
    "enterprise_member",
    "law_firm_admin",
    "lawyer",
    "provider_member",
    "office_staff",
    "bureau_admin",
  ]),
  grant("update:organization:organization", "Edit one's own organization's details", [
    "enterprise_member",
    "law_firm_admin",
    "provider_member",
  ]),
  grant("read:organization:district", "See the organizations registered in one's district", [
    "office_staff",
    "bureau_admin",
  ]),
  grant("read:organization:any", "See every organization", ["system_admin"]),
  grant("verify:organization:district", "Verify or reject organizations of one's district", [
    "office_staff",
    "bureau_admin",
  ]),
  grant("verify:organization:any", "Verify or reject any organization", ["system_admin"]),
  grant("suspend:organization:district", "Suspend or reinstate organizations of one's district", [
    "bureau_admin",
  ]),
  grant("suspend:organization:any", "Suspend or reinstate any organization", ["system_admin"]),
  grant("invite:staff:district", "Invite office staff and bureau admins of one's district", ["bureau_admin"]),
  grant("invite:staff:any", "Invite staff anywhere", ["system_admin"]),
  grant(
    "update:office:district",
    "Keep the person in charge and contacts of one's district's judicial offices",
    ["bureau_admin"],
  ),
  grant("update:office:any", "Keep the person in charge and contacts of every judicial office", [
    "system_admin",
  ]),
];
