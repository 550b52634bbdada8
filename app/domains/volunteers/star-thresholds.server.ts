import { eq, sql } from "drizzle-orm";
import { starThresholds, volunteerProfiles } from "#db/schema/volunteers";
import { recordAudit } from "~/domains/audit/audit.server";
import type { Database, DbOrTx } from "~/utils/db.server";
import { DEFAULT_STAR_THRESHOLDS, isValidStarThresholds, type StarThresholds } from "./star-levels";
import * as clock from "~/utils/clock.server";

/** A district's thresholds and whether they are its own or the default. */
export async function getDistrictStarThresholds(db: DbOrTx, districtId: string) {
  const [row] = await db
    .select({ thresholds: starThresholds.thresholdsMinutes, updatedAt: starThresholds.updatedAt })
    .from(starThresholds)
    .where(eq(starThresholds.districtId, districtId));
  return {
    thresholds: (row?.thresholds ?? DEFAULT_STAR_THRESHOLDS) as StarThresholds,
    custom: Boolean(row),
    updatedAt: row?.updatedAt ?? null,
  };
}

/**
 * Sets a district's thresholds (minutes, validated by star-levels.ts); thresholds equal to the
 * default remove the district's own row, so it follows the default again ("restore the defaults",
 * and saving the unchanged default form does not make the district custom). Every volunteer of the
 * district shows the level the new thresholds give at once — recomputed in the same transaction —
 * but nothing is announced: star-level emails and events follow approvals only.
 */
export async function setDistrictStarThresholds(
  db: Database,
  input: { actor: { id: string; ipAddress: string }; districtId: string; thresholds: StarThresholds },
): Promise<{ recomputed: number }> {
  if (!isValidStarThresholds(input.thresholds)) throw new RangeError("Invalid star thresholds");
  const thresholds = [...input.thresholds];
  const isDefault =
    thresholds.length === DEFAULT_STAR_THRESHOLDS.length &&
    thresholds.every((value, index) => value === DEFAULT_STAR_THRESHOLDS[index]);
  return db.transaction(async (tx) => {
    if (isDefault) await tx.delete(starThresholds).where(eq(starThresholds.districtId, input.districtId));
    else
      await tx
        .insert(starThresholds)
        .values({ districtId: input.districtId, thresholdsMinutes: thresholds, updatedBy: input.actor.id })
        .onConflictDoUpdate({
          target: starThresholds.districtId,
          set: { thresholdsMinutes: thresholds, updatedBy: input.actor.id, updatedAt: clock.now() },
        });
    const levelSql = sql`(select count(*) from unnest(${sql.raw(`array[${thresholds.join(",")}]::integer[]`)}) as threshold(v) where threshold.v <= ${volunteerProfiles.approvedMinutes})::smallint`;
    const updated = await tx
      .update(volunteerProfiles)
      .set({ starLevel: levelSql })
      .where(eq(volunteerProfiles.districtId, input.districtId))
      .returning({ userId: volunteerProfiles.userId });
    await recordAudit(tx, {
      actorId: input.actor.id,
      action: "update",
      entityType: "star-thresholds",
      entityId: input.districtId,
      districtId: input.districtId,
      ipAddress: input.actor.ipAddress,
      details: { thresholdsMinutes: thresholds },
    });
    return { recomputed: updated.length };
  });
}
