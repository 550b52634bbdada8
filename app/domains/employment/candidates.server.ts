import { and, eq } from "drizzle-orm";
import { candidateProfiles } from "#db/schema/employment";
import { subjects } from "#db/schema/subjects";
import type { ActorRef } from "~/domains/accounts/actor";
import { scopeCondition } from "~/domains/accounts/scope";
import { recordAudit } from "~/domains/audit/audit.server";
import type { Database, DbOrTx } from "~/utils/db.server";
import * as clock from "~/utils/clock.server";
import type { EmploymentActor } from "./enterprise.server";
import type { CandidateProfileInput } from "./validation";

/** A subject of the staff member's office, by case code, with its candidate profile (or null). */
export async function getCandidate(db: DbOrTx, caseCode: string, actor: ActorRef) {
  const [row] = await db
    .select({
      subjectId: subjects.id,
      caseCode: subjects.caseCode,
      status: subjects.status,
      profile: candidateProfiles,
    })
    .from(subjects)
    .leftJoin(candidateProfiles, eq(candidateProfiles.subjectId, subjects.id))
    .where(
      and(eq(subjects.caseCode, caseCode), scopeCondition(actor, "office", { officeId: subjects.officeId })),
    );
  return row ?? null;
}

/** Staff keep the non-identifying candidate profile a referral shows the enterprise. */
export async function saveCandidateProfile(
  db: Database,
  input: { actor: EmploymentActor; caseCode: string; profile: CandidateProfileInput },
  now = clock.now(),
): Promise<{ ok: true } | { ok: false; notFound: true }> {
  return db.transaction(async (tx) => {
    const [subject] = await tx
      .select({
        id: subjects.id,
        officeId: subjects.officeId,
        districtId: subjects.districtId,
        caseCode: subjects.caseCode,
      })
      .from(subjects)
      .where(
        and(
          eq(subjects.caseCode, input.caseCode),
          eq(subjects.status, "active"),
          scopeCondition(input.actor, "office", { officeId: subjects.officeId }),
        ),
      );
    if (!subject) return { ok: false, notFound: true } as const;
    const values = { ...input.profile, updatedBy: input.actor.id, updatedAt: now };
    await tx
      .insert(candidateProfiles)
      .values({
        subjectId: subject.id,
        officeId: subject.officeId,
        districtId: subject.districtId,
        ...values,
      })
      .onConflictDoUpdate({ target: candidateProfiles.subjectId, set: values });
    await recordAudit(tx, {
      actorId: input.actor.id,
      action: "update",
      entityType: "candidate-profile",
      entityId: subject.id,
      caseCode: subject.caseCode,
      districtId: subject.districtId,
      officeId: subject.officeId,
      ipAddress: input.actor.ipAddress ?? null,
    });
    return { ok: true } as const;
  });
}
