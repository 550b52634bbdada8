import { and, asc, eq, gte, inArray, isNull, ne, or } from "drizzle-orm";
import { volunteerProfiles, volunteerQualifications } from "#db/schema/volunteers";
import { type Scope, scopeCondition } from "~/domains/accounts/scope";
import { recordAudit } from "~/domains/audit/audit.server";
import { shanghaiDate } from "~/domains/subjects/resident-id";
import type { Database, DbOrTx } from "~/utils/db.server";
import type { QualificationKind } from "./activity-options";
import type { QualificationInput } from "./profile-validation";
import type { StaffActor } from "./registration.server";
import { qualificationExpiryState } from "./volunteer-profile";
import * as clock from "~/utils/clock.server";

/**
 * Does the volunteer hold a qualification of `kind` that staff verified and that has not expired on
 * `onDate` ('YYYY-MM-DD', an Asia/Shanghai calendar day; valid through its expiry date)? For
 * activities that require a qualification.
 */
export async function hasValidQualification(
  db: DbOrTx,
  volunteerId: string,
  kind: QualificationKind | string,
  onDate: string,
): Promise<boolean> {
  const [row] = await db
    .select({ id: volunteerQualifications.id })
    .from(volunteerQualifications)
    .where(
      and(
        eq(volunteerQualifications.volunteerId, volunteerId),
        eq(volunteerQualifications.kind, kind),
        eq(volunteerQualifications.status, "verified"),
        or(isNull(volunteerQualifications.expiresOn), gte(volunteerQualifications.expiresOn, onDate)),
      ),
    )
    .limit(1);
  return Boolean(row);
}

/** A volunteer's qualifications with their expiry state today (Asia/Shanghai). */
export async function listQualifications(db: DbOrTx, volunteerId: string, now = clock.now()) {
  const today = shanghaiDate(now);
  const rows = await db
    .select({
      id: volunteerQualifications.id,
      kind: volunteerQualifications.kind,
      certificateNumber: volunteerQualifications.certificateNumber,
      issuedBy: volunteerQualifications.issuedBy,
      expiresOn: volunteerQualifications.expiresOn,
      status: volunteerQualifications.status,
      decidedAt: volunteerQualifications.decidedAt,
      createdAt: volunteerQualifications.createdAt,
    })
    .from(volunteerQualifications)
    .where(eq(volunteerQualifications.volunteerId, volunteerId))
    .orderBy(asc(volunteerQualifications.createdAt), asc(volunteerQualifications.id));
  return rows.map((row) => ({
    ...row,
    kind: row.kind as QualificationKind,
    expiry: qualificationExpiryState(row.expiresOn, today),
  }));
}

export type QualificationResult = { ok: true; id: string } | { ok: false; field?: string; error: string };

/** Adds a qualification (pending until staff verify it) to the volunteer's own registration. */
export async function addQualification(
  db: Database,
  volunteerId: string,
  input: QualificationInput,
): Promise<QualificationResult> {
  return db.transaction(async (tx) => {
    const [profile] = await tx
      .select({ userId: volunteerProfiles.userId })
      .from(volunteerProfiles)
      .where(eq(volunteerProfiles.userId, volunteerId));
    if (!profile) return { ok: false, error: "volunteers:errors.profileFirst" } as const;
    const [row] = await tx
      .insert(volunteerQualifications)
      .values({
        volunteerId,
        kind: input.kind,
        certificateNumber: input.certificateNumber,
        issuedBy: input.issuedBy,
        expiresOn: input.expiresOn,
      })
      .onConflictDoNothing()
      .returning({ id: volunteerQualifications.id });
    if (!row)
      return {
        ok: false,
        field: "certificateNumber",
        error: "validation:qualificationNumber.duplicate",
      } as const;
    return { ok: true, id: row.id } as const;
  });
}

/** Removes one of the volunteer's own qualifications that staff have not verified. */
export async function removeQualification(db: DbOrTx, volunteerId: string, qualificationId: string) {
  const removed = await db
    .delete(volunteerQualifications)
    .where(
      and(
        eq(volunteerQualifications.id, qualificationId),
        eq(volunteerQualifications.volunteerId, volunteerId),
        ne(volunteerQualifications.status, "verified"),
      ),
    )
    .returning({ id: volunteerQualifications.id });
  return removed.length > 0;
}

/**
 * Staff verify or reject a pending qualification of a volunteer in their scope (audited). False when
 * it is not in scope, not the volunteer's, or already decided.
 */
export async function decideQualification(
  db: Database,
  input: {
    volunteerId: string;
    qualificationId: string;
    decision: "verify" | "reject";
    scope: Scope;
    actor: StaffActor & { ipAddress: string };
  },
  now = clock.now(),
): Promise<boolean> {
  const inScope = scopeCondition(input.actor, input.scope, {
    officeId: volunteerProfiles.homeOfficeId,
    districtId: volunteerProfiles.districtId,
  });
  return db.transaction(async (tx) => {
    const [profile] = await tx
      .select({
        userId: volunteerProfiles.userId,
        homeOfficeId: volunteerProfiles.homeOfficeId,
        districtId: volunteerProfiles.districtId,
      })
      .from(volunteerProfiles)
      .where(and(eq(volunteerProfiles.userId, input.volunteerId), inScope));
    if (!profile) return false;
    const [updated] = await tx
      .update(volunteerQualifications)
      .set({
        status: input.decision === "verify" ? "verified" : "rejected",
        decidedBy: input.actor.id,
        decidedAt: now,
      })
      .where(
        and(
          eq(volunteerQualifications.id, input.qualificationId),
          eq(volunteerQualifications.volunteerId, profile.userId),
          inArray(volunteerQualifications.status, ["pending"]),
        ),
      )
      .returning({ id: volunteerQualifications.id, kind: volunteerQualifications.kind });
    if (!updated) return false;
    await recordAudit(tx, {
      actorId: input.actor.id,
      action: input.decision === "verify" ? "approve" : "status_change",
      entityType: "volunteer-qualification",
      entityId: updated.id,
      districtId: profile.districtId,
      officeId: profile.homeOfficeId,
      ipAddress: input.actor.ipAddress,
      details: {
        volunteerId: profile.userId,
        kind: updated.kind,
        status: input.decision === "verify" ? "verified" : "rejected",
      },
    });
    return true;
  });
}
