import { randomUUID } from "node:crypto";
import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import { organizations } from "#db/schema/accounts";
import {
  jobOffers,
  jobReferrals,
  placements,
  retentionCheckins,
  trainingEnrollments,
  trainingOffers,
  trainingSessions,
} from "#db/schema/employment";
import { subjects } from "#db/schema/subjects";
import type { ActorRef } from "~/domains/accounts/actor";
import { scopeCondition, type Scope } from "~/domains/accounts/scope";
import { recordAudit } from "~/domains/audit/audit.server";
import { workingDayDeadline } from "~/domains/calendar/calendar.server";
import { calendarDateOf } from "~/domains/calendar/working-days";
import { notify, recipientForUser } from "~/domains/notifications/notify.server";
import { releasableFields } from "~/domains/subjects/presenter.server";
import type { Database, DbOrTx } from "~/utils/db.server";
import * as clock from "~/utils/clock.server";
import { violatedConstraint } from "./constraint";
import { type EmploymentActor, enterpriseRecipients } from "./enterprise.server";
import {
  citesCriminalRecord,
  type EnrollmentAction,
  nextEnrollmentStatus,
  nextReferralStatus,
  retentionSchedule,
  type ReferralStatus,
} from "./status";
import { type NotHiredReason, refusedNotHiredReasons } from "./taxonomy";

/** Working days an enterprise has to answer a referral (shown as "answer by"). */
export const REFERRAL_RESPONSE_WORKING_DAYS = 5;

export type ReferralResult =
  | { ok: true; id: string }
  | { ok: false; notFound?: false; field?: string; error: string }
  | { ok: false; notFound: true };
const notFound = { ok: false, notFound: true } as const;

/** The active subject of the staff member's office with this case code, or null. */
async function subjectOfOffice(tx: DbOrTx, caseCode: string, actor: ActorRef) {
  const [row] = await tx
    .select({
      id: subjects.id,
      caseCode: subjects.caseCode,
      officeId: subjects.officeId,
      districtId: subjects.districtId,
    })
    .from(subjects)
    .where(
      and(
        eq(subjects.caseCode, caseCode),
        eq(subjects.status, "active"),
        scopeCondition(actor, "office", { officeId: subjects.officeId }),
      ),
    );
  return row ?? null;
}

/**
 * Staff refer a subject of their office to an open job offer. The enterprise receives the case code
 * and only the fields the subject's consent releases to it (recorded in `shared_fields`); one live
 * referral per subject and offer (job_referrals_one_live_per_offer).
 */
export async function referToJob(
  db: Database,
  input: { actor: EmploymentActor; jobOfferId: string; caseCode: string; note: string },
  now = clock.now(),
): Promise<ReferralResult> {
  try {
    return await db.transaction(async (tx): Promise<ReferralResult> => {
      const [offer] = await tx
        .select()
        .from(jobOffers)
        .where(and(eq(jobOffers.id, input.jobOfferId), eq(jobOffers.status, "open")))
        .for("share");
      if (!offer) return notFound;
      if (offer.closesOn < calendarDateOf(now)) return { ok: false, error: "employment:errors.offerClosed" };
      const subject = await subjectOfOffice(tx, input.caseCode, input.actor);
      if (!subject) return { ok: false, field: "caseCode", error: "employment:errors.caseCodeUnknown" };
      const sharedFields = await releasableFields(tx, subject.id, offer.enterpriseId);
      const respondBy = await workingDayDeadline(tx, now, REFERRAL_RESPONSE_WORKING_DAYS);
      const [row] = await tx
        .insert(jobReferrals)
        .values({
          jobOfferId: offer.id,
          offerVersion: offer.version,
          enterpriseId: offer.enterpriseId,
          subjectId: subject.id,
          officeId: subject.officeId,
          districtId: subject.districtId,
          sharedFields,
          note: input.note,
          respondBy,
          referredBy: input.actor.id,
          createdAt: now,
          updatedAt: now,
        })
        .returning({ id: jobReferrals.id });
      for (const to of await enterpriseRecipients(tx, offer.enterpriseId)) {
        await notify(tx, {
          template: "employment-referral-received",
          data: { kind: "job", title: offer.title, respondBy, url: `/employment/referrals/${row!.id}` },
          to,
          idempotencyKey: `employment-referral-received:${row!.id}:${to.userId}`,
        });
      }
      await recordAudit(tx, {
        actorId: input.actor.id,
        action: "create",
        entityType: "job-referral",
        entityId: row!.id,
        caseCode: subject.caseCode,
        districtId: subject.districtId,
        officeId: subject.officeId,
        ipAddress: input.actor.ipAddress ?? null,
        details: { jobOfferId: offer.id, enterpriseId: offer.enterpriseId, sharedFields },
      });
      return { ok: true, id: row!.id };
    });
  } catch (error) {
    if (violatedConstraint(error) === "job_referrals_one_live_per_offer")
      return { ok: false, field: "caseCode", error: "employment:errors.alreadyReferred" };
    throw error;
  }
}

/** Staff enroll a subject of their office in an open training; the capacity is guarded by the database. */
export async function enrollInTraining(
  db: Database,
  input: { actor: EmploymentActor; trainingOfferId: string; caseCode: string; note: string },
  now = clock.now(),
): Promise<ReferralResult> {
  try {
    return await db.transaction(async (tx): Promise<ReferralResult> => {
      // Locked so concurrent enrollments queue here and the last ones see the course full.
      const [offer] = await tx
        .select()
        .from(trainingOffers)
        .where(and(eq(trainingOffers.id, input.trainingOfferId), eq(trainingOffers.status, "open")))
        .for("update");
      if (!offer) return notFound;
      if (offer.closesOn < calendarDateOf(now)) return { ok: false, error: "employment:errors.offerClosed" };
      if (offer.enrolledCount >= offer.capacity)
        return { ok: false, error: "employment:errors.trainingFull" };
      const subject = await subjectOfOffice(tx, input.caseCode, input.actor);
      if (!subject) return { ok: false, field: "caseCode", error: "employment:errors.caseCodeUnknown" };
      const sharedFields = await releasableFields(tx, subject.id, offer.enterpriseId);
      const [row] = await tx
        .insert(trainingEnrollments)
        .values({
          trainingOfferId: offer.id,
          enterpriseId: offer.enterpriseId,
          subjectId: subject.id,
          officeId: subject.officeId,
          districtId: subject.districtId,
          sharedFields,
          note: input.note,
          enrolledBy: input.actor.id,
          createdAt: now,
          updatedAt: now,
        })
        .returning({ id: trainingEnrollments.id });
      for (const to of await enterpriseRecipients(tx, offer.enterpriseId)) {
        await notify(tx, {
          template: "employment-referral-received",
          data: { kind: "training", title: offer.course, url: `/employment/trainings/${offer.id}` },
          to,
          idempotencyKey: `employment-referral-received:training:${row!.id}:${to.userId}`,
        });
      }
      const [firstSession] = await tx
        .select({ startsAt: trainingSessions.startsAt })
        .from(trainingSessions)
        .where(eq(trainingSessions.trainingOfferId, offer.id))
        .orderBy(asc(trainingSessions.startsAt))
        .limit(1);
      const staff = await recipientForUser(tx, input.actor.id);
      if (staff) {
        await notify(tx, {
          template: "employment-training-enrollment-confirmed",
          data: {
            course: offer.course,
            caseCode: subject.caseCode,
            firstSession: firstSession?.startsAt.toISOString() ?? null,
            place: offer.place,
            url: "/staff/employment/referrals",
          },
          to: staff,
          idempotencyKey: `employment-training-enrollment-confirmed:${row!.id}`,
        });
      }
      await recordAudit(tx, {
        actorId: input.actor.id,
        action: "create",
        entityType: "training-enrollment",
        entityId: row!.id,
        caseCode: subject.caseCode,
        districtId: subject.districtId,
        officeId: subject.officeId,
        ipAddress: input.actor.ipAddress ?? null,
        details: { trainingOfferId: offer.id, enterpriseId: offer.enterpriseId, sharedFields },
      });
      return { ok: true, id: row!.id };
    });
  } catch (error) {
    const constraint = violatedConstraint(error);
    if (constraint === "training_enrollments_one_live_per_offer")
      return { ok: false, field: "caseCode", error: "employment:errors.alreadyEnrolled" };
    if (
      constraint === "training_offers_enrolled_within_capacity" ||
      constraint === "training_offers_open_for_enrollment"
    )
      return { ok: false, error: "employment:errors.trainingFull" };
    throw error;
  }
}

export type ReferralDecision =
  | { action: "schedule_interview"; interviewAt: Date; interviewPlace: string }
  | { action: "hire"; hiredOn: string }
  | { action: "decline"; reason: NotHiredReason; note: string };

/**
 * The enterprise moves a referral: interview, hire (a placement with its 30/90/180-day check-ins),
 * or not hired with a coded reason. A hire counts against the openings in the database
 * (job_referrals_count_hire): of concurrent hires for the last opening, one succeeds.
 */
export async function decideReferral(
  db: Database,
  input: { actor: EmploymentActor; referralId: string; decision: ReferralDecision },
  now = clock.now(),
): Promise<ReferralResult> {
  const decided = input.decision;
  // 《社区矫正法》第四条: a record is never a reason, whichever way it is given (also the CHECK
  // job_referrals_not_hired_reason, which has no such entry).
  if (
    decided.action === "decline" &&
    ((refusedNotHiredReasons as readonly string[]).includes(decided.reason) ||
      citesCriminalRecord(decided.note))
  )
    return { ok: false, field: "reason", error: "employment:errors.criminalRecordRefused" };
  try {
    return await db.transaction(async (tx): Promise<ReferralResult> => {
      const [current] = await tx
        .select({ referral: jobReferrals, caseCode: subjects.caseCode })
        .from(jobReferrals)
        .innerJoin(subjects, eq(subjects.id, jobReferrals.subjectId))
        .where(
          and(
            eq(jobReferrals.id, input.referralId),
            scopeCondition(input.actor, "organization", { organizationId: jobReferrals.enterpriseId }),
          ),
        )
        .for("update", { of: jobReferrals });
      if (!current) return notFound;
      const referral = current.referral;
      const next = nextReferralStatus(referral.status, input.decision.action);
      if (!next) return { ok: false, error: "employment:errors.invalidTransition" };
      const [offer] = await tx
        .select()
        .from(jobOffers)
        .where(eq(jobOffers.id, referral.jobOfferId))
        .for("update");
      const decision = input.decision;
      if (decision.action === "hire") {
        if (offer!.status !== "open" || offer!.hiredCount >= offer!.openings)
          return { ok: false, error: "employment:errors.noOpenings" };
        if (decision.hiredOn < referral.createdAt.toISOString().slice(0, 10))
          return { ok: false, field: "hiredOn", error: "employment:errors.hiredBeforeReferral" };
      }
      await tx
        .update(jobReferrals)
        .set({
          status: next,
          ...(decision.action === "schedule_interview"
            ? { interviewAt: decision.interviewAt, interviewPlace: decision.interviewPlace }
            : {}),
          ...(decision.action === "hire" ? { hiredOn: decision.hiredOn } : {}),
          ...(decision.action === "decline"
            ? { notHiredReason: decision.reason, notHiredNote: decision.note || null }
            : {}),
          ...(next !== "interview_scheduled" ? { decidedAt: now, decidedBy: input.actor.id } : {}),
          updatedAt: now,
        })
        .where(eq(jobReferrals.id, referral.id));
      let placementId: string | null = null;
      if (decision.action === "hire") {
        const [placement] = await tx
          .insert(placements)
          .values({
            referralId: referral.id,
            jobOfferId: referral.jobOfferId,
            enterpriseId: referral.enterpriseId,
            subjectId: referral.subjectId,
            officeId: referral.officeId,
            districtId: referral.districtId,
            workDistrictId: offer!.workDistrictId,
            startedOn: decision.hiredOn,
            createdAt: now,
            updatedAt: now,
          })
          .returning({ id: placements.id });
        placementId = placement!.id;
        await tx
          .insert(retentionCheckins)
          .values(
            retentionSchedule(decision.hiredOn).map((mark) => ({ placementId: placement!.id, ...mark })),
          );
      }
      const staff = await recipientForUser(tx, referral.referredBy);
      if (staff && decision.action === "schedule_interview") {
        await notify(tx, {
          template: "employment-interview-scheduled",
          data: {
            title: offer!.title,
            caseCode: current.caseCode,
            interviewAt: decision.interviewAt.toISOString(),
            place: decision.interviewPlace,
            url: "/staff/employment/referrals",
          },
          to: staff,
          idempotencyKey: `employment-interview-scheduled:${referral.id}:${randomUUID()}`,
        });
      } else if (staff) {
        await notify(tx, {
          template: "employment-referral-outcome",
          data: {
            outcome: next === "hired" ? "hired" : "not_hired",
            title: offer!.title,
            caseCode: current.caseCode,
            reason: decision.action === "decline" ? decision.reason : null,
            hiredOn: decision.action === "hire" ? decision.hiredOn : null,
            url: "/staff/employment/referrals",
          },
          to: staff,
          idempotencyKey: `employment-referral-outcome:${referral.id}`,
        });
      }
      await recordAudit(tx, {
        actorId: input.actor.id,
        action: "status_change",
        entityType: "job-referral",
        entityId: referral.id,
        caseCode: current.caseCode,
        districtId: referral.districtId,
        officeId: referral.officeId,
        ipAddress: input.actor.ipAddress ?? null,
        details: {
          from: referral.status,
          status: next,
          ...(decision.action === "decline" ? { reason: decision.reason } : {}),
          ...(placementId ? { placementId } : {}),
        },
      });
      return { ok: true, id: referral.id };
    });
  } catch (error) {
    const constraint = violatedConstraint(error);
    if (constraint === "job_offers_open_for_hire" || constraint === "job_offers_hired_within_openings")
      return { ok: false, error: "employment:errors.noOpenings" };
    throw error;
  }
}

/** The enterprise moves a training enrollment: attending, completed, or dropped. */
export async function moveEnrollment(
  db: Database,
  input: { actor: EmploymentActor; enrollmentId: string; action: EnrollmentAction; reason?: string },
  now = clock.now(),
): Promise<ReferralResult> {
  return db.transaction(async (tx): Promise<ReferralResult> => {
    const [current] = await tx
      .select({ enrollment: trainingEnrollments, caseCode: subjects.caseCode })
      .from(trainingEnrollments)
      .innerJoin(subjects, eq(subjects.id, trainingEnrollments.subjectId))
      .where(
        and(
          eq(trainingEnrollments.id, input.enrollmentId),
          scopeCondition(input.actor, "organization", { organizationId: trainingEnrollments.enterpriseId }),
        ),
      )
      .for("update", { of: trainingEnrollments });
    if (!current) return notFound;
    const next = nextEnrollmentStatus(current.enrollment.status, input.action);
    if (!next) return { ok: false, error: "employment:errors.invalidTransition" };
    await tx
      .update(trainingEnrollments)
      .set({
        status: next,
        ...(next === "completed" ? { completedOn: calendarDateOf(now) } : {}),
        ...(next === "dropped" ? { droppedReason: input.reason?.trim() || null } : {}),
        decidedBy: input.actor.id,
        updatedAt: now,
      })
      .where(eq(trainingEnrollments.id, current.enrollment.id));
    await recordAudit(tx, {
      actorId: input.actor.id,
      action: "status_change",
      entityType: "training-enrollment",
      entityId: current.enrollment.id,
      caseCode: current.caseCode,
      districtId: current.enrollment.districtId,
      officeId: current.enrollment.officeId,
      ipAddress: input.actor.ipAddress ?? null,
      details: { from: current.enrollment.status, status: next },
    });
    return { ok: true, id: current.enrollment.id };
  });
}

/**
 * Referrals at the enterprise, or of the staff member's office (bureau: district). The enterprise
 * sees the case code and the list of released field names only; the values come from the subjects
 * presenter on the referral's own page.
 */
export async function listJobReferrals(
  db: DbOrTx,
  scope: Scope,
  actor: ActorRef,
  options: { statuses?: ReferralStatus[]; jobOfferId?: string } = {},
) {
  return db
    .select({
      id: jobReferrals.id,
      status: jobReferrals.status,
      caseCode: subjects.caseCode,
      jobOfferId: jobReferrals.jobOfferId,
      title: jobOffers.title,
      enterprise: organizations.name,
      respondBy: jobReferrals.respondBy,
      interviewAt: jobReferrals.interviewAt,
      hiredOn: jobReferrals.hiredOn,
      notHiredReason: jobReferrals.notHiredReason,
      sharedFields: jobReferrals.sharedFields,
      createdAt: jobReferrals.createdAt,
    })
    .from(jobReferrals)
    .innerJoin(subjects, eq(subjects.id, jobReferrals.subjectId))
    .innerJoin(jobOffers, eq(jobOffers.id, jobReferrals.jobOfferId))
    .innerJoin(organizations, eq(organizations.id, jobReferrals.enterpriseId))
    .where(
      and(
        scopeCondition(actor, scope, {
          organizationId: jobReferrals.enterpriseId,
          officeId: jobReferrals.officeId,
          districtId: jobReferrals.districtId,
        }),
        options.statuses ? inArray(jobReferrals.status, options.statuses) : undefined,
        options.jobOfferId ? eq(jobReferrals.jobOfferId, options.jobOfferId) : undefined,
      ),
    )
    .orderBy(desc(jobReferrals.createdAt))
    .limit(300);
}

export async function listTrainingEnrollments(
  db: DbOrTx,
  scope: Scope,
  actor: ActorRef,
  options: { trainingOfferId?: string } = {},
) {
  return db
    .select({
      id: trainingEnrollments.id,
      status: trainingEnrollments.status,
      caseCode: subjects.caseCode,
      trainingOfferId: trainingEnrollments.trainingOfferId,
      course: trainingOffers.course,
      enterprise: organizations.name,
      sharedFields: trainingEnrollments.sharedFields,
      completedOn: trainingEnrollments.completedOn,
      createdAt: trainingEnrollments.createdAt,
    })
    .from(trainingEnrollments)
    .innerJoin(subjects, eq(subjects.id, trainingEnrollments.subjectId))
    .innerJoin(trainingOffers, eq(trainingOffers.id, trainingEnrollments.trainingOfferId))
    .innerJoin(organizations, eq(organizations.id, trainingEnrollments.enterpriseId))
    .where(
      and(
        scopeCondition(actor, scope, {
          organizationId: trainingEnrollments.enterpriseId,
          officeId: trainingEnrollments.officeId,
          districtId: trainingEnrollments.districtId,
        }),
        options.trainingOfferId
          ? eq(trainingEnrollments.trainingOfferId, options.trainingOfferId)
          : undefined,
      ),
    )
    .orderBy(desc(trainingEnrollments.createdAt))
    .limit(300);
}

/** One referral at the enterprise (the subject's fields are added by the presenter in the route's domain call). */
export async function getJobReferral(db: DbOrTx, id: string, scope: Scope, actor: ActorRef) {
  const [row] = await db
    .select({
      id: jobReferrals.id,
      status: jobReferrals.status,
      subjectId: jobReferrals.subjectId,
      enterpriseId: jobReferrals.enterpriseId,
      caseCode: subjects.caseCode,
      jobOfferId: jobReferrals.jobOfferId,
      offerVersion: jobReferrals.offerVersion,
      title: jobOffers.title,
      note: jobReferrals.note,
      respondBy: jobReferrals.respondBy,
      interviewAt: jobReferrals.interviewAt,
      interviewPlace: jobReferrals.interviewPlace,
      hiredOn: jobReferrals.hiredOn,
      notHiredReason: jobReferrals.notHiredReason,
      notHiredNote: jobReferrals.notHiredNote,
      sharedFields: jobReferrals.sharedFields,
      createdAt: jobReferrals.createdAt,
      candidate: sql<unknown>`(select row_to_json(c) from (
        select cp.skills, cp.education_level as "educationLevel", cp.work_history_categories as "workHistoryCategories",
               cp.desired_categories as "desiredCategories", cp.availability
        from candidate_profiles cp where cp.subject_id = ${jobReferrals.subjectId}) c)`,
    })
    .from(jobReferrals)
    .innerJoin(subjects, eq(subjects.id, jobReferrals.subjectId))
    .innerJoin(jobOffers, eq(jobOffers.id, jobReferrals.jobOfferId))
    .where(
      and(
        eq(jobReferrals.id, id),
        scopeCondition(actor, scope, {
          organizationId: jobReferrals.enterpriseId,
          officeId: jobReferrals.officeId,
          districtId: jobReferrals.districtId,
        }),
      ),
    );
  return row ?? null;
}
