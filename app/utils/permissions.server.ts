import { redirect } from "@remix-run/node";
import { rolePermissions } from "#db/schema/accounts";
import {
  type Actor,
  isAllowed,
  type ScopeTarget,
  widestScope,
  type Scope,
} from "~/domains/accounts/permissions";
import type { Role } from "~/domains/accounts/roles";
import type { SessionUser } from "~/domains/accounts/sessions.server";
import { getDb } from "./db.server";
import { safeRedirectPath } from "./redirect";
import { type CurrentSession, getCurrentSession } from "./session.server";
import { singleton } from "./singleton.server";

/**
 * The one place where access is decided. Routes call `requireUser` / `requirePermission`; hiding a
 * button is never access control. Permissions come from the role_permissions table (seeded by a
 * migration), loaded once per process.
 */
function loadGrants(): Promise<Map<Role, string[]>> {
  return singleton("role-permissions", async () => {
    const db = await getDb();
    const rows = await db.select().from(rolePermissions);
    const grants = new Map<Role, string[]>();
    for (const row of rows) grants.set(row.role, [...(grants.get(row.role) ?? []), row.permission]);
    return grants;
  });
}

export async function permissionsOf(role: Role): Promise<string[]> {
  return (await loadGrants()).get(role) ?? [];
}

function actorOf(user: SessionUser): Actor {
  return { id: user.id, role: user.role, organizationId: user.organizationId, districtId: user.districtId };
}

function loginRedirect(request: Request): never {
  const url = new URL(request.url);
  throw redirect(`/login?redirectTo=${encodeURIComponent(safeRedirectPath(url.pathname + url.search))}`);
}

/** The signed-in user (second factor completed), or null. */
export async function getUser(request: Request): Promise<SessionUser | null> {
  const current = await getCurrentSession(request);
  return current?.session.twoFactorVerified ? current.user : null;
}

/** A signed-in user, or a redirect to the login page (which comes back here afterwards). */
export async function requireSession(request: Request): Promise<CurrentSession> {
  const current = await getCurrentSession(request);
  if (!current) loginRedirect(request);
  if (!current.session.twoFactorVerified) throw redirect("/login/two-factor");
  return current;
}

export async function requireUser(request: Request): Promise<SessionUser> {
  return (await requireSession(request)).user;
}

/** Pages only for visitors who are not signed in (login, registration) send others home. */
export async function requireAnonymous(request: Request): Promise<void> {
  if (await getUser(request)) throw redirect("/dashboard");
}

export function forbidden(): never {
  throw new Response("Forbidden", { status: 403 });
}

export function notFound(): never {
  throw new Response("Not Found", { status: 404 });
}

/**
 * Requires `action:entity` (optionally at a given scope, e.g. 'verify:organization:district').
 * With a target, the user's scope must cover the object: an object of another office or
 * organization answers 404 so its existence is not revealed.
 */
export async function requirePermission(
  request: Request,
  permission: string,
  target?: ScopeTarget,
): Promise<SessionUser & { permissions: string[] }> {
  const user = await requireUser(request);
  const granted = await permissionsOf(user.role);
  const [action = "", entity = "", scope] = permission.split(":");
  if (scope && !granted.includes(permission) && !coversWider(granted, action, entity, scope as Scope))
    forbidden();
  if (!isAllowed(granted, actorOf(user), action, entity)) forbidden();
  if (target && !isAllowed(granted, actorOf(user), action, entity, target)) notFound();
  return { ...user, permissions: granted };
}

function coversWider(granted: string[], action: string, entity: string, scope: Scope): boolean {
  const order: Scope[] = ["own", "organization", "office", "district", "any"];
  const widest = widestScope(granted, action, entity);
  return widest !== null && order.indexOf(widest) >= order.indexOf(scope);
}

/** For conditional UI and list queries: may this user do action:entity (at the target)? */
export async function can(
  user: SessionUser,
  action: string,
  entity: string,
  target?: ScopeTarget,
): Promise<boolean> {
  return isAllowed(await permissionsOf(user.role), actorOf(user), action, entity, target);
}

export async function scopeOf(user: SessionUser, action: string, entity: string): Promise<Scope | null> {
  return widestScope(await permissionsOf(user.role), action, entity);
}
