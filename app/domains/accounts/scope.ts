import { type AnyColumn, eq, type SQL, sql } from "drizzle-orm";
import type { ActorRef } from "./actor";

/**
 * How far a permission reaches, narrowest first: the actor's own rows, their organization's, their
 * office's, their district's, or any. See docs/decisions/005-scopes-and-grants.md.
 */
export const scopes = ["own", "organization", "office", "district", "any"] as const;
export type Scope = (typeof scopes)[number];

export const isScope = (value: string): value is Scope => (scopes as readonly string[]).includes(value);
export const scopeRank = (scope: Scope) => scopes.indexOf(scope);

/** Where an object sits, so a scope can be checked against it in memory. */
export interface ScopeTarget {
  ownerUserId?: string | null;
  organizationId?: string | null;
  officeId?: string | null;
  districtId?: string | null;
}

/** The columns of a table that say whose a row is (leave out those the table does not have). */
export interface OwnerColumns {
  ownerUserId?: AnyColumn;
  organizationId?: AnyColumn;
  officeId?: AnyColumn;
  districtId?: AnyColumn;
}

/** The actor as a scope sees it (a list query may leave out the id when it never asks for "own"). */
type ScopeActor = Pick<ActorRef, "organizationId" | "districtId"> & { id?: string };

const nothing = sql`false`;

/**
 * The one translation of a scope into a SQL condition on a table's owner columns. It fails closed:
 * an actor without an organization (or district) matches nothing at that scope, and so does a scope
 * the table has no column for. The office scope is the actor's organization as an office (only
 * office staff hold it).
 */
export function scopeCondition(actor: ScopeActor, scope: Scope, owner: OwnerColumns): SQL {
  switch (scope) {
    case "any":
      return sql`true`;
    case "district":
      return actor.districtId && owner.districtId ? eq(owner.districtId, actor.districtId) : nothing;
    case "office":
      return actor.organizationId && owner.officeId ? eq(owner.officeId, actor.organizationId) : nothing;
    case "organization":
      return actor.organizationId && owner.organizationId
        ? eq(owner.organizationId, actor.organizationId)
        : nothing;
    case "own":
      return actor.id && owner.ownerUserId ? eq(owner.ownerUserId, actor.id) : nothing;
  }
}

/** The same rule for an object already in memory (fails closed the same way). */
export function scopeCovers(scope: Scope, actor: ScopeActor, target: ScopeTarget): boolean {
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
      return Boolean(target.ownerUserId) && target.ownerUserId === actor.id;
  }
}
