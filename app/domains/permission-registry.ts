import { accountPermissions } from "./accounts/permissions";
import type { PermissionDefinition } from "./accounts/authorize";
import { roles, type Role } from "./accounts/roles";
import { auditPermissions } from "./audit/permissions";
import { awardPermissions } from "./awards/permissions";
import { calendarPermissions } from "./calendar/permissions";
import { legalPermissions } from "./legal/permissions";
import { employmentPermissions } from "./employment/permissions";
import { matchingPermissions } from "./matching/permissions";
import { notificationPermissions } from "./notifications/permissions";
import { oversightPermissions } from "./oversight/permissions";
import { subjectPermissions } from "./subjects/permissions";
import { volunteerPermissions } from "./volunteers/permissions";

/**
 * Every domain's grants in one list. A new domain writes its `permissions.ts`, adds it here and
 * seeds the same rows in a migration (style of 0010_volunteer_permissions.sql); the test in
 * tests/integration/authorization-matrix.test.ts fails until the database and this list agree.
 */
export const permissionDefinitions: readonly PermissionDefinition[] = [
  ...accountPermissions,
  ...notificationPermissions,
  ...subjectPermissions,
  ...auditPermissions,
  ...volunteerPermissions,
  ...calendarPermissions,
  ...legalPermissions,
  ...awardPermissions,
  ...employmentPermissions,
  ...matchingPermissions,
  ...oversightPermissions,
];

/** Who holds what, as the role_permissions table should hold it. */
export const rolePermissionSeed: Record<Role, string[]> = Object.fromEntries(
  roles.map((role) => [
    role,
    permissionDefinitions.filter((definition) => definition.roles.includes(role)).map(({ key }) => key),
  ]),
) as Record<Role, string[]>;

export const grantsRequiringVerifiedOrganization: ReadonlySet<string> = new Set(
  permissionDefinitions.filter((definition) => definition.needsVerifiedOrganization).map(({ key }) => key),
);
