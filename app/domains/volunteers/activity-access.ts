import type { Actor } from "~/domains/accounts/actor";
import { scopeOf } from "~/domains/accounts/authorize";
import type { OrganizerActor, OrganizerScope } from "./activity-store.server";

export interface Organizer {
  scope: OrganizerScope;
  actor: OrganizerActor;
}

/**
 * May this actor organize activities, and at which scope? Office staff for their office; members of
 * a social organization only while it is verified (that grant lapses otherwise, see actorOf).
 */
export function organizerOf(actor: Actor): Organizer | null {
  const scope = scopeOf(actor, "manage", "activity");
  if (scope !== "office" && scope !== "organization") return null;
  return {
    scope,
    actor: { id: actor.id, organizationId: actor.organizationId, districtId: actor.districtId },
  };
}
