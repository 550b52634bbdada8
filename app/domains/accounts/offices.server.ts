import { and, asc, eq } from "drizzle-orm";
import { organizations } from "#db/schema/accounts";
import { recordAudit } from "~/domains/audit/audit.server";
import type { DbOrTx } from "~/utils/db.server";
import type { ActorRef } from "./actor";
import { type Scope, scopeCondition } from "./scope";
import type { OfficeDetails } from "./validation";

/**
 * A judicial office's own details: its person in charge (负责人, named on the certificates it
 * issues, issue 11 defect 2) and how to reach it. Bureau admins keep their district's offices,
 * system admins every office.
 */
const officeScope = (scope: Scope, actor: ActorRef) =>
  scopeCondition(actor, scope, { districtId: organizations.districtId });

const officeColumns = {
  id: organizations.id,
  name: organizations.name,
  personInCharge: organizations.personInCharge,
  contactName: organizations.contactName,
  contactPhone: organizations.contactPhone,
  address: organizations.address,
};

/** The offices within the actor's scope, by name (a district has a handful to a few dozen). */
export async function listOffices(db: DbOrTx, scope: Scope, actor: ActorRef) {
  return db
    .select(officeColumns)
    .from(organizations)
    .where(and(eq(organizations.kind, "office"), officeScope(scope, actor)))
    .orderBy(asc(organizations.name), asc(organizations.id));
}

/** One office within the actor's scope, or null (→ 404, never "exists elsewhere"). */
export async function getOffice(db: DbOrTx, id: string, scope: Scope, actor: ActorRef) {
  const [row] = await db
    .select(officeColumns)
    .from(organizations)
    .where(and(eq(organizations.id, id), eq(organizations.kind, "office"), officeScope(scope, actor)));
  return row ?? null;
}

/**
 * Saves an office's details and audits which fields changed (not their values: a person's name and
 * phone stay out of the log). Certificates issued earlier keep the name they were issued with.
 */
export async function updateOffice(
  db: DbOrTx,
  actor: ActorRef & { ipAddress?: string | null },
  scope: Scope,
  id: string,
  details: OfficeDetails,
): Promise<{ ok: true; changed: string[] } | { ok: false; notFound: true }> {
  return db.transaction(async (tx) => {
    const [current] = await tx
      .select({ ...officeColumns, districtId: organizations.districtId })
      .from(organizations)
      .where(and(eq(organizations.id, id), eq(organizations.kind, "office"), officeScope(scope, actor)))
      .for("update");
    if (!current) return { ok: false, notFound: true } as const;
    const next = {
      personInCharge: details.personInCharge,
      contactName: details.contactName ?? null,
      contactPhone: details.contactPhone ?? null,
      address: details.address ?? null,
    };
    const changed = (Object.keys(next) as (keyof typeof next)[]).filter((key) => current[key] !== next[key]);
    if (changed.length === 0) return { ok: true, changed } as const;
    await tx.update(organizations).set(next).where(eq(organizations.id, id));
    await recordAudit(tx, {
      actorId: actor.id,
      action: "update",
      entityType: "organization",
      entityId: id,
      districtId: current.districtId,
      officeId: id,
      ipAddress: actor.ipAddress ?? null,
      details: { fields: changed },
    });
    return { ok: true, changed } as const;
  });
}
