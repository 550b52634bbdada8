import { and, asc, eq } from "drizzle-orm";
import { awardTypes } from "#db/schema/awards";
import type { Actor } from "~/domains/accounts/actor";
import { recordAudit } from "~/domains/audit/audit.server";
import type { Database, DbOrTx } from "~/utils/db.server";
import type { AwardTypeInput } from "./validation";

/** The district's commendation types, active first, by name. */
export async function listAwardTypes(db: DbOrTx, districtId: string, options: { activeOnly?: boolean } = {}) {
  return db
    .select()
    .from(awardTypes)
    .where(
      and(
        eq(awardTypes.districtId, districtId),
        options.activeOnly ? eq(awardTypes.active, true) : undefined,
      ),
    )
    .orderBy(asc(awardTypes.active), asc(awardTypes.nameZh));
}

export async function getAwardType(db: DbOrTx, districtId: string, id: string) {
  const [row] = await db
    .select()
    .from(awardTypes)
    .where(and(eq(awardTypes.id, id), eq(awardTypes.districtId, districtId)));
  return row ?? null;
}

export type SaveAwardTypeResult = { ok: true; id: string } | { ok: false; field: string; error: string };

/** A bureau admin creates or changes a type of their district (audited in the same transaction). */
export async function saveAwardType(
  db: Database,
  actor: Pick<Actor, "id" | "districtId">,
  input: AwardTypeInput & { id?: string },
): Promise<SaveAwardTypeResult> {
  const districtId = actor.districtId;
  if (!districtId) return { ok: false, field: "nameZh", error: "awards:errors.notFound" };
  return db.transaction(async (tx) => {
    const values = {
      nameZh: input.nameZh,
      nameEn: input.nameEn,
      nomineeKind: input.nomineeKind,
      periodKind: input.periodKind,
      minMinutes: input.minHours == null ? null : input.minHours * 60,
      minActivities: input.minActivities ?? null,
      minPlacements: input.minPlacements ?? null,
      minRetained30: input.minRetained30 ?? null,
      minRetained90: input.minRetained90 ?? null,
      minRetained180: input.minRetained180 ?? null,
      minConsultations: input.minConsultations ?? null,
      minReferralsResolved: input.minReferralsResolved ?? null,
      noticeWorkingDays: input.noticeWorkingDays,
      active: input.active,
    };
    const [row] = input.id
      ? await tx
          .update(awardTypes)
          .set(values)
          .where(and(eq(awardTypes.id, input.id), eq(awardTypes.districtId, districtId)))
          .returning({ id: awardTypes.id })
      : await tx
          .insert(awardTypes)
          .values({ ...values, districtId })
          .onConflictDoNothing()
          .returning({ id: awardTypes.id });
    if (!row)
      return {
        ok: false,
        field: "nameZh",
        error: input.id ? "awards:errors.notFound" : "awards:errors.typeNameTaken",
      };
    await recordAudit(tx, {
      actorId: actor.id,
      action: input.id ? "update" : "create",
      entityType: "award-type",
      entityId: row.id,
      districtId,
      details: { ...values },
    });
    return { ok: true, id: row.id };
  });
}
