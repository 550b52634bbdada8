import { and, count, desc, eq, ilike, inArray, type SQL } from "drizzle-orm";
import { organizations, users } from "#db/schema/accounts";
import { recordAudit } from "~/domains/audit/audit.server";
import type { Database, DbOrTx } from "~/utils/db.server";
import type { ActorRef } from "./actor";
import { sendAccountEmail } from "./emails.server";
import { organizationKinds } from "./limits";
import { type Scope, scopeCondition } from "./scope";
import {
  nextOrganizationStatus,
  type OrganizationDecision,
  type OrganizationStatus,
} from "./organization-status";
import { invalidateAllSessions } from "./sessions.server";
import * as clock from "~/utils/clock.server";

const SOCIAL_FORCE_KINDS = organizationKinds;
type SocialForceKind = (typeof organizationKinds)[number];
export interface OrganizationListQuery {
  scope: Scope;
  actor: ActorRef;
  status?: OrganizationStatus;
  kind?: SocialForceKind;
  search?: string;
  page: number;
  pageSize: number;
}

/** Social-force organizations in the viewer's scope, newest first, one page at a time. */
export async function listOrganizations(db: DbOrTx, query: OrganizationListQuery) {
  const conditions: SQL[] = [
    inArray(organizations.kind, [...SOCIAL_FORCE_KINDS]),
    organizationScope(query.scope, query.actor),
  ];
  if (query.status) conditions.push(eq(organizations.status, query.status));
  if (query.kind) conditions.push(eq(organizations.kind, query.kind));
  if (query.search)
    conditions.push(ilike(organizations.name, `%${query.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`));
  const where = and(...conditions);
  const [rows, [total]] = await Promise.all([
    db
      .select({
        id: organizations.id,
        kind: organizations.kind,
        name: organizations.name,
        status: organizations.status,
        creditCode: organizations.creditCode,
        contactName: organizations.contactName,
        contactPhone: organizations.contactPhone,
        address: organizations.address,
        createdAt: organizations.createdAt,
        statusReason: organizations.statusReason,
      })
      .from(organizations)
      .where(where)
      .orderBy(desc(organizations.createdAt), organizations.id)
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize),
    db.select({ total: count() }).from(organizations).where(where),
  ]);
  return { rows, total: total?.total ?? 0 };
}

/** Social-force organizations sit in a district; staff scopes reach them through it. */
const organizationScope = (scope: Scope, actor: ActorRef) =>
  scopeCondition(actor, scope, { organizationId: organizations.id, districtId: organizations.districtId });

/** A social-force organization within the actor's scope, or null (→ 404). */
export async function getOrganizationInScope(db: DbOrTx, id: string, scope: Scope, actor: ActorRef) {
  const [row] = await db
    .select({ id: organizations.id, name: organizations.name })
    .from(organizations)
    .where(
      and(
        eq(organizations.id, id),
        inArray(organizations.kind, [...SOCIAL_FORCE_KINDS]),
        organizationScope(scope, actor),
      ),
    );
  return row ?? null;
}

export type DecisionResult =
  { ok: true; status: OrganizationStatus } | { ok: false; error: "invalidTransition" | "reasonRequired" };

/**
 * Verifies, rejects, suspends or reinstates an organization, and tells its members by email.
 * Suspension ends its members' sessions so nothing more is done in its name. The decision is
 * audited in the same transaction (the reason stays on the organization, not in the log).
 */
export async function decideOrganization(
  db: Database,
  input: {
    organizationId: string;
    decision: OrganizationDecision;
    reason: string | null;
    actorId: string;
    ipAddress?: string | null;
  },
): Promise<DecisionResult> {
  if ((input.decision === "reject" || input.decision === "suspend") && !input.reason?.trim()) {
    return { ok: false, error: "reasonRequired" };
  }
  return db.transaction(async (tx) => {
    const [current] = await tx
      .select()
      .from(organizations)
      .where(eq(organizations.id, input.organizationId))
      .for("update");
    if (!current) return { ok: false, error: "invalidTransition" } as const;
    const next = nextOrganizationStatus(current.status, input.decision);
    if (!next) return { ok: false, error: "invalidTransition" } as const;
    await tx
      .update(organizations)
      .set({
        status: next,
        statusReason: input.reason?.trim() || null,
        statusChangedAt: clock.now(),
        statusChangedBy: input.actorId,
      })
      .where(eq(organizations.id, current.id));
    const members = await tx
      .select()
      .from(users)
      .where(and(eq(users.organizationId, current.id), eq(users.status, "active")));
    for (const member of members) {
      if (next === "suspended") await invalidateAllSessions(tx, member.id);
      if (next === "verified" || next === "rejected" || next === "suspended") {
        await sendAccountEmail(tx, {
          template: "organization-status",
          user: member,
          data: { organizationName: current.name, status: next, reason: input.reason?.trim() || null },
          idempotencyKey: `organization-status:${current.id}:${next}:${Date.now()}`,
        });
      }
    }
    await recordAudit(tx, {
      actorId: input.actorId,
      action: input.decision === "verify" ? "approve" : "status_change",
      entityType: "organization",
      entityId: current.id,
      districtId: current.districtId,
      ipAddress: input.ipAddress ?? null,
      details: { kind: current.kind, decision: input.decision, from: current.status, status: next },
    });
    return { ok: true, status: next } as const;
  });
}
