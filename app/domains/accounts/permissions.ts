import { calendarPermissionDefinitions } from "~/domains/calendar/permissions";
import type { Role } from "./roles";

/**
 * Permissions are `action:entity:scope` strings. The table of who holds what lives in the database
 * (seeded by a migration, see db/migrations); `rolePermissionSeed` is the same table in code, used
 * to write that migration and to check in a test that the database holds exactly it.
 */
export const scopes = ["own", "organization", "office", "district", "any"] as const;
export type Scope = (typeof scopes)[number];

export interface ParsedPermission {
  action: string;
  entity: string;
  scope: Scope;
}

export function parsePermission(permission: string): ParsedPermission {
  const [action, entity, scope] = permission.split(":");
  if (!action || !entity || !scope || !(scopes as readonly string[]).includes(scope)) {
    throw new Error(`Malformed permission "${permission}" (expected action:entity:scope)`);
  }
  return { action, entity, scope: scope as Scope };
}

/** Where an object sits, so a scope can be checked against it. */
export interface ScopeTarget {
  ownerUserId?: string | null;
  organizationId?: string | null;
  officeId?: string | null;
  districtId?: string | null;
}

/** What the acting user is, for scope checks. */
export interface Actor {
  id: string;
  role: Role;
  organizationId: string | null;
  /** The bureau (district) the user's organization is in; for a bureau, the bureau itself. */
  districtId: string | null;
}

export function scopeCovers(scope: Scope, actor: Actor, target: ScopeTarget): boolean {
  switch (scope) {
    case "any":
      return true;
    case "district":
      return Boolean(actor.districtId) && target.districtId === actor.districtId;
    case "office":
      return Boolean(actor.organizationId) && target.officeId === actor.organizationId;
    case "organization":
      return Boolean(actor.organizationId) && target.organizationId === actor.organizationId;
    case "own":
      return target.ownerUserId === actor.id;
  }
}

/**
 * May `actor`, holding `granted`, do `action` on `entity` (at `target`, when the object is known)?
 * Without a target, holding the action at any scope is enough (e.g. to open a list that the query
 * then narrows to the scope).
 */
export function isAllowed(
  granted: readonly string[],
  actor: Actor,
  action: string,
  entity: string,
  target?: ScopeTarget,
): boolean {
  return granted.some((permission) => {
    const parsed = parsePermission(permission);
    if (parsed.action !== action || parsed.entity !== entity) return false;
    return target ? scopeCovers(parsed.scope, actor, target) : true;
  });
}

/** The widest scope `granted` gives for action:entity, for building list queries. */
export function widestScope(granted: readonly string[], action: string, entity: string): Scope | null {
  let widest: Scope | null = null;
  for (const permission of granted) {
    const parsed = parsePermission(permission);
    if (parsed.action !== action || parsed.entity !== entity) continue;
    if (widest === null || scopes.indexOf(parsed.scope) > scopes.indexOf(widest)) widest = parsed.scope;
  }
  return widest;
}

const everyone: Role[] = [
  "volunteer",
  "enterprise_member",
  "law_firm_admin",
  "lawyer",
  "provider_member",
  "office_staff",
  "bureau_admin",
  "system_admin",
];

/** [permission, description, roles]: the source of the seeding migration. */
export const permissionDefinitions: [string, string, Role[]][] = [
  ["read:dashboard:own", "See one's own dashboard", everyone],
  ["update:profile:own", "Edit one's own profile, language and password", everyone],
  [
    "read:organization:organization",
    "See one's own organization",
    ["enterprise_member", "law_firm_admin", "lawyer", "provider_member", "office_staff", "bureau_admin"],
  ],
  [
    "update:organization:organization",
    "Edit one's own organization's details",
    ["enterprise_member", "law_firm_admin", "provider_member"],
  ],
  [
    "read:organization:district",
    "See the organizations registered in one's district",
    ["office_staff", "bureau_admin"],
  ],
  ["read:organization:any", "See every organization", ["system_admin"]],
  [
    "verify:organization:district",
    "Verify or reject organizations of one's district",
    ["office_staff", "bureau_admin"],
  ],
  ["verify:organization:any", "Verify or reject any organization", ["system_admin"]],
  ["suspend:organization:district", "Suspend or reinstate organizations of one's district", ["bureau_admin"]],
  ["suspend:organization:any", "Suspend or reinstate any organization", ["system_admin"]],
  ["invite:staff:district", "Invite office staff and bureau admins of one's district", ["bureau_admin"]],
  ["invite:staff:any", "Invite staff anywhere", ["system_admin"]],
  ["manage:outbox:any", "See undeliverable emails and queue them again", ["system_admin"]],
  // Subjects: system admins run the platform but hold no right to anyone's identity; only the
  // office in charge and its bureau see subjects at all.
  ["create:subject:office", "Register subjects of one's own office", ["office_staff"]],
  ["read:subject:office", "See the case codes and case facts of one's office's subjects", ["office_staff"]],
  ["read:subject:district", "See the case codes and case facts of the district's subjects", ["bureau_admin"]],
  [
    "read-identity:subject:office",
    "See the identifying fields of one's office's subjects (audited)",
    ["office_staff"],
  ],
  [
    "read-identity:subject:district",
    "See the identifying fields of the district's subjects (audited)",
    ["bureau_admin"],
  ],
  ["update:subject:office", "End or archive one's office's subjects", ["office_staff"]],
  ["manage:consent:office", "Record and withdraw consents of one's office's subjects", ["office_staff"]],
];

/** The audit log page (/admin/audit): bureau admins search their district's rows, system admins all. */
permissionDefinitions.push(
  ["read:audit-log:district", "Search the audit log of one's district", ["bureau_admin"]],
  ["read:audit-log:any", "Search the whole audit log", ["system_admin"]],
);

/**
 * Volunteers and service hours. Staff see the volunteers of their office (bureau admins: district);
 * system admins hold no right to volunteers' personal data.
 */
export const volunteerPermissionDefinitions: [string, string, Role[]][] = [
  ["register:volunteer-profile:own", "Register and update one's own volunteer profile", ["volunteer"]],
  ["read:volunteer:office", "See the volunteers of one's office", ["office_staff"]],
  ["read:volunteer:district", "See the volunteers of the district", ["bureau_admin"]],
  ["approve:volunteer:office", "Approve or reject volunteers of one's office", ["office_staff"]],
  ["approve:volunteer:district", "Approve or reject volunteers of the district", ["bureau_admin"]],
  [
    "read:activity:any",
    "Browse service activities",
    ["volunteer", "office_staff", "bureau_admin", "provider_member"],
  ],
  ["manage:activity:office", "Create, change and cancel activities of one's office", ["office_staff"]],
  [
    "manage:activity:organization",
    "Create, change and cancel activities of one's (verified) social organization",
    ["provider_member"],
  ],
  ["signup:activity:own", "Sign up for and withdraw from activities", ["volunteer"]],
  ["create:hour-record:own", "Check in and out, and report one's own service hours", ["volunteer"]],
  ["approve:hour-record:office", "Verify or reject hour records of one's office", ["office_staff"]],
  ["approve:hour-record:district", "Verify or reject hour records of the district", ["bureau_admin"]],
  ["request:hour-correction:own", "Ask for a correction of one's own approved record", ["volunteer"]],
  [
    "request:hour-correction:organization",
    "Ask for a correction of a record of one's organization's activity",
    ["provider_member"],
  ],
  ["approve:hour-correction:office", "Decide correction requests of one's office", ["office_staff"]],
  ["approve:hour-correction:district", "Decide correction requests of the district", ["bureau_admin"]],
  ["manage:star-thresholds:district", "Set the star-level thresholds of the district", ["bureau_admin"]],
  ["issue:certificate:own", "Download a proof-of-service certificate of one's own hours", ["volunteer"]],
];
permissionDefinitions.push(...volunteerPermissionDefinitions);
permissionDefinitions.push(...calendarPermissionDefinitions);

export const rolePermissionSeed: Record<Role, string[]> = Object.fromEntries(
  everyone.map((role) => [
    role,
    permissionDefinitions.filter(([, , holders]) => holders.includes(role)).map(([key]) => key),
  ]),
) as Record<Role, string[]>;
