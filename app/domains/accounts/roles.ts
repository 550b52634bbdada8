/** Roles of the portal (see ../shared/docs/product.md) and what kind of organization each belongs to. */
export const roles = [
  "volunteer",
  "enterprise_member",
  "law_firm_admin",
  "lawyer",
  "provider_member",
  "office_staff",
  "bureau_admin",
  "system_admin",
] as const;
export type Role = (typeof roles)[number];

export type OrganizationKind = "bureau" | "office" | "enterprise" | "law_firm" | "social_org";

export const organizationKindOfRole: Record<Role, OrganizationKind | null> = {
  volunteer: null,
  enterprise_member: "enterprise",
  law_firm_admin: "law_firm",
  lawyer: "law_firm",
  provider_member: "social_org",
  office_staff: "office",
  bureau_admin: "bureau",
  system_admin: null,
};

/** The role of the first user of a self-registered organization. */
export const adminRoleOfOrganizationKind = {
  enterprise: "enterprise_member",
  law_firm: "law_firm_admin",
  social_org: "provider_member",
} as const satisfies Record<"enterprise" | "law_firm" | "social_org", Role>;

/** Justice roles see subjects' identity (within their scope) and have the stricter session rules. */
export const justiceRoles: readonly Role[] = ["office_staff", "bureau_admin", "system_admin"];
export const isJusticeRole = (role: Role) => justiceRoles.includes(role);

/** Bureau admins must use two-factor sign-in; other staff may. */
export const twoFactorRequired = (role: Role) => role === "bureau_admin" || role === "system_admin";
