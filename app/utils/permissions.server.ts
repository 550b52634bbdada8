import { redirect } from "@remix-run/node";
import { rolePermissions } from "#db/schema/accounts";
import { type Actor, actorOf } from "~/domains/accounts/actor";
import { authorize } from "~/domains/accounts/authorize";
import type { Role } from "~/domains/accounts/roles";
import type { ScopeTarget } from "~/domains/accounts/scope";
import type { SessionUser } from "~/domains/accounts/sessions.server";
import { getDb } from "./db.server";
import { responseOf } from "./domain-errors.server";
import { safeRedirectPath } from "./redirect";
import { type CurrentSession, getCurrentSession } from "./session.server";
import { singleton } from "./singleton.server";

/**
 * Authentication for routes, and the Actor built once per request. Access itself is decided by the
 * pure `authorize` / `can` of app/domains/accounts/authorize.ts on that actor; hiding a button is
 * never access control. Grants come from the role_permissions table (seeded by migrations, the
 * same list as app/domains/permission-registry.ts), loaded once per process.
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

/** The actor of a signed-in user: who they are, where they sit, and what they may do. */
export async function actorOfUser(user: SessionUser): Promise<Actor> {
  return actorOf(user, await permissionsOf(user.role));
}

export type AuthorizedUser = SessionUser & { actor: Actor };

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

/** The signed-in user with their actor, or a redirect to the login page. */
export async function requireActor(request: Request): Promise<AuthorizedUser> {
  const user = await requireUser(request);
  return { ...user, actor: await actorOfUser(user) };
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
 * Authenticates, then requires `action:entity` (or `action:entity:scope`, "at least this reach").
 * The uniform policy, decided before any data of the object is read or returned: a role without
 * the permission → 403; with a target, an object outside the actor's scope → 404.
 */
export async function requirePermission(
  request: Request,
  permission: string,
  target?: ScopeTarget,
): Promise<AuthorizedUser> {
  const user = await requireActor(request);
  authorizeOrRespond(user.actor, permission, target);
  return user;
}

/** `authorize`, answering a refusal with its status (for routes that check an object they loaded). */
export function authorizeOrRespond(actor: Actor, permission: string, target?: ScopeTarget) {
  try {
    return authorize(actor, permission, target);
  } catch (error) {
    throw responseOf(error) ?? error;
  }
}
