import { and, eq, inArray } from "drizzle-orm";
import { organizations } from "#db/schema/accounts";
import { awardTypes, nominations } from "#db/schema/awards";
import type { Actor } from "~/domains/accounts/actor";
import { permittedCondition } from "~/domains/accounts/authorize";
import { calendarDateOf } from "~/domains/calendar/working-days";
import type { DbOrTx } from "~/utils/db.server";
import { isAwardNumber } from "./nominations.server";
import { periodKeyOf } from "./periods";

/**
 * A final award's certificate content for a reader entitled to it: the nominee (a volunteer) or staff
 * who see the nomination. Revoked awards have no certificate to download (the verification page says so).
 */
export async function awardCertificateFor(db: DbOrTx, actor: Actor, number: string) {
  if (!isAwardNumber(number)) return null;
  const staffScope = permittedCondition(actor, "read:nomination", {
    officeId: nominations.officeId,
    districtId: nominations.districtId,
  });
  const [row] = await db
    .select({
      number: nominations.certificateNumber,
      nomineeName: nominations.nomineeName,
      nomineeUserId: nominations.nomineeUserId,
      periodStart: nominations.periodStart,
      periodEnd: nominations.periodEnd,
      finalizedAt: nominations.finalizedAt,
      typeNameZh: awardTypes.nameZh,
      typeNameEn: awardTypes.nameEn,
      issuer: organizations.name,
      visibleToStaff: staffScope,
    })
    .from(nominations)
    .innerJoin(awardTypes, eq(awardTypes.id, nominations.awardTypeId))
    .innerJoin(organizations, eq(organizations.id, nominations.districtId))
    .where(and(eq(nominations.certificateNumber, number), inArray(nominations.status, ["final"])));
  if (!row) return null;
  if (row.nomineeUserId !== actor.id && !row.visibleToStaff) return null;
  return {
    number: row.number!,
    nomineeName: row.nomineeName,
    typeNameZh: row.typeNameZh,
    typeNameEn: row.typeNameEn,
    periodKey: periodKeyOf(row.periodStart, row.periodEnd),
    issuer: row.issuer,
    finalOn: calendarDateOf(row.finalizedAt!),
  };
}
