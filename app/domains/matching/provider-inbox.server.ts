/**
 * What a provider sees: the referrals sent to it, each as a case code, the need's facts (category,
 * urgency, area, languages, gender requirement, the non-identifying description) and only the
 * fields the subject consented to share with this organization (subjects' presenter, audited).
 * Never the subject's name, ID number, phone, offence, supervision level or minor flag otherwise.
 */
import { and, asc, count, desc, eq, inArray, sql, type SQL } from "drizzle-orm";
import { users } from "#db/schema/accounts";
import { helpNeeds, providers, referralEvents, referrals } from "#db/schema/matching";
import { subjects } from "#db/schema/subjects";
import type { ActorRef } from "~/domains/accounts/actor";
import { type Scope, scopeCondition } from "~/domains/accounts/scope";
import { NotFoundError } from "~/domains/errors";
import { presentSubjectTo, type SubjectForRecipient } from "~/domains/subjects/presenter.server";
import type { Database, DbOrTx } from "~/utils/db.server";
import { allowedReferralActions, type ReferralStatus } from "./referral-status";

const providerOwner = { organizationId: providers.organizationId, ownerUserId: providers.volunteerUserId };

export const INBOX_PAGE_SIZE = 25;
export type InboxFilter = "new" | "active" | "closed";

const filterStatuses: Record<InboxFilter, ReferralStatus[]> = {
  new: ["sent"],
  active: ["accepted", "in_progress"],
  closed: ["declined", "expired", "resolved", "not_resolved", "cancelled"],
};

/** The inbox: new requests by due time first, then the cases in hand, then closed ones. */
export async function listProviderReferrals(
  db: DbOrTx,
  actor: ActorRef,
  scope: Scope,
  options: { filter?: InboxFilter | null; page?: number } = {},
) {
  const conditions: SQL[] = [
    scopeCondition(actor, scope, providerOwner),
    sql`${referrals.status} <> 'draft'`,
  ];
  if (options.filter) conditions.push(inArray(referrals.status, filterStatuses[options.filter]));
  const where = and(...conditions);
  const page = Math.max(1, options.page ?? 1);
  const [rows, [total], counts] = await Promise.all([
    db
      .select({
        id: referrals.id,
        caseCode: subjects.caseCode,
        categoryId: helpNeeds.categoryId,
        urgency: helpNeeds.urgency,
        area: helpNeeds.area,
        status: referrals.status,
        sentAt: referrals.sentAt,
        dueAt: referrals.dueAt,
      })
      .from(referrals)
      .innerJoin(providers, eq(providers.id, referrals.providerId))
      .innerJoin(helpNeeds, eq(helpNeeds.id, referrals.needId))
      .innerJoin(subjects, eq(subjects.id, helpNeeds.subjectId))
      .where(where)
      .orderBy(
        sql`case ${referrals.status} when 'sent' then 0 when 'accepted' then 1 when 'in_progress' then 1 else 2 end`,
        asc(referrals.dueAt),
        desc(referrals.sentAt),
      )
      .limit(INBOX_PAGE_SIZE)
      .offset((page - 1) * INBOX_PAGE_SIZE),
    db
      .select({ count: count() })
      .from(referrals)
      .innerJoin(providers, eq(providers.id, referrals.providerId))
      .where(where),
    db
      .select({ status: referrals.status, count: count() })
      .from(referrals)
      .innerJoin(providers, eq(providers.id, referrals.providerId))
      .where(and(scopeCondition(actor, scope, providerOwner), sql`${referrals.status} <> 'draft'`))
      .groupBy(referrals.status),
  ]);
  const byStatus = Object.fromEntries(counts.map((row) => [row.status, row.count])) as Partial<
    Record<ReferralStatus, number>
  >;
  const sum = (filter: InboxFilter) =>
    filterStatuses[filter].reduce((total, status) => total + (byStatus[status] ?? 0), 0);
  return {
    rows,
    total: total?.count ?? 0,
    page,
    pageSize: INBOX_PAGE_SIZE,
    counts: { new: sum("new"), active: sum("active"), closed: sum("closed") },
  };
}

export interface ProviderReferralView {
  id: string;
  status: ReferralStatus;
  subject: SubjectForRecipient;
  need: {
    categoryId: string;
    urgency: string;
    area: string;
    languages: string[];
    genderRequirement: string;
    description: string;
  };
  sentAt: Date | null;
  dueAt: Date | null;
  answeredAt: Date | null;
  declineReason: string | null;
  closedAt: Date | null;
  outcomeNote: string | null;
  events: {
    toStatus: ReferralStatus;
    fromStatus: ReferralStatus | null;
    note: string | null;
    at: Date;
    actorName: string | null;
  }[];
  actions: ReturnType<typeof allowedReferralActions>;
}

/** One referral of the actor's provider (404 for anyone else's, before anything is read). */
export async function providerReferral(
  db: Database,
  actor: ActorRef & { ipAddress?: string | null },
  scope: Scope,
  referralId: string,
): Promise<ProviderReferralView> {
  const [row] = await db
    .select({
      id: referrals.id,
      status: referrals.status,
      subjectId: helpNeeds.subjectId,
      organizationId: providers.organizationId,
      categoryId: helpNeeds.categoryId,
      urgency: helpNeeds.urgency,
      area: helpNeeds.area,
      languages: helpNeeds.languages,
      genderRequirement: helpNeeds.genderRequirement,
      description: helpNeeds.description,
      sentAt: referrals.sentAt,
      dueAt: referrals.dueAt,
      answeredAt: referrals.answeredAt,
      declineReason: referrals.declineReason,
      closedAt: referrals.closedAt,
      outcomeNote: referrals.outcomeNote,
    })
    .from(referrals)
    .innerJoin(providers, eq(providers.id, referrals.providerId))
    .innerJoin(helpNeeds, eq(helpNeeds.id, referrals.needId))
    .where(
      and(
        eq(referrals.id, referralId),
        sql`${referrals.status} <> 'draft'`,
        scopeCondition(actor, scope, providerOwner),
      ),
    );
  if (!row) throw new NotFoundError("referral");
  const [subject, events] = await Promise.all([
    // A volunteer holds no consent (consents name organizations): the case code only. Nothing
    // identifying is shown once the case is closed or before it is accepted.
    row.organizationId && (row.status === "accepted" || row.status === "in_progress")
      ? presentSubjectTo(db, {
          subjectId: row.subjectId,
          recipientOrganizationId: row.organizationId,
          viewerId: actor.id,
          ipAddress: actor.ipAddress ?? null,
        })
      : db
          .select({ caseCode: subjects.caseCode })
          .from(subjects)
          .where(eq(subjects.id, row.subjectId))
          .then((rows) => rows[0] ?? null),
    db
      .select({
        toStatus: referralEvents.toStatus,
        fromStatus: referralEvents.fromStatus,
        note: referralEvents.note,
        at: referralEvents.at,
        actorName: users.displayName,
      })
      .from(referralEvents)
      .leftJoin(users, eq(users.id, referralEvents.actorId))
      .where(eq(referralEvents.referralId, row.id))
      .orderBy(asc(referralEvents.at)),
  ]);
  if (!subject) throw new NotFoundError("referral");
  return {
    id: row.id,
    status: row.status,
    subject,
    need: {
      categoryId: row.categoryId,
      urgency: row.urgency,
      area: row.area,
      languages: row.languages,
      genderRequirement: row.genderRequirement,
      description: row.description,
    },
    sentAt: row.sentAt,
    dueAt: row.dueAt,
    answeredAt: row.answeredAt,
    declineReason: row.declineReason,
    closedAt: row.closedAt,
    outcomeNote: row.outcomeNote,
    events,
    actions: allowedReferralActions(row.status, "provider"),
  };
}
