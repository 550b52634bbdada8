import type { SessionUser } from "~/domains/accounts/sessions.server";
import { forbidden, requirePermission, scopeOf } from "~/utils/permissions.server";
import type { OrganizerActor, OrganizerScope } from "./activities.server";

export interface Organizer {
  scope: OrganizerScope;
  actor: OrganizerActor;
}

function actorOf(user: SessionUser): OrganizerActor {
  return { id: user.id, organizationId: user.organizationId, districtId: user.districtId };
}

/**
 * May this user organize activities, and at which scope? Office staff for their office; members of a
 * social organization only once it is verified (a pending or suspended one organizes nothing).
 */
export async function organizerOf(user: SessionUser): Promise<Organizer | null> {
  const scope = await scopeOf(user, "manage", "activity");
  if (scope !== "office" && scope !== "organization") return null;
  if (scope === "organization" && user.organizationStatus !== "verified") return null;
  return { scope, actor: actorOf(user) };
}

/** The signed-in organizer, or 403 (login redirect for visitors). */
export async function requireOrganizer(request: Request) {
  const user = await requirePermission(request, "manage:activity");
  const organizer = await organizerOf(user);
  if (!organizer) forbidden();
  return { user, ...organizer };
}
