import { and, desc, eq, inArray } from "drizzle-orm";
import { organizations } from "#db/schema/accounts";
import { awardTypes, nominations } from "#db/schema/awards";
import type { DbOrTx } from "~/utils/db.server";
import { publicName } from "./eligibility";
import { publicStatuses } from "./nomination-status";
import { isAwardNumber } from "./nominations.server";

/**
 * The public honour roll (光荣榜): awards in public notice (objections open) and final ones. Only what
 * the nominee consented to publish leaves the portal: a volunteer's full name only with consent, no
 * statement, no figures beyond the type and period. Revoked and rejected nominations never appear.
 */
export async function listHonourRoll(db: DbOrTx, options: { limit?: number } = {}) {
  const rows = await db
    .select({
      id: nominations.id,
      status: nominations.status,
      nomineeKind: nominations.nomineeKind,
      nomineeName: nominations.nomineeName,
      publishFullName: nominations.publishFullName,
      periodStart: nominations.periodStart,
      periodEnd: nominations.periodEnd,
      noticeEndsOn: nominations.noticeEndsOn,
      typeNameZh: awardTypes.nameZh,
      typeNameEn: awardTypes.nameEn,
      districtName: organizations.name,
    })
    .from(nominations)
    .innerJoin(awardTypes, eq(awardTypes.id, nominations.awardTypeId))
    .innerJoin(organizations, eq(organizations.id, nominations.districtId))
    .where(inArray(nominations.status, [...publicStatuses]))
    .orderBy(desc(nominations.periodEnd), desc(nominations.noticeStartsOn))
    .limit(options.limit ?? 200);
  return rows.map(({ nomineeName, publishFullName, nomineeKind, ...row }) => ({
    ...row,
    nomineeKind,
    name: publicName(
      nomineeName,
      nomineeKind === "volunteer" ? "volunteer" : "organization",
      publishFullName,
    ),
  }));
}

/** One entry of the roll that is open to objections (the objection form). */
export async function noticeEntry(db: DbOrTx, id: string) {
  const [entry] = (await listHonourRoll(db)).filter((row) => row.id === id && row.status === "in_notice");
  return entry ?? null;
}

/** A final award by its certificate number, for the public verification page (masked as on the roll). */
export async function awardByNumber(db: DbOrTx, number: string) {
  if (!isAwardNumber(number)) return null;
  const [row] = await db
    .select({
      id: nominations.id,
      status: nominations.status,
      nomineeKind: nominations.nomineeKind,
      nomineeName: nominations.nomineeName,
      publishFullName: nominations.publishFullName,
      periodStart: nominations.periodStart,
      periodEnd: nominations.periodEnd,
      finalizedAt: nominations.finalizedAt,
      revokedAt: nominations.revokedAt,
      typeNameZh: awardTypes.nameZh,
      typeNameEn: awardTypes.nameEn,
      districtName: organizations.name,
      certificateNumber: nominations.certificateNumber,
    })
    .from(nominations)
    .innerJoin(awardTypes, eq(awardTypes.id, nominations.awardTypeId))
    .innerJoin(organizations, eq(organizations.id, nominations.districtId))
    .where(and(eq(nominations.certificateNumber, number), inArray(nominations.status, ["final", "revoked"])));
  if (!row) return null;
  const { nomineeName, publishFullName, ...rest } = row;
  return {
    ...rest,
    name: publicName(
      nomineeName,
      row.nomineeKind === "volunteer" ? "volunteer" : "organization",
      publishFullName,
    ),
  };
}
