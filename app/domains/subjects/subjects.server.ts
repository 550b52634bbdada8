import { and, count, desc, eq, inArray, isNull, lt } from "drizzle-orm";
import { organizations } from "#db/schema/accounts";
import { consents, subjects } from "#db/schema/subjects";
import { recordAudit } from "~/domains/audit/audit.server";
import type { ActorRef } from "~/domains/accounts/actor";
import { type Scope, scopeCondition as scopeConditionOn } from "~/domains/accounts/scope";
import { ForbiddenError } from "~/domains/errors";
import type { Database, DbOrTx } from "~/utils/db.server";
import { decrypt, encrypt, keyedHash, keyedHashesForSearch } from "~/utils/crypto.server";
import { generateCaseCode } from "./case-code";
import { isMinor, parseResidentId } from "./resident-id";
import * as clock from "~/utils/clock.server";

/** Who acts on subjects: what their scope needs to know (see ~/domains/accounts/actor). */
export type Actor = ActorRef;

export interface SubjectRegistration {
  name: string;
  idNumber: string;
  phone: string;
  area: string;
  address: string;
  supervisionLevel: "lenient" | "normal" | "strict";
  correctionStart: string;
  correctionEnd: string;
  languages: string[];
}

export type RegistrationResult =
  { ok: true; id: string; caseCode: string } | { ok: false; field: "idNumber"; error: string };

/**
 * Registers a subject of the actor's own office. Gender and birth date come from the ID number, so
 * they cannot disagree with it. Identifying fields are encrypted before they reach the database,
 * and the registration is audited in the same transaction.
 */
export async function registerSubject(
  db: Database,
  actor: Actor & { ipAddress: string },
  input: SubjectRegistration,
): Promise<RegistrationResult> {
  const parsed = parseResidentId(input.idNumber, clock.now());
  if (!parsed.ok) return { ok: false, field: "idNumber", error: `validation:idNumber.${parsed.reason}` };
  const officeId = actor.organizationId;
  if (!officeId) throw new ForbiddenError("registering needs an office");
  return db.transaction(async (tx) => {
    const [office] = await tx
      .select({ id: organizations.id, districtId: organizations.districtId })
      .from(organizations)
      .where(and(eq(organizations.id, officeId), eq(organizations.kind, "office")));
    if (!office?.districtId) throw new ForbiddenError("registering needs an office");
    const hashes = keyedHashesForSearch(input.idNumber);
    const [existing] = await tx
      .select({ id: subjects.id })
      .from(subjects)
      .where(and(inArray(subjects.idNumberHash, hashes), eq(subjects.status, "active")));
    if (existing)
      return { ok: false, field: "idNumber", error: "validation:idNumber.alreadyActive" } as const;
    const caseCode = generateCaseCode();
    const [row] = await tx
      .insert(subjects)
      .values({
        caseCode,
        officeId: office.id,
        districtId: office.districtId,
        nameCiphertext: encrypt(input.name),
        idNumberCiphertext: encrypt(input.idNumber),
        idNumberHash: keyedHash(input.idNumber),
        phoneCiphertext: encrypt(input.phone),
        addressCiphertext: encrypt(input.address),
        birthDateCiphertext: encrypt(parsed.birthDate),
        gender: parsed.gender,
        area: input.area,
        languages: input.languages,
        supervisionLevel: input.supervisionLevel,
        correctionStart: input.correctionStart,
        correctionEnd: input.correctionEnd,
        createdBy: actor.id,
      })
      .returning({ id: subjects.id });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "create",
      entityType: "subject",
      entityId: row!.id,
      caseCode,
      districtId: office.districtId,
      officeId: office.id,
      ipAddress: actor.ipAddress,
    });
    return { ok: true, id: row!.id, caseCode } as const;
  });
}

export interface SubjectListQuery {
  scope: Scope;
  actor: Actor;
  status?: "active" | "ended" | "archived";
  caseCode?: string;
  page: number;
  pageSize: number;
}

const scopeCondition = (scope: Scope, actor: Actor) =>
  scopeConditionOn(actor, scope, { officeId: subjects.officeId, districtId: subjects.districtId });

/** Case facts only — no identifying field — for the staff list. */
export async function listSubjects(db: DbOrTx, query: SubjectListQuery) {
  const conditions = [scopeCondition(query.scope, query.actor)];
  if (query.status) conditions.push(eq(subjects.status, query.status));
  if (query.caseCode) conditions.push(eq(subjects.caseCode, query.caseCode));
  const where = and(...conditions);
  const [rows, [total]] = await Promise.all([
    db
      .select({
        id: subjects.id,
        caseCode: subjects.caseCode,
        area: subjects.area,
        supervisionLevel: subjects.supervisionLevel,
        correctionStart: subjects.correctionStart,
        correctionEnd: subjects.correctionEnd,
        status: subjects.status,
        officeName: organizations.name,
      })
      .from(subjects)
      .innerJoin(organizations, eq(organizations.id, subjects.officeId))
      .where(where)
      .orderBy(desc(subjects.createdAt), subjects.id)
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize),
    db.select({ total: count() }).from(subjects).where(where),
  ]);
  return { rows, total: total?.total ?? 0 };
}

/** A subject's case facts (no identity), if it is within the actor's scope; else null (→ 404). */
export async function getSubjectCase(db: DbOrTx, id: string, scope: Scope, actor: Actor) {
  const [row] = await db
    .select({
      id: subjects.id,
      caseCode: subjects.caseCode,
      officeId: subjects.officeId,
      districtId: subjects.districtId,
      area: subjects.area,
      gender: subjects.gender,
      languages: subjects.languages,
      supervisionLevel: subjects.supervisionLevel,
      correctionStart: subjects.correctionStart,
      correctionEnd: subjects.correctionEnd,
      status: subjects.status,
      purgedAt: subjects.purgedAt,
      createdAt: subjects.createdAt,
    })
    .from(subjects)
    .where(and(eq(subjects.id, id), scopeCondition(scope, actor)));
  return row ?? null;
}

export interface SubjectIdentity {
  name: string;
  idNumber: string;
  phone: string;
  address: string;
  birthDate: string;
  minor: boolean;
}

/**
 * Decrypts a subject's identifying fields for justice staff, writing the audit row in the same
 * transaction: if the audit cannot be written, nothing is shown.
 */
export async function viewSubjectIdentity(
  db: Database,
  input: { subjectId: string; scope: Scope; actor: Actor; purpose: string; ipAddress: string },
): Promise<SubjectIdentity | null> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select()
      .from(subjects)
      .where(and(eq(subjects.id, input.subjectId), scopeCondition(input.scope, input.actor)));
    if (!row || row.purgedAt || !row.nameCiphertext || !row.idNumberCiphertext) return null;
    await recordAudit(tx, {
      actorId: input.actor.id,
      action: "view_identity",
      entityType: "subject",
      entityId: row.id,
      caseCode: row.caseCode,
      districtId: row.districtId,
      officeId: row.officeId,
      purpose: input.purpose,
      ipAddress: input.ipAddress,
    });
    const birthDate = decrypt(row.birthDateCiphertext!);
    return {
      name: decrypt(row.nameCiphertext),
      idNumber: decrypt(row.idNumberCiphertext),
      phone: row.phoneCiphertext ? decrypt(row.phoneCiphertext) : "",
      address: row.addressCiphertext ? decrypt(row.addressCiphertext) : "",
      birthDate,
      minor: isMinor(birthDate, clock.now()),
    };
  });
}

/** Finds an office's subject by exact ID number through the keyed hash (never a plaintext search). */
export async function findSubjectByIdNumber(db: DbOrTx, idNumber: string, scope: Scope, actor: Actor) {
  const [row] = await db
    .select({ id: subjects.id, caseCode: subjects.caseCode })
    .from(subjects)
    .where(and(inArray(subjects.idNumberHash, keyedHashesForSearch(idNumber)), scopeCondition(scope, actor)));
  return row ?? null;
}

/**
 * Ends a subject's correction (active → ended): open consents stop sharing at once. Needs and
 * referrals of later features close through their own domains when they exist.
 */
export async function endSubject(
  db: Database,
  input: { subjectId: string; actor: Actor & { ipAddress: string } },
) {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(subjects)
      .set({ status: "ended", endedAt: clock.now(), updatedAt: clock.now() })
      .where(
        and(
          eq(subjects.id, input.subjectId),
          eq(subjects.status, "active"),
          scopeCondition("office", input.actor),
        ),
      )
      .returning();
    if (!row) return false;
    await tx
      .update(consents)
      .set({ withdrawnAt: clock.now(), withdrawnBy: input.actor.id })
      .where(and(eq(consents.subjectId, row.id), isNull(consents.withdrawnAt)));
    await recordAudit(tx, {
      actorId: input.actor.id,
      action: "status_change",
      entityType: "subject",
      entityId: row.id,
      caseCode: row.caseCode,
      districtId: row.districtId,
      officeId: row.officeId,
      ipAddress: input.actor.ipAddress,
      details: { status: "ended" },
    });
    return true;
  });
}

/**
 * Erases the identifying fields of subjects whose correction ended more than `retentionDays` ago.
 * The case code, area, supervision level and dates stay for statistics. Audited per subject.
 */
export async function purgeExpiredSubjects(
  db: Database,
  retentionDays: number,
  now = clock.now(),
): Promise<number> {
  const cutoff = new Date(now.getTime() - retentionDays * 86_400_000);
  return db.transaction(async (tx) => {
    const purged = await tx
      .update(subjects)
      .set({
        status: "archived",
        archivedAt: now,
        purgedAt: now,
        nameCiphertext: null,
        idNumberCiphertext: null,
        idNumberHash: null,
        phoneCiphertext: null,
        addressCiphertext: null,
        birthDateCiphertext: null,
        updatedAt: now,
      })
      .where(and(isNull(subjects.purgedAt), lt(subjects.endedAt, cutoff)))
      .returning({
        id: subjects.id,
        caseCode: subjects.caseCode,
        districtId: subjects.districtId,
        officeId: subjects.officeId,
      });
    for (const row of purged) {
      await recordAudit(tx, {
        actorId: null,
        action: "purge",
        entityType: "subject",
        entityId: row.id,
        caseCode: row.caseCode,
        districtId: row.districtId,
        officeId: row.officeId,
        details: { retentionDays },
      });
    }
    return purged.length;
  });
}
