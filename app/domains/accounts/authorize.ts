import { or, type SQL, sql } from "drizzle-orm";
import { ForbiddenError, NotFoundError } from "~/domains/errors";
import type { Actor } from "./actor";
import type { Role } from "./roles";
import {
  isScope,
  type OwnerColumns,
  type Scope,
  scopeCondition,
  scopeCovers,
  scopeRank,
  type ScopeTarget,
} from "./scope";

/**
 * Permissions are `action:entity:scope` strings. Each domain declares its own in its
 * `permissions.ts`; `app/domains/permission-registry.ts` composes them, and a migration seeds the
 * same table into `role_permissions` (a test checks the two agree).
 */
export interface PermissionDefinition {
  key: string;
  description: string;
  roles: readonly Role[];
  /** Held only while the actor's organization is verified (see actorOf). */
  needsVerifiedOrganization?: boolean;
}

export function grant(
  key: string,
  description: string,
  roles: readonly Role[],
  options: { needsVerifiedOrganization?: boolean } = {},
): PermissionDefinition {
  parsePermission(key);
  return { key, description, roles, ...options };
}

export interface ParsedPermission {
  action: string;
  entity: string;
  scope: Scope;
}

const parsedPermissions = new Map<string, ParsedPermission>();

/**
 * `action:entity:scope` in its parts. Kept per string (the grants and the checked permissions are a
 * fixed vocabulary): every check walks the actor's grants, and splitting each again was ~1 % of a
 * staff page's server CPU. The result is frozen, so no caller can change a kept one.
 */
export function parsePermission(permission: string): ParsedPermission {
  const known = parsedPermissions.get(permission);
  if (known !== undefined) return known;
  const [action, entity, scope, ...rest] = permission.split(":");
  if (!action || !entity || !scope || rest.length > 0 || !isScope(scope)) {
    throw new Error(`Malformed permission "${permission}" (expected action:entity:scope)`);
  }
  const parsed = Object.freeze({ action, entity, scope });
  if (parsedPermissions.size < 10_000) parsedPermissions.set(permission, parsed);
  return parsed;
}

/**
 * The scopes at which the actor may do `action:entity`. A requested scope (`action:entity:scope`)
 * asks for at least that reach: holding a wider one is enough, a narrower one is not.
 */
function eligibleScopes(actor: Pick<Actor, "grants">, permission: string): Scope[] {
  const [action, entity, minimum] = permission.split(":");
  if (!action || !entity || (minimum !== undefined && !isScope(minimum)))
    throw new Error(`Malformed permission "${permission}" (expected action:entity[:scope])`);
  const held: Scope[] = [];
  for (const key of actor.grants) {
    const parsed = parsePermission(key);
    if (parsed.action !== action || parsed.entity !== entity) continue;
    if (minimum && scopeRank(parsed.scope) < scopeRank(minimum)) continue;
    held.push(parsed.scope);
  }
  return held;
}

const widest = (held: Scope[]) => held.reduce((a, b) => (scopeRank(b) > scopeRank(a) ? b : a));

/** The widest scope the actor holds for action:entity, or null (for list queries and labels). */
export function scopeOf(actor: Pick<Actor, "grants">, action: string, entity: string): Scope | null {
  const held = eligibleScopes(actor, `${action}:${entity}`);
  return held.length ? widest(held) : null;
}

/**
 * May the actor do `permission` (`action:entity` or `action:entity:scope`), to `target` when the
 * object is known? Without a target, holding it at some scope is enough. Every capability flag the
 * UI shows is computed with this.
 */
export function can(actor: Actor, permission: string, target?: ScopeTarget): boolean {
  const held = eligibleScopes(actor, permission);
  return target ? held.some((scope) => scopeCovers(scope, actor, target)) : held.length > 0;
}

/**
 * The one answer to "may this actor do X (to this object)": a role without the permission gets a
 * ForbiddenError (403), an object outside every scope it holds a NotFoundError (404), so its
 * existence is not revealed. Returns the widest scope that applies.
 */
export function authorize(actor: Actor, permission: string, target?: ScopeTarget): Scope {
  const held = eligibleScopes(actor, permission);
  if (held.length === 0) throw new ForbiddenError(permission);
  if (!target) return widest(held);
  const covering = held.filter((scope) => scopeCovers(scope, actor, target));
  if (covering.length === 0) throw new NotFoundError(permission);
  return widest(covering);
}

/** The rows of a table the actor may `permission`: any scope it holds (fails closed). */
export function permittedCondition(actor: Actor, permission: string, owner: OwnerColumns): SQL {
  const held = eligibleScopes(actor, permission);
  if (held.length === 0) return sql`false`;
  return or(...held.map((scope) => scopeCondition(actor, scope, owner)))!;
}
