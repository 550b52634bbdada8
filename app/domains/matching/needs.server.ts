/**
 * Help needs: registered by office staff for a subject of their office (by case code), shown on the
 * staff board by state, overdue first. The subject stays a case code here; the need copies only the
 * coarse facts matching uses (area, languages) and the gender requirement the law sets.
 */
import { randomUUID } from "node:crypto";
import { and, asc, count, desc, eq, inArray, sql, type SQL } from "drizzle-orm";
import { helpNeeds, providers, referrals } from "#db/schema/matching";
import { subjects } from "#db/schema/subjects";
import type { ActorRef } from "~/domains/accounts/actor";
import { type Scope, scopeCondition } from "~/domains/accounts/scope";
import { recordAudit } from "~/domains/audit/audit.server";
import { NotFoundError } from "~/domains/errors";
import type { DbOrTx } from "~/utils/db.server";
import * as clock from "~/utils/clock.server";
import { type GenderRequirement, type NeedStatus, type NeedUrgency, urgencyTargetMinutes } from "./options";
import { providerName } from "./providers.server";
import type { NeedInput } from "./validation";

export type StaffActor = ActorRef & { ipAddress?: string | null };

const needOwner = { officeId: helpNeeds.officeId, districtId: helpNeeds.districtId };

export type RegisterNeedResult =
  { ok: true; id: string } | { ok: false; field: keyof NeedInput; error: string };

/** The gender requirement the law sets for this subject: a woman for a female subject (art. 25). */
export function requiredGender(subjectGender: string, requested: GenderRequirement): GenderRequirement {
  return subjectGender === "female" ? "female" : requested;
}

/** Registers one need (the form and each row of a CSV import). */
export async function registerNeed(
  db: DbOrTx,
  actor: StaffActor,
  input: NeedInput,
  options: { importBatch?: string } = {},
): Promise<RegisterNeedResult> {
  const run = async (tx: DbOrTx) => {
    const [subject] = await tx
      .select({
        id: subjects.id,
        caseCode: subjects.caseCode,
        officeId: subjects.officeId,
        districtId: subjects.districtId,
        gender: subjects.gender,
        area: subjects.area,
        languages: subjects.languages,
      })
      .from(subjects)
      .where(
        and(
          eq(subjects.caseCode, input.caseCode),
          eq(subjects.status, "active"),
          scopeCondition(actor, "office", { officeId: subjects.officeId }),
        ),
      );
    if (!subject) return { ok: false, field: "caseCode", error: "matching:errors.caseCodeUnknown" } as const;
    const now = clock.now();
    const [row] = await tx
      .insert(helpNeeds)
      .values({
        subjectId: subject.id,
        officeId: subject.officeId,
        districtId: subject.districtId,
        categoryId: input.categoryId,
        urgency: input.urgency,
        area: input.area || subject.area,
        languages: input.languages.length > 0 ? input.languages : subject.languages,
        genderRequirement: requiredGender(subject.gender, input.genderRequirement),
        description: input.description,
        respondBy: new Date(now.getTime() + urgencyTargetMinutes[input.urgency] * 60_000),
        createdBy: actor.id,
        importBatch: options.importBatch ?? null,
        createdAt: now,
        updatedAt: now,
      })
      .returning({ id: helpNeeds.id });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "create",
      entityType: "help-need",
      entityId: row!.id,
      caseCode: subject.caseCode,
      districtId: subject.districtId,
      officeId: subject.officeId,
      ipAddress: actor.ipAddress ?? null,
      details: {
        category: input.categoryId,
        urgency: input.urgency,
        importBatch: options.importBatch ?? null,
      },
    });
    return { ok: true, id: row!.id } as const;
  };
  return db.transaction(run);
}

export interface BoardFilters {
  status?: NeedStatus | "overdue" | null;
  categoryId?: string | null;
  urgency?: NeedUrgency | null;
  caseCode?: string | null;
  page?: number;
}

export const BOARD_PAGE_SIZE = 25;

/**
 * The staff board: needs of the actor's office (or district), open and overdue ones first, then by
 * target response time. One query for the rows (with the live referral and its provider), one for
 * the counts per state (the board's tabs, and its total unless more than a state filters), and a
 * count only when the filters need their own.
 */
export async function listNeedBoard(db: DbOrTx, actor: ActorRef, scope: Scope, filters: BoardFilters = {}) {
  const now = clock.now();
  const conditions: SQL[] = [scopeCondition(actor, scope, needOwner)];
  if (filters.status === "overdue")
    conditions.push(
      inArray(helpNeeds.status, ["open", "referred"]),
      sql`${helpNeeds.respondBy} < ${now.toISOString()}::timestamptz`,
    );
  else if (filters.status) conditions.push(eq(helpNeeds.status, filters.status));
  if (filters.categoryId)
    conditions.push(
      sql`(${helpNeeds.categoryId} = ${filters.categoryId} or ${helpNeeds.categoryId} like ${filters.categoryId + ".%"})`,
    );
  if (filters.urgency) conditions.push(eq(helpNeeds.urgency, filters.urgency));
  if (filters.caseCode) conditions.push(eq(subjects.caseCode, filters.caseCode.trim().toUpperCase()));
  const where = and(...conditions);
  const page = Math.max(1, filters.page ?? 1);
  const live = sql`${referrals.status} in ('draft', 'sent', 'accepted', 'in_progress')`;
  const activeNeed = sql`(${helpNeeds.status} in ('open', 'referred'))`;
  const overdue = sql<boolean>`(${helpNeeds.status} in ('open', 'referred') and ${helpNeeds.respondBy} < ${now.toISOString()}::timestamptz)`;
  // The tabs' counts per state are read anyway; they give the total when only a state filters.
  const ownCount = filters.status === "overdue" || filters.categoryId || filters.urgency || filters.caseCode;
  const [rows, counts, counted] = await Promise.all([
    db
      .select({
        id: helpNeeds.id,
        caseCode: subjects.caseCode,
        categoryId: helpNeeds.categoryId,
        urgency: helpNeeds.urgency,
        area: helpNeeds.area,
        status: helpNeeds.status,
        respondBy: helpNeeds.respondBy,
        createdAt: helpNeeds.createdAt,
        overdue,
        referralStatus: referrals.status,
        referralDueAt: referrals.dueAt,
        providerName: sql<
          string | null
        >`case when ${referrals.id} is null then null else ${providerName} end`,
      })
      .from(helpNeeds)
      .innerJoin(subjects, eq(subjects.id, helpNeeds.subjectId))
      .leftJoin(referrals, and(eq(referrals.needId, helpNeeds.id), live))
      .leftJoin(providers, eq(providers.id, referrals.providerId))
      .where(where)
      // Overdue first, then the other live needs, each by target time: overdue needs are exactly the
      // live ones whose target time has passed, so ordering live needs by target time puts them first
      // and the order needs no clock. That is the order of help_needs_board_*_idx, read in order.
      .orderBy(sql`${activeNeed} desc`, asc(helpNeeds.respondBy), asc(helpNeeds.id))
      .limit(BOARD_PAGE_SIZE)
      .offset((page - 1) * BOARD_PAGE_SIZE),
    needCounts(db, actor, scope),
    // The subject is joined only when its case code filters: every need has one (foreign key), so
    // the count is otherwise an index-only scan of help_needs.
    !ownCount
      ? null
      : filters.caseCode
        ? db
            .select({ count: count() })
            .from(helpNeeds)
            .innerJoin(subjects, eq(subjects.id, helpNeeds.subjectId))
            .where(where)
        : db.select({ count: count() }).from(helpNeeds).where(where),
  ]);
  const total = ownCount
    ? (counted?.[0]?.count ?? 0)
    : filters.status && filters.status !== "overdue"
      ? (counts[filters.status] ?? 0)
      : Object.values(counts).reduce((sum, each) => sum + (each ?? 0), 0);
  return { rows, total, counts, page, pageSize: BOARD_PAGE_SIZE };
}

/** Counts per state for the board's tabs. */
export async function needCounts(db: DbOrTx, actor: ActorRef, scope: Scope) {
  const rows = await db
    .select({ status: helpNeeds.status, count: count() })
    .from(helpNeeds)
    .where(scopeCondition(actor, scope, needOwner))
    .groupBy(helpNeeds.status);
  return Object.fromEntries(rows.map((row) => [row.status, row.count])) as Partial<
    Record<NeedStatus, number>
  >;
}

/** One need within the actor's scope, with its referrals (newest first) for the staff page. */
export async function needDetail(db: DbOrTx, actor: ActorRef, scope: Scope, needId: string) {
  const [need] = await db
    .select({
      id: helpNeeds.id,
      caseCode: subjects.caseCode,
      subjectId: helpNeeds.subjectId,
      officeId: helpNeeds.officeId,
      districtId: helpNeeds.districtId,
      categoryId: helpNeeds.categoryId,
      urgency: helpNeeds.urgency,
      area: helpNeeds.area,
      languages: helpNeeds.languages,
      genderRequirement: helpNeeds.genderRequirement,
      description: helpNeeds.description,
      status: helpNeeds.status,
      respondBy: helpNeeds.respondBy,
      outcomeNote: helpNeeds.outcomeNote,
      closedAt: helpNeeds.closedAt,
      createdAt: helpNeeds.createdAt,
    })
    .from(helpNeeds)
    .innerJoin(subjects, eq(subjects.id, helpNeeds.subjectId))
    .where(and(eq(helpNeeds.id, needId), scopeCondition(actor, scope, needOwner)));
  if (!need) throw new NotFoundError("help need");
  const history = await db
    .select({
      id: referrals.id,
      providerId: referrals.providerId,
      providerName,
      status: referrals.status,
      score: referrals.score,
      sentAt: referrals.sentAt,
      dueAt: referrals.dueAt,
      answeredAt: referrals.answeredAt,
      declineReason: referrals.declineReason,
      declineNote: referrals.declineNote,
      startedAt: referrals.startedAt,
      closedAt: referrals.closedAt,
      outcomeNote: referrals.outcomeNote,
    })
    .from(referrals)
    .innerJoin(providers, eq(providers.id, referrals.providerId))
    .where(eq(referrals.needId, need.id))
    .orderBy(desc(referrals.createdAt));
  return { need, referrals: history };
}

/** A fresh id for one CSV import, written on each need it raised. */
export function newImportBatch(): string {
  return randomUUID();
}
