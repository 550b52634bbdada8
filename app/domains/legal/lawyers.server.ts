import { and, asc, eq, sql } from "drizzle-orm";
import { organizations, users } from "#db/schema/accounts";
import { lawyers, servicePoints } from "#db/schema/legal";
import type { ActorRef } from "~/domains/accounts/actor";
import { recordAudit } from "~/domains/audit/audit.server";
import { decrypt, encrypt, randomToken, sha256Hex } from "~/utils/crypto.server";
import { type Database, type DbOrTx, withWindowTotal } from "~/utils/db.server";
import type { LawyerInput, ServicePointInput } from "./validation";

export type LegalFailure = { ok: false; field?: string; error: string };

/** A new feed secret: the token for the URL, its SHA-256 to find the lawyer, its ciphertext to show it again. */
function newFeedToken() {
  const token = randomToken(24);
  return { token, feedTokenHash: sha256Hex(token), feedTokenCiphertext: encrypt(token) };
}

/** Adds a lawyer to the actor's (verified) law firm, optionally linking a lawyer account of the firm. */
export async function createLawyer(
  db: Database,
  input: { actor: ActorRef & { ipAddress?: string | null }; lawyer: LawyerInput },
): Promise<{ ok: true; id: string } | LegalFailure> {
  const { actor, lawyer } = input;
  return db.transaction(async (tx) => {
    const [firm] = await tx
      .select({ id: organizations.id, districtId: organizations.districtId })
      .from(organizations)
      .where(and(eq(organizations.id, actor.organizationId ?? ""), eq(organizations.kind, "law_firm")));
    if (!firm?.districtId) return { ok: false, error: "legal:errors.notLawFirm" };
    let userId: string | null = null;
    if (lawyer.accountEmail) {
      const [account] = await tx
        .select({ id: users.id })
        .from(users)
        .where(
          and(
            eq(users.email, lawyer.accountEmail),
            eq(users.organizationId, firm.id),
            eq(users.role, "lawyer"),
          ),
        );
      if (!account) return { ok: false, field: "accountEmail", error: "legal:validation.accountNotFound" };
      const [linked] = await tx
        .select({ id: lawyers.id })
        .from(lawyers)
        .where(eq(lawyers.userId, account.id));
      if (linked) return { ok: false, field: "accountEmail", error: "legal:validation.accountLinked" };
      userId = account.id;
    }
    const [taken] = await tx
      .select({ id: lawyers.id })
      .from(lawyers)
      .where(eq(lawyers.practiceLicence, lawyer.practiceLicence));
    if (taken) return { ok: false, field: "practiceLicence", error: "legal:validation.licenceTaken" };
    const { feedTokenHash, feedTokenCiphertext } = newFeedToken();
    const [row] = await tx
      .insert(lawyers)
      .values({
        lawFirmId: firm.id,
        districtId: firm.districtId,
        userId,
        name: lawyer.name,
        practiceLicence: lawyer.practiceLicence,
        specialties: lawyer.specialties,
        languages: lawyer.languages,
        feedTokenHash,
        feedTokenCiphertext,
      })
      .returning({ id: lawyers.id });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "create",
      entityType: "lawyer",
      entityId: row!.id,
      districtId: firm.districtId,
      ipAddress: actor.ipAddress ?? null,
    });
    return { ok: true, id: row!.id };
  });
}

/** The lawyers of a firm, for its pages (licence shown to the firm only). */
export async function listFirmLawyers(db: DbOrTx, lawFirmId: string) {
  return db
    .select({
      id: lawyers.id,
      name: lawyers.name,
      practiceLicence: lawyers.practiceLicence,
      specialties: lawyers.specialties,
      languages: lawyers.languages,
      active: lawyers.active,
      accountEmail: users.email,
    })
    .from(lawyers)
    .leftJoin(users, eq(users.id, lawyers.userId))
    .where(eq(lawyers.lawFirmId, lawFirmId))
    .orderBy(asc(lawyers.name));
}

/** The firm's overview: one page of its lawyers, by name, with how many there are in all. */
export async function listFirmLawyersPage(
  db: DbOrTx,
  lawFirmId: string,
  { page, pageSize }: { page: number; pageSize: number },
) {
  const rows = await db
    .select({
      id: lawyers.id,
      name: lawyers.name,
      practiceLicence: lawyers.practiceLicence,
      specialties: lawyers.specialties,
      accountEmail: users.email,
      total: sql<number>`count(*) over ()`.mapWith(Number),
    })
    .from(lawyers)
    .leftJoin(users, eq(users.id, lawyers.userId))
    .where(eq(lawyers.lawFirmId, lawFirmId))
    .orderBy(asc(lawyers.name), asc(lawyers.id))
    .limit(pageSize)
    .offset((page - 1) * pageSize);
  return withWindowTotal(rows, page, () => db.$count(lawyers, eq(lawyers.lawFirmId, lawFirmId)));
}

/** The lawyer record of a lawyer's own account, or null. */
export async function lawyerOfUser(db: DbOrTx, userId: string) {
  const [row] = await db
    .select({
      id: lawyers.id,
      name: lawyers.name,
      lawFirmId: lawyers.lawFirmId,
      districtId: lawyers.districtId,
    })
    .from(lawyers)
    .where(eq(lawyers.userId, userId));
  return row ?? null;
}

/** The lawyer's feed token (to show the subscription URL to the lawyer or their firm). */
export async function feedTokenOf(db: DbOrTx, lawyerId: string): Promise<string | null> {
  const [row] = await db
    .select({ ciphertext: lawyers.feedTokenCiphertext })
    .from(lawyers)
    .where(eq(lawyers.id, lawyerId));
  return row ? decrypt(row.ciphertext) : null;
}

/** A new feed URL secret; the old URL stops working at once. */
export async function rotateFeedToken(db: DbOrTx, lawyerId: string): Promise<string> {
  const { token, feedTokenHash, feedTokenCiphertext } = newFeedToken();
  await db.update(lawyers).set({ feedTokenHash, feedTokenCiphertext }).where(eq(lawyers.id, lawyerId));
  return token;
}

/** The lawyer a feed token belongs to (active lawyers only), or null. */
export async function lawyerByFeedToken(db: DbOrTx, token: string) {
  if (!/^[A-Za-z0-9_-]{16,128}$/.test(token)) return null;
  const [row] = await db
    .select({ id: lawyers.id, name: lawyers.name })
    .from(lawyers)
    .where(and(eq(lawyers.feedTokenHash, sha256Hex(token)), eq(lawyers.active, true)));
  return row ?? null;
}

/** Staff add a service point to their office. */
export async function createServicePoint(
  db: Database,
  input: { actor: ActorRef & { ipAddress?: string | null }; point: ServicePointInput },
): Promise<{ ok: true; id: string } | LegalFailure> {
  const { actor, point } = input;
  return db.transaction(async (tx) => {
    const [office] = await tx
      .select({ id: organizations.id, districtId: organizations.districtId })
      .from(organizations)
      .where(and(eq(organizations.id, actor.organizationId ?? ""), eq(organizations.kind, "office")));
    if (!office?.districtId) return { ok: false, error: "legal:errors.notOffice" };
    const [row] = await tx
      .insert(servicePoints)
      .values({ officeId: office.id, districtId: office.districtId, ...point })
      .returning({ id: servicePoints.id });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "create",
      entityType: "service-point",
      entityId: row!.id,
      districtId: office.districtId,
      officeId: office.id,
      ipAddress: actor.ipAddress ?? null,
    });
    return { ok: true, id: row!.id };
  });
}

/** Service points of a district (law firms choose where to hold hours; staff see their office's). */
export async function listServicePoints(db: DbOrTx, filter: { districtId?: string; officeId?: string }) {
  const conditions = [eq(servicePoints.active, true)];
  if (filter.districtId) conditions.push(eq(servicePoints.districtId, filter.districtId));
  if (filter.officeId) conditions.push(eq(servicePoints.officeId, filter.officeId));
  return db
    .select({
      id: servicePoints.id,
      name: servicePoints.name,
      address: servicePoints.address,
      room: servicePoints.room,
      directions: servicePoints.directions,
      officeId: servicePoints.officeId,
      officeName: organizations.name,
    })
    .from(servicePoints)
    .innerJoin(organizations, eq(organizations.id, servicePoints.officeId))
    .where(and(...conditions))
    .orderBy(asc(organizations.name), asc(servicePoints.name));
}
