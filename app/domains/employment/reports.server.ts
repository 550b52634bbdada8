import { and, asc, eq, gte, lte, sql } from "drizzle-orm";
import { organizations } from "#db/schema/accounts";
import { jobOffers, placements, trainingEnrollments, trainingOffers } from "#db/schema/employment";
import { subjects } from "#db/schema/subjects";
import type { ActorRef } from "~/domains/accounts/actor";
import { scopeCondition, type Scope } from "~/domains/accounts/scope";
import { calendarDateOf } from "~/domains/calendar/working-days";
import { recordAudit } from "~/domains/audit/audit.server";
import type { Database, DbOrTx } from "~/utils/db.server";
import * as clock from "~/utils/clock.server";
import { daysRetained, hiresByMonth, retentionFigures } from "./status";

export interface ReportPeriod {
  /** Hires that started from … to … (inclusive, YYYY-MM-DD). */
  from: string;
  to: string;
  /** Only placements whose work place is in this district. */
  districtId?: string | null;
}

/**
 * The enterprise report (for the enterprise itself and for staff of its district): every hire of
 * the period with its days retained, the 30/90/180-day retention rates and the trainings completed.
 * Every figure is computed from the rows listed with it (their ids and case codes), so the bureau
 * can trace each number to its placements.
 */
export async function enterpriseReport(
  db: DbOrTx,
  input: { enterpriseId: string; scope: Scope; actor: ActorRef; period: ReportPeriod },
  now = clock.now(),
) {
  const [enterprise] = await db
    .select({ id: organizations.id, name: organizations.name, districtId: organizations.districtId })
    .from(organizations)
    .where(
      and(
        eq(organizations.id, input.enterpriseId),
        eq(organizations.kind, "enterprise"),
        input.scope === "organization"
          ? scopeCondition(input.actor, "organization", { organizationId: organizations.id })
          : scopeCondition(input.actor, input.scope, { districtId: organizations.districtId }),
      ),
    );
  if (!enterprise) return null;
  const today = calendarDateOf(now);
  const period = input.period;
  const hires = await db
    .select({
      id: placements.id,
      caseCode: subjects.caseCode,
      title: jobOffers.title,
      workDistrict: sql<string>`wd.name`,
      startedOn: placements.startedOn,
      endedOn: placements.endedOn,
      endReason: placements.endReason,
    })
    .from(placements)
    .innerJoin(subjects, eq(subjects.id, placements.subjectId))
    .innerJoin(jobOffers, eq(jobOffers.id, placements.jobOfferId))
    .innerJoin(sql`organizations wd`, sql`wd.id = ${placements.workDistrictId}`)
    .where(
      and(
        eq(placements.enterpriseId, enterprise.id),
        gte(placements.startedOn, period.from),
        lte(placements.startedOn, period.to),
        period.districtId ? eq(placements.workDistrictId, period.districtId) : undefined,
      ),
    )
    .orderBy(asc(placements.startedOn));
  const rows = hires.map((hire) => ({
    ...hire,
    daysRetained: daysRetained(hire.startedOn, hire.endedOn, today),
  }));
  const trainings = await db
    .select({
      id: trainingEnrollments.id,
      caseCode: subjects.caseCode,
      course: trainingOffers.course,
      completedOn: trainingEnrollments.completedOn,
    })
    .from(trainingEnrollments)
    .innerJoin(subjects, eq(subjects.id, trainingEnrollments.subjectId))
    .innerJoin(trainingOffers, eq(trainingOffers.id, trainingEnrollments.trainingOfferId))
    .where(
      and(
        eq(trainingEnrollments.enterpriseId, enterprise.id),
        eq(trainingEnrollments.status, "completed"),
        gte(trainingEnrollments.completedOn, period.from),
        lte(trainingEnrollments.completedOn, period.to),
        period.districtId ? eq(trainingOffers.districtId, period.districtId) : undefined,
      ),
    )
    .orderBy(asc(trainingEnrollments.completedOn));
  return {
    enterprise,
    period,
    today,
    hires: rows,
    totalDaysRetained: rows.reduce((sum, row) => sum + row.daysRetained, 0),
    retention: retentionFigures(rows, today),
    byMonth: hiresByMonth(rows, today),
    trainingsCompleted: trainings,
  };
}

export type EnterpriseReport = NonNullable<Awaited<ReturnType<typeof enterpriseReport>>>;

/** Enterprises of the staff member's district, to pick a report. */
export async function districtEnterprises(db: DbOrTx, actor: ActorRef) {
  return db
    .select({ id: organizations.id, name: organizations.name })
    .from(organizations)
    .where(
      and(
        eq(organizations.kind, "enterprise"),
        scopeCondition(actor, "district", { districtId: organizations.districtId }),
      ),
    )
    .orderBy(asc(organizations.name));
}

/** A CSV export of the report is audited (who exported which enterprise's rows). */
export async function recordReportExport(
  db: Database,
  input: {
    actor: ActorRef & { ipAddress?: string | null };
    enterpriseId: string;
    rows: number;
    period: ReportPeriod;
  },
) {
  await db.transaction(async (tx) => {
    await recordAudit(tx, {
      actorId: input.actor.id,
      action: "export",
      entityType: "employment-report",
      entityId: input.enterpriseId,
      ipAddress: input.actor.ipAddress ?? null,
      details: { rows: input.rows, from: input.period.from, to: input.period.to },
    });
  });
}
