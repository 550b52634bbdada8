import { and, asc, desc, eq, inArray, sql, type SQL } from "drizzle-orm";
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
const rollColumns = {
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
};

/** The entries of the roll matching `where`, newest period first. */
function rollEntries(
  db: DbOrTx,
  where: SQL | undefined,
  order: SQL[] = [desc(nominations.periodEnd), desc(nominations.noticeStartsOn), asc(nominations.id)],
) {
  return db
    .select(rollColumns)
    .from(nominations)
    .innerJoin(awardTypes, eq(awardTypes.id, nominations.awardTypeId))
    .innerJoin(organizations, eq(organizations.id, nominations.districtId))
    .where(where)
    .orderBy(...order);
}

type RollRow = Awaited<ReturnType<typeof rollEntries>>[number];

/** What the public sees of an entry: the name as consented, nothing of the statement or figures. */
function publicEntry<Row extends Pick<RollRow, "nomineeName" | "publishFullName" | "nomineeKind">>({
  nomineeName,
  publishFullName,
  nomineeKind,
  ...row
}: Row) {
  return {
    ...row,
    nomineeKind,
    name: publicName(
      nomineeName,
      nomineeKind === "volunteer" ? "volunteer" : "organization",
      publishFullName,
    ),
  };
}

export type HonourRollEntry = ReturnType<typeof publicEntry<RollRow>>;

/** Every entry in public notice and every final one (tests and the seed checks). */
export async function listHonourRoll(db: DbOrTx): Promise<HonourRollEntry[]> {
  return (await rollEntries(db, inArray(nominations.status, [...publicStatuses]))).map(publicEntry);
}

/** Entries shown per page of each list of the public roll. */
export const HONOUR_ROLL_PAGE_SIZE = 30;

const pageOf = (requested: number, total: number) =>
  Math.min(Math.max(1, Math.trunc(requested) || 1), Math.max(1, Math.ceil(total / HONOUR_ROLL_PAGE_SIZE)));

/**
 * The public page: a page of the entries in notice (objections open, ending soonest first) and a page
 * of the final awards (newest period first), with both totals, in three statements whatever the
 * roll's length.
 */
export async function honourRollPage(db: DbOrTx, requested: { page: number; noticePage: number }) {
  const [totals] = await db
    .select({
      inNotice: sql<number>`count(*) filter (where ${nominations.status} = 'in_notice')`.mapWith(Number),
      final: sql<number>`count(*) filter (where ${nominations.status} = 'final')`.mapWith(Number),
    })
    .from(nominations)
    .where(inArray(nominations.status, [...publicStatuses]));
  const noticeTotal = totals?.inNotice ?? 0;
  const finalTotal = totals?.final ?? 0;
  const noticePage = pageOf(requested.noticePage, noticeTotal);
  const page = pageOf(requested.page, finalTotal);
  const [inNotice, final] = await Promise.all([
    rollEntries(db, eq(nominations.status, "in_notice"), [asc(nominations.noticeEndsOn), asc(nominations.id)])
      .limit(HONOUR_ROLL_PAGE_SIZE)
      .offset((noticePage - 1) * HONOUR_ROLL_PAGE_SIZE),
    rollEntries(db, eq(nominations.status, "final"))
      .limit(HONOUR_ROLL_PAGE_SIZE)
      .offset((page - 1) * HONOUR_ROLL_PAGE_SIZE),
  ]);
  return {
    inNotice: inNotice.map(publicEntry),
    noticeTotal,
    noticePage,
    final: final.map(publicEntry),
    finalTotal,
    page,
    pageSize: HONOUR_ROLL_PAGE_SIZE,
  };
}

/** One entry of the roll that is open to objections (the objection form). */
export async function noticeEntry(db: DbOrTx, id: string) {
  const [entry] = await rollEntries(
    db,
    and(eq(nominations.id, id), eq(nominations.status, "in_notice")),
  ).limit(1);
  return entry ? publicEntry(entry) : null;
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
  return row ? publicEntry(row) : null;
}
