import { grantsRequiringVerifiedOrganization } from "~/domains/permission-registry";
import type { Role } from "./roles";

/**
 * Who acts, built once per request from the signed-in user and their role's grants. Every rule
 * asks the actor: `can` / `authorize` (./authorize.ts) for "may they do this", `scopeCondition`
 * (./scope.ts) for "which rows may they see".
 */
export interface Actor {
  id: string;
  role: Role;
  organizationId: string | null;
  organizationStatus: string | null;
  /** The bureau (district) of the actor's organization; a bureau is its own district. */
  districtId: string | null;
  /** The permissions held now: the role's grants, less those the organization's status suspends. */
  grants: readonly string[];
}

/** What a scope needs to know of the actor; domain queries take this much. */
export type ActorRef = Pick<Actor, "id" | "organizationId" | "districtId">;

export interface ActorSource {
  id: string;
  role: Role;
  organizationId: string | null;
  organizationStatus: string | null;
  districtId: string | null;
}

/**
 * Grants marked "needs a verified organization" (e.g. organizing activities for a social
 * organization) are not held while the actor's organization is pending, rejected or suspended.
 */
export function actorOf(user: ActorSource, roleGrants: readonly string[]): Actor {
  const verified = user.organizationStatus === "verified";
  return {
    id: user.id,
    role: user.role,
    organizationId: user.organizationId,
    organizationStatus: user.organizationStatus,
    districtId: user.districtId,
    grants: verified
      ? [...roleGrants]
      : roleGrants.filter((key) => !grantsRequiringVerifiedOrganization.has(key)),
  };
}
