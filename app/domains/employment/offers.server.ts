import { randomUUID } from "node:crypto";
import { and, asc, desc, eq, gte, ilike, isNull, lt, lte, or, type SQL, sql } from "drizzle-orm";
import { organizations } from "#db/schema/accounts";
import {
  enterpriseProfiles,
  jobOffers,
  jobOfferVersions,
  trainingOffers,
  trainingSessions,
} from "#db/schema/employment";
import type { ActorRef } from "~/domains/accounts/actor";
import { scopeCondition } from "~/domains/accounts/scope";
import { addCalendarDays, calendarDateOf } from "~/domains/calendar/working-days";
import { recordAudit } from "~/domains/audit/audit.server";
import { notify } from "~/domains/notifications/notify.server";
import { type Database, type DbOrTx, escapeLike, selectRows } from "~/utils/db.server";
import * as clock from "~/utils/clock.server";
import { districtStaffRecipients, type EmploymentActor, enterpriseRecipients } from "./enterprise.server";
import { nextOfferStatus, type OfferAction } from "./status";
import type { JobOfferInput, OfferFilters, TrainingOfferInput, TrainingSessionInput } from "./validation";

export type OfferResult =
  | { ok: true; id: string }
  | { ok: false; notFound?: false; field?: string; error: string }
  | { ok: false; notFound: true };
const notFound = { ok: false, notFound: true } as const;

const ownJob = (actor: ActorRef) =>
  scopeCondition(actor, "organization", { organizationId: jobOffers.enterpriseId });
const ownTraining = (actor: ActorRef) =>
  scopeCondition(actor, "organization", { organizationId: trainingOffers.enterpriseId });

async function hasSignedProfile(tx: DbOrTx, enterpriseId: string) {
  const [row] = await tx
    .select({ id: enterpriseProfiles.organizationId })
    .from(enterpriseProfiles)
    .where(eq(enterpriseProfiles.organizationId, enterpriseId));
  return Boolean(row);
}

async function isDistrict(tx: DbOrTx, id: string) {
  const [row] = await tx
    .select({ id: organizations.id })
    .from(organizations)
    .where(and(eq(organizations.id, id), eq(organizations.kind, "bureau")));
  return Boolean(row);
}

/** The content of a job offer as versions keep it. */
function jobContent(offer: JobOfferInput) {
  return { ...offer };
}

export async function createJobOffer(
  db: Database,
  input: { actor: EmploymentActor; offer: JobOfferInput },
  now = clock.now(),
): Promise<OfferResult> {
  const enterpriseId = input.actor.organizationId;
  if (!enterpriseId) return notFound;
  return db.transaction(async (tx) => {
    if (!(await hasSignedProfile(tx, enterpriseId)))
      return { ok: false, error: "employment:errors.pledgeFirst" };
    if (!(await isDistrict(tx, input.offer.workDistrictId)))
      return { ok: false, field: "workDistrictId", error: "employment:errors.district" };
    const [row] = await tx
      .insert(jobOffers)
      .values({ ...input.offer, enterpriseId, createdBy: input.actor.id, createdAt: now, updatedAt: now })
      .returning({ id: jobOffers.id });
    await recordAudit(tx, {
      actorId: input.actor.id,
      action: "create",
      entityType: "job-offer",
      entityId: row!.id,
      ipAddress: input.actor.ipAddress ?? null,
    });
    return { ok: true, id: row!.id };
  });
}

/**
 * Changes a job offer. A draft is changed in place; a published offer keeps what staff saw: the
 * new content becomes the next version (job_offer_versions is append-only). Openings never drop
 * below the hires already made (the CHECK job_offers_hired_within_openings says the same).
 */
export async function updateJobOffer(
  db: Database,
  input: { actor: EmploymentActor; id: string; offer: JobOfferInput },
  now = clock.now(),
): Promise<OfferResult> {
  return db.transaction(async (tx) => {
    const [current] = await tx
      .select()
      .from(jobOffers)
      .where(and(eq(jobOffers.id, input.id), ownJob(input.actor)))
      .for("update");
    if (!current) return notFound;
    if (current.status === "filled") return { ok: false, error: "employment:errors.offerFilled" };
    if (input.offer.openings < current.hiredCount)
      return { ok: false, field: "openings", error: "employment:errors.openingsBelowHires" };
    if (!(await isDistrict(tx, input.offer.workDistrictId)))
      return { ok: false, field: "workDistrictId", error: "employment:errors.district" };
    const published = current.status !== "draft";
    const version = published ? current.version + 1 : 0;
    await tx
      .update(jobOffers)
      .set({ ...input.offer, version, updatedAt: now })
      .where(eq(jobOffers.id, current.id));
    if (published) {
      await tx.insert(jobOfferVersions).values({
        jobOfferId: current.id,
        version,
        content: jobContent(input.offer),
        editedBy: input.actor.id,
        createdAt: now,
      });
    }
    await recordAudit(tx, {
      actorId: input.actor.id,
      action: "update",
      entityType: "job-offer",
      entityId: current.id,
      ipAddress: input.actor.ipAddress ?? null,
      details: { version },
    });
    return { ok: true, id: current.id };
  });
}

/** Publish (version 1, staff of the work district are told), close, or reopen a job offer. */
export async function changeJobOfferStatus(
  db: Database,
  input: { actor: EmploymentActor; id: string; action: OfferAction },
  now = clock.now(),
): Promise<OfferResult> {
  return db.transaction(async (tx) => {
    const [current] = await tx
      .select()
      .from(jobOffers)
      .where(and(eq(jobOffers.id, input.id), ownJob(input.actor)))
      .for("update");
    if (!current) return notFound;
    const next = nextOfferStatus(current.status, input.action);
    if (!next) return { ok: false, error: "employment:errors.invalidTransition" };
    if (next === "open" && current.closesOn < calendarDateOf(now))
      return { ok: false, field: "closesOn", error: "employment:errors.closesInPast" };
    const publishing = input.action === "publish";
    await tx
      .update(jobOffers)
      .set({
        status: next,
        ...(publishing ? { version: 1, publishedAt: now } : {}),
        closedAt: next === "closed" ? now : null,
        updatedAt: now,
      })
      .where(eq(jobOffers.id, current.id));
    if (publishing) {
      const content = jobContent({
        title: current.title,
        category: current.category as JobOfferInput["category"],
        openings: current.openings,
        wageMin: current.wageMin,
        wageMax: current.wageMax,
        workDistrictId: current.workDistrictId,
        workAddress: current.workAddress,
        hours: current.hours,
        requirements: current.requirements,
        benefits: current.benefits,
        accommodation: current.accommodation,
        startsOn: current.startsOn,
        closesOn: current.closesOn,
      });
      await tx
        .insert(jobOfferVersions)
        .values({ jobOfferId: current.id, version: 1, content, editedBy: input.actor.id, createdAt: now });
      const [enterprise] = await tx
        .select({ name: organizations.name })
        .from(organizations)
        .where(eq(organizations.id, current.enterpriseId));
      for (const to of await districtStaffRecipients(tx, current.workDistrictId)) {
        await notify(tx, {
          template: "employment-offer-published",
          data: {
            kind: "job",
            title: current.title,
            enterprise: enterprise?.name ?? "",
            closesOn: current.closesOn,
            url: `/staff/employment/jobs/${current.id}`,
          },
          to,
          idempotencyKey: `employment-offer-published:job:${current.id}:${to.userId}`,
        });
      }
    }
    await recordAudit(tx, {
      actorId: input.actor.id,
      action: "status_change",
      entityType: "job-offer",
      entityId: current.id,
      ipAddress: input.actor.ipAddress ?? null,
      details: { from: current.status, status: next },
    });
    return { ok: true, id: current.id };
  });
}

export async function createTrainingOffer(
  db: Database,
  input: { actor: EmploymentActor; offer: TrainingOfferInput },
  now = clock.now(),
): Promise<OfferResult> {
  const enterpriseId = input.actor.organizationId;
  if (!enterpriseId) return notFound;
  return db.transaction(async (tx) => {
    if (!(await hasSignedProfile(tx, enterpriseId)))
      return { ok: false, error: "employment:errors.pledgeFirst" };
    if (!(await isDistrict(tx, input.offer.districtId)))
      return { ok: false, field: "districtId", error: "employment:errors.district" };
    const [row] = await tx
      .insert(trainingOffers)
      .values({ ...input.offer, enterpriseId, createdBy: input.actor.id, createdAt: now, updatedAt: now })
      .returning({ id: trainingOffers.id });
    await recordAudit(tx, {
      actorId: input.actor.id,
      action: "create",
      entityType: "training-offer",
      entityId: row!.id,
      ipAddress: input.actor.ipAddress ?? null,
    });
    return { ok: true, id: row!.id };
  });
}

export async function updateTrainingOffer(
  db: Database,
  input: { actor: EmploymentActor; id: string; offer: TrainingOfferInput },
  now = clock.now(),
): Promise<OfferResult> {
  return db.transaction(async (tx) => {
    const [current] = await tx
      .select()
      .from(trainingOffers)
      .where(and(eq(trainingOffers.id, input.id), ownTraining(input.actor)))
      .for("update");
    if (!current) return notFound;
    if (input.offer.capacity < current.enrolledCount)
      return { ok: false, field: "capacity", error: "employment:errors.capacityBelowEnrolled" };
    if (!(await isDistrict(tx, input.offer.districtId)))
      return { ok: false, field: "districtId", error: "employment:errors.district" };
    await tx
      .update(trainingOffers)
      .set({ ...input.offer, updatedAt: now })
      .where(eq(trainingOffers.id, current.id));
    await recordAudit(tx, {
      actorId: input.actor.id,
      action: "update",
      entityType: "training-offer",
      entityId: current.id,
      ipAddress: input.actor.ipAddress ?? null,
    });
    return { ok: true, id: current.id };
  });
}

/** Beijing wall-clock date and time as an instant (China has no daylight saving time). */
function shanghaiInstant(date: string, time: string) {
  return new Date(`${date}T${time}:00+08:00`);
}

export async function addTrainingSession(
  db: Database,
  input: { actor: EmploymentActor; trainingOfferId: string; session: TrainingSessionInput },
): Promise<OfferResult> {
  return db.transaction(async (tx) => {
    const [offer] = await tx
      .select({ id: trainingOffers.id })
      .from(trainingOffers)
      .where(and(eq(trainingOffers.id, input.trainingOfferId), ownTraining(input.actor)));
    if (!offer) return notFound;
    const [row] = await tx
      .insert(trainingSessions)
      .values({
        trainingOfferId: offer.id,
        startsAt: shanghaiInstant(input.session.date, input.session.startTime),
        endsAt: shanghaiInstant(input.session.date, input.session.endTime),
        topic: input.session.topic,
      })
      .returning({ id: trainingSessions.id });
    return { ok: true, id: row!.id };
  });
}

export async function changeTrainingOfferStatus(
  db: Database,
  input: { actor: EmploymentActor; id: string; action: OfferAction },
  now = clock.now(),
): Promise<OfferResult> {
  return db.transaction(async (tx) => {
    const [current] = await tx
      .select()
      .from(trainingOffers)
      .where(and(eq(trainingOffers.id, input.id), ownTraining(input.actor)))
      .for("update");
    if (!current) return notFound;
    const next = nextOfferStatus(current.status, input.action);
    if (!next) return { ok: false, error: "employment:errors.invalidTransition" };
    if (next === "open" && current.closesOn < calendarDateOf(now))
      return { ok: false, field: "closesOn", error: "employment:errors.closesInPast" };
    const publishing = input.action === "publish";
    await tx
      .update(trainingOffers)
      .set({ status: next, ...(publishing ? { publishedAt: now } : {}), updatedAt: now })
      .where(eq(trainingOffers.id, current.id));
    if (publishing) {
      const [enterprise] = await tx
        .select({ name: organizations.name })
        .from(organizations)
        .where(eq(organizations.id, current.enterpriseId));
      for (const to of await districtStaffRecipients(tx, current.districtId)) {
        await notify(tx, {
          template: "employment-offer-published",
          data: {
            kind: "training",
            title: current.course,
            enterprise: enterprise?.name ?? "",
            closesOn: current.closesOn,
            url: `/staff/employment/trainings/${current.id}`,
          },
          to,
          idempotencyKey: `employment-offer-published:training:${current.id}:${to.userId}`,
        });
      }
    }
    await recordAudit(tx, {
      actorId: input.actor.id,
      action: "status_change",
      entityType: "training-offer",
      entityId: current.id,
      ipAddress: input.actor.ipAddress ?? null,
      details: { from: current.status, status: next },
    });
    return { ok: true, id: current.id };
  });
}

/** A page of the enterprise's own offers (each list of its dashboard). */
export const ENTERPRISE_OFFER_PAGE_SIZE = 10;

/**
 * The enterprise's own jobs and trainings, newest first, a page of each (`jobsPage`,
 * `trainingsPage`) with each list's total — in one statement: the two pages and a row of totals.
 */
export async function listEnterpriseOffers(
  db: DbOrTx,
  actor: ActorRef,
  pages: { jobsPage?: number; trainingsPage?: number } = {},
) {
  const size = ENTERPRISE_OFFER_PAGE_SIZE;
  const jobsPage = Math.max(1, pages.jobsPage ?? 1);
  const trainingsPage = Math.max(1, pages.trainingsPage ?? 1);
  const ownJobs = ownJob(actor) ?? sql`false`;
  const ownTrainings = ownTraining(actor) ?? sql`false`;
  const rows = await selectRows<{
    kind: "job" | "training" | "totals";
    id: string;
    title: string;
    status: string;
    seats: number;
    filled: number;
    closes_on: string;
    version: number | null;
  }>(
    db,
    sql`(select 'job' as kind, ${jobOffers.id} as id, ${jobOffers.title} as title,
                ${jobOffers.status}::text as status, ${jobOffers.openings} as seats,
                ${jobOffers.hiredCount} as filled, ${jobOffers.closesOn}::text as closes_on,
                ${jobOffers.version} as version
           from ${jobOffers} where ${ownJobs}
          order by ${jobOffers.createdAt} desc, ${jobOffers.id}
          limit ${size} offset ${(jobsPage - 1) * size})
        union all
        (select 'training', ${trainingOffers.id}, ${trainingOffers.course}, ${trainingOffers.status}::text,
                ${trainingOffers.capacity}, ${trainingOffers.enrolledCount}, ${trainingOffers.closesOn}::text,
                null::int
           from ${trainingOffers} where ${ownTrainings}
          order by ${trainingOffers.createdAt} desc, ${trainingOffers.id}
          limit ${size} offset ${(trainingsPage - 1) * size})
        union all
        select 'totals', null, null, null,
               (select count(*) from ${jobOffers} where ${ownJobs})::int,
               (select count(*) from ${trainingOffers} where ${ownTrainings})::int, null, null`,
  );
  const jobs = rows
    .filter((row) => row.kind === "job")
    .map((row) => ({
      id: row.id,
      title: row.title,
      status: row.status as (typeof jobOffers.$inferSelect)["status"],
      openings: Number(row.seats),
      hiredCount: Number(row.filled),
      closesOn: row.closes_on,
      version: Number(row.version),
    }));
  const trainings = rows
    .filter((row) => row.kind === "training")
    .map((row) => ({
      id: row.id,
      course: row.title,
      status: row.status as (typeof trainingOffers.$inferSelect)["status"],
      capacity: Number(row.seats),
      enrolledCount: Number(row.filled),
      closesOn: row.closes_on,
    }));
  const totals = rows.find((row) => row.kind === "totals");
  return {
    jobs,
    trainings,
    jobsTotal: Number(totals?.seats ?? 0),
    trainingsTotal: Number(totals?.filled ?? 0),
    jobsPage,
    trainingsPage,
    pageSize: size,
  };
}

export async function getJobOffer(db: DbOrTx, id: string, condition: "own" | "open", actor: ActorRef) {
  const [offer] = await db
    .select({ offer: jobOffers, enterprise: organizations.name, district: sql<string>`wd.name` })
    .from(jobOffers)
    .innerJoin(organizations, eq(organizations.id, jobOffers.enterpriseId))
    .innerJoin(sql`organizations wd`, sql`wd.id = ${jobOffers.workDistrictId}`)
    .where(and(eq(jobOffers.id, id), condition === "own" ? ownJob(actor) : eq(jobOffers.status, "open")));
  if (!offer) return null;
  const versions = await db
    .select({
      version: jobOfferVersions.version,
      createdAt: jobOfferVersions.createdAt,
      content: jobOfferVersions.content,
    })
    .from(jobOfferVersions)
    .where(eq(jobOfferVersions.jobOfferId, id))
    .orderBy(desc(jobOfferVersions.version));
  return { ...offer.offer, enterprise: offer.enterprise, district: offer.district, versions };
}

export async function getTrainingOffer(db: DbOrTx, id: string, condition: "own" | "open", actor: ActorRef) {
  const [offer] = await db
    .select({ offer: trainingOffers, enterprise: organizations.name, district: sql<string>`wd.name` })
    .from(trainingOffers)
    .innerJoin(organizations, eq(organizations.id, trainingOffers.enterpriseId))
    .innerJoin(sql`organizations wd`, sql`wd.id = ${trainingOffers.districtId}`)
    .where(
      and(
        eq(trainingOffers.id, id),
        condition === "own" ? ownTraining(actor) : eq(trainingOffers.status, "open"),
      ),
    );
  if (!offer) return null;
  const sessions = await db
    .select({
      id: trainingSessions.id,
      startsAt: trainingSessions.startsAt,
      endsAt: trainingSessions.endsAt,
      topic: trainingSessions.topic,
    })
    .from(trainingSessions)
    .where(eq(trainingSessions.trainingOfferId, id))
    .orderBy(asc(trainingSessions.startsAt));
  return { ...offer.offer, enterprise: offer.enterprise, district: offer.district, sessions };
}

export interface OpenOffer {
  kind: "job" | "training";
  id: string;
  title: string;
  enterprise: string;
  districtId: string;
  district: string;
  category: string;
  wageMin: number | null;
  wageMax: number | null;
  places: number;
  closesOn: string;
}

export const OFFER_PAGE_SIZE = 25;

/**
 * One page of the open offers for staff to refer to, jobs and trainings together, soonest closing
 * first, with the filters of the browse page (search, kind, district, category, wage, date) and the
 * total for the pager. One statement for the page (the two kinds in one union, ordered and cut in
 * the database), one for the count.
 */
export async function listOpenOffers(
  db: DbOrTx,
  filters: Omit<OfferFilters, "page"> & { page?: number },
  now = clock.now(),
): Promise<{ rows: OpenOffer[]; total: number; page: number; pageSize: number }> {
  const today = calendarDateOf(now);
  const openOn = filters.openOn && filters.openOn > today ? filters.openOn : today;
  const page = Math.max(1, filters.page ?? 1);
  const pattern = filters.q ? `%${escapeLike(filters.q)}%` : null;
  // Each kind's first `enough` offers in the page's order (along its browse index), then the two
  // merged: a page reads at most offset + 25 rows of each table, never every open offer.
  const enough = page * OFFER_PAGE_SIZE;
  const branches: SQL[] = [];
  const counts: SQL[] = [];
  if (filters.kind !== "training") {
    const where = and(
      eq(jobOffers.status, "open"),
      gte(jobOffers.closesOn, openOn),
      filters.districtId ? eq(jobOffers.workDistrictId, filters.districtId) : undefined,
      filters.category ? eq(jobOffers.category, filters.category) : undefined,
      filters.minWage !== undefined ? gte(jobOffers.wageMax, filters.minWage) : undefined,
      pattern ? or(ilike(jobOffers.title, pattern), ilike(organizations.name, pattern)) : undefined,
    );
    branches.push(sql`(select 'job' as kind, ${jobOffers.id} as id, ${jobOffers.title} as title,
        ${organizations.name} as enterprise, ${jobOffers.workDistrictId} as district_id, wd.name as district,
        ${jobOffers.category}::text as category, ${jobOffers.wageMin} as wage_min, ${jobOffers.wageMax} as wage_max,
        ${jobOffers.openings} - ${jobOffers.hiredCount} as places, ${jobOffers.closesOn}::text as closes_on
      from ${jobOffers}
      join ${organizations} on ${organizations.id} = ${jobOffers.enterpriseId}
      join ${organizations} wd on wd.id = ${jobOffers.workDistrictId}
      where ${where}
      order by ${jobOffers.closesOn}, ${jobOffers.id} limit ${enough})`);
    // The enterprise is joined for the count only when the search reads its name (foreign keys
    // guarantee both organizations otherwise).
    counts.push(sql`(select count(*) from ${jobOffers}
      ${pattern ? sql`join ${organizations} on ${organizations.id} = ${jobOffers.enterpriseId}` : sql``}
      where ${where})`);
  }
  // Trainings have no wage: a minimum wage filter leaves them out.
  if (filters.kind !== "job" && filters.minWage === undefined) {
    const where = and(
      eq(trainingOffers.status, "open"),
      gte(trainingOffers.closesOn, openOn),
      filters.districtId ? eq(trainingOffers.districtId, filters.districtId) : undefined,
      filters.category ? eq(trainingOffers.category, filters.category) : undefined,
      pattern ? or(ilike(trainingOffers.course, pattern), ilike(organizations.name, pattern)) : undefined,
    );
    branches.push(sql`(select 'training' as kind, ${trainingOffers.id} as id, ${trainingOffers.course} as title,
        ${organizations.name} as enterprise, ${trainingOffers.districtId} as district_id, wd.name as district,
        ${trainingOffers.category}::text as category, null::int as wage_min, null::int as wage_max,
        ${trainingOffers.capacity} - ${trainingOffers.enrolledCount} as places,
        ${trainingOffers.closesOn}::text as closes_on
      from ${trainingOffers}
      join ${organizations} on ${organizations.id} = ${trainingOffers.enterpriseId}
      join ${organizations} wd on wd.id = ${trainingOffers.districtId}
      where ${where}
      order by ${trainingOffers.closesOn}, ${trainingOffers.id} limit ${enough})`);
    counts.push(sql`(select count(*) from ${trainingOffers}
      ${pattern ? sql`join ${organizations} on ${organizations.id} = ${trainingOffers.enterpriseId}` : sql``}
      where ${where})`);
  }
  if (branches.length === 0) return { rows: [], total: 0, page, pageSize: OFFER_PAGE_SIZE };
  const [rows, [counted]] = await Promise.all([
    selectRows<{
      kind: "job" | "training";
      id: string;
      title: string;
      enterprise: string;
      district_id: string;
      district: string;
      category: string;
      wage_min: number | null;
      wage_max: number | null;
      places: number;
      closes_on: string;
    }>(
      db,
      sql`select * from (${sql.join(branches, sql` union all `)}) offers order by closes_on, kind, id
          limit ${OFFER_PAGE_SIZE} offset ${(page - 1) * OFFER_PAGE_SIZE}`,
    ),
    selectRows<{ total: number }>(db, sql`select (${sql.join(counts, sql` + `)})::int as total`),
  ]);
  return {
    rows: rows.map((row) => ({
      kind: row.kind,
      id: row.id,
      title: row.title,
      enterprise: row.enterprise,
      districtId: row.district_id,
      district: row.district,
      category: row.category,
      wageMin: row.wage_min === null ? null : Number(row.wage_min),
      wageMax: row.wage_max === null ? null : Number(row.wage_max),
      places: Number(row.places),
      closesOn: row.closes_on,
    })),
    total: Number(counted?.total ?? 0),
    page,
    pageSize: OFFER_PAGE_SIZE,
  };
}

/**
 * The offers' deadlines (job `employment-offer-deadlines`): enterprises are told three days before an
 * open job offer closes (once), and offers past their closing date are closed.
 */
export async function runOfferDeadlines(db: Database, now = clock.now()) {
  const today = calendarDateOf(now);
  const soon = addCalendarDays(today, 3);
  let noticed = 0;
  const closing = await db
    .select({
      id: jobOffers.id,
      title: jobOffers.title,
      enterpriseId: jobOffers.enterpriseId,
      closesOn: jobOffers.closesOn,
    })
    .from(jobOffers)
    .where(
      and(
        eq(jobOffers.status, "open"),
        lte(jobOffers.closesOn, soon),
        gte(jobOffers.closesOn, today),
        isNull(jobOffers.closingNoticeAt),
      ),
    );
  for (const offer of closing) {
    await db.transaction(async (tx) => {
      const [claimed] = await tx
        .update(jobOffers)
        .set({ closingNoticeAt: now })
        .where(and(eq(jobOffers.id, offer.id), isNull(jobOffers.closingNoticeAt)))
        .returning({ id: jobOffers.id });
      if (!claimed) return;
      for (const to of await enterpriseRecipients(tx, offer.enterpriseId)) {
        await notify(tx, {
          template: "employment-offer-closing-soon",
          data: { title: offer.title, closesOn: offer.closesOn, url: `/employment/jobs/${offer.id}` },
          to,
          idempotencyKey: `employment-offer-closing-soon:${offer.id}:${to.userId}:${randomUUID()}`,
        });
      }
      noticed += 1;
    });
  }
  const closedJobs = await db
    .update(jobOffers)
    .set({ status: "closed", closedAt: now, updatedAt: now })
    .where(and(eq(jobOffers.status, "open"), lt(jobOffers.closesOn, today)))
    .returning({ id: jobOffers.id });
  const closedTrainings = await db
    .update(trainingOffers)
    .set({ status: "closed", updatedAt: now })
    .where(and(eq(trainingOffers.status, "open"), lt(trainingOffers.closesOn, today)))
    .returning({ id: trainingOffers.id });
  return { noticed, closed: closedJobs.length + closedTrainings.length };
}
