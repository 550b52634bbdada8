import { and, asc, count, desc, eq, gte, inArray, lt, type SQL, sql } from "drizzle-orm";
import { unionAll } from "drizzle-orm/pg-core";
import { organizations } from "#db/schema/accounts";
import { consultationBookings, lawyers, servicePoints } from "#db/schema/legal";
import { subjects } from "#db/schema/subjects";
import { consentedCategories } from "~/domains/subjects/consent.server";
import type { DbOrTx } from "~/utils/db.server";

/** Whose consultations a list shows: a lawyer's own, a firm's, an office's or a district's. */
export type ConsultationScope =
  { lawyerId: string } | { lawFirmId: string } | { officeId: string } | { districtId: string };

function scopeWhere(scope: ConsultationScope): SQL {
  if ("lawyerId" in scope) return eq(consultationBookings.lawyerId, scope.lawyerId);
  if ("lawFirmId" in scope) return eq(consultationBookings.lawFirmId, scope.lawFirmId);
  if ("officeId" in scope) return eq(consultationBookings.officeId, scope.officeId);
  return eq(consultationBookings.districtId, scope.districtId);
}

function consultationsQuery(
  db: DbOrTx,
  scope: ConsultationScope,
  options: { when: "upcoming" | "past"; now: Date; limit?: number; offset?: number },
) {
  const upcoming = options.when === "upcoming";
  return db
    .select({
      id: consultationBookings.id,
      startsAt: consultationBookings.startsAt,
      endsAt: consultationBookings.endsAt,
      status: consultationBookings.status,
      topic: consultationBookings.topic,
      adviceCategory: consultationBookings.adviceCategory,
      caseCode: subjects.caseCode,
      lawyerName: lawyers.name,
      servicePointName: servicePoints.name,
      officeName: organizations.name,
      when: sql<"upcoming" | "past">`${options.when}::text`.as("when"),
    })
    .from(consultationBookings)
    .innerJoin(lawyers, eq(lawyers.id, consultationBookings.lawyerId))
    .innerJoin(servicePoints, eq(servicePoints.id, consultationBookings.servicePointId))
    .innerJoin(organizations, eq(organizations.id, consultationBookings.officeId))
    .leftJoin(subjects, eq(subjects.id, consultationBookings.subjectId))
    .where(
      and(
        scopeWhere(scope),
        upcoming
          ? gte(consultationBookings.endsAt, options.now)
          : lt(consultationBookings.endsAt, options.now),
      ),
    )
    .orderBy(upcoming ? asc(consultationBookings.startsAt) : desc(consultationBookings.startsAt))
    .limit(options.limit ?? 50)
    .offset(options.offset ?? 0);
}

/**
 * One page of consultations (upcoming soonest first, or past newest first), in one statement: the
 * case code is the only thing about a subject anyone outside the office sees here.
 */
export async function listConsultations(
  db: DbOrTx,
  scope: ConsultationScope,
  options: { when: "upcoming" | "past"; now: Date; limit?: number; offset?: number },
) {
  return consultationsQuery(db, scope, options);
}

/** The next and the last `limit` consultations of a scope, together in one statement. */
export async function consultationsAround(db: DbOrTx, scope: ConsultationScope, now: Date, limit: number) {
  const rows = await unionAll(
    consultationsQuery(db, scope, { when: "upcoming", now, limit }),
    consultationsQuery(db, scope, { when: "past", now, limit }),
  );
  const byStart = (a: (typeof rows)[number], b: (typeof rows)[number]) =>
    a.startsAt.getTime() - b.startsAt.getTime();
  return {
    upcoming: rows.filter((row) => row.when === "upcoming").sort(byStart),
    past: rows.filter((row) => row.when === "past").sort((a, b) => byStart(b, a)),
  };
}

/** What a booking's page needs, with the owners a scope check looks at; null if there is none. */
export async function getConsultation(db: DbOrTx, id: string) {
  const [row] = await db
    .select({
      id: consultationBookings.id,
      ruleId: consultationBookings.ruleId,
      lawyerId: consultationBookings.lawyerId,
      lawFirmId: consultationBookings.lawFirmId,
      officeId: consultationBookings.officeId,
      districtId: consultationBookings.districtId,
      servicePointId: consultationBookings.servicePointId,
      subjectId: consultationBookings.subjectId,
      startsAt: consultationBookings.startsAt,
      endsAt: consultationBookings.endsAt,
      status: consultationBookings.status,
      topic: consultationBookings.topic,
      note: consultationBookings.note,
      sequence: consultationBookings.sequence,
      cancelReason: consultationBookings.cancelReason,
      adviceCategory: consultationBookings.adviceCategory,
      followUpLegalAid: consultationBookings.followUpLegalAid,
      caseCode: subjects.caseCode,
      lawyerName: lawyers.name,
      lawyerUserId: lawyers.userId,
      servicePointName: servicePoints.name,
      servicePointAddress: servicePoints.address,
      servicePointRoom: servicePoints.room,
      officeName: organizations.name,
    })
    .from(consultationBookings)
    .innerJoin(lawyers, eq(lawyers.id, consultationBookings.lawyerId))
    .innerJoin(servicePoints, eq(servicePoints.id, consultationBookings.servicePointId))
    .innerJoin(organizations, eq(organizations.id, consultationBookings.officeId))
    .leftJoin(subjects, eq(subjects.id, consultationBookings.subjectId))
    .where(eq(consultationBookings.id, id));
  return row ?? null;
}

/**
 * The booking's note as the law firm may see it: a walk-in's always, a subject's only while the
 * subject consents to share data with the firm (PIPL art. 23).
 */
export async function noteForFirm(
  db: DbOrTx,
  booking: { note: string | null; subjectId: string | null; lawFirmId: string },
  now: Date,
): Promise<string | null> {
  if (!booking.note) return null;
  if (!booking.subjectId) return booking.note;
  const allowed = await consentedCategories(db, booking.subjectId, booking.lawFirmId, now);
  return allowed.size > 0 ? booking.note : null;
}

export interface NoShowRate {
  id: string;
  name: string;
  decided: number;
  attended: number;
  subjectNoShows: number;
  lawyerNoShows: number;
}

/** No-show rates over decided consultations, per law firm and per office, of a district (or one firm). */
export async function noShowRates(
  db: DbOrTx,
  filter: { districtId?: string; lawFirmId?: string },
  /** Which groupings to read (a page showing one asks for one: a statement each). */
  groups: readonly ("firm" | "office")[] = ["firm", "office"],
): Promise<{ byFirm: NoShowRate[]; byOffice: NoShowRate[] }> {
  const where = and(
    inArray(consultationBookings.status, ["attended", "subject_no_show", "lawyer_no_show"]),
    filter.districtId ? eq(consultationBookings.districtId, filter.districtId) : undefined,
    filter.lawFirmId ? eq(consultationBookings.lawFirmId, filter.lawFirmId) : undefined,
  );
  const tally = {
    decided: count(),
    attended: sql<number>`count(*) filter (where ${consultationBookings.status} = 'attended')`.mapWith(
      Number,
    ),
    subjectNoShows:
      sql<number>`count(*) filter (where ${consultationBookings.status} = 'subject_no_show')`.mapWith(Number),
    lawyerNoShows:
      sql<number>`count(*) filter (where ${consultationBookings.status} = 'lawyer_no_show')`.mapWith(Number),
  };
  const grouped = (party: typeof consultationBookings.lawFirmId | typeof consultationBookings.officeId) =>
    db
      .select({ id: organizations.id, name: organizations.name, ...tally })
      .from(consultationBookings)
      .innerJoin(organizations, eq(organizations.id, party))
      .where(where)
      .groupBy(organizations.id, organizations.name)
      .orderBy(asc(organizations.name));
  const [byFirm, byOffice] = await Promise.all([
    groups.includes("firm") ? grouped(consultationBookings.lawFirmId) : Promise.resolve([]),
    groups.includes("office") ? grouped(consultationBookings.officeId) : Promise.resolve([]),
  ]);
  return { byFirm, byOffice };
}
