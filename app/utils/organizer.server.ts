import { organizerOf } from "~/domains/volunteers/activity-access";
import { requirePermission } from "./permissions.server";

/** The signed-in organizer of activities, or 403 (login redirect for visitors). */
export async function requireOrganizer(request: Request) {
  const user = await requirePermission(request, "manage:activity");
  const organizer = organizerOf(user.actor);
  if (!organizer) throw new Response("Forbidden", { status: 403 });
  return { user, ...organizer };
}
