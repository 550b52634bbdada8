/**
 * Suggestions for one need: the database filters the hard constraints it can index (category and
 * provider kind, area, gender, open capacity, an active and verified party), the pure
 * `rankProviders` applies all of them again and scores the rest with the reasons shown to staff.
 */
import { and, eq, inArray, sql, type SQL } from "drizzle-orm";
import { helpNeeds, providers, referrals } from "#db/schema/matching";
import type { ActorRef } from "~/domains/accounts/actor";
import { type Scope, scopeCondition } from "~/domains/accounts/scope";
import { NotFoundError } from "~/domains/errors";
import type { DbOrTx } from "~/utils/db.server";
import type { GenderRequirement, NeedUrgency } from "./options";
import { providerName } from "./providers.server";
import { type NeedForRanking, type ProviderForRanking, rankProviders } from "./scoring";
import { rootOf } from "./taxonomy";

export interface CandidateFilter {
  districtId: string;
  /** Only providers declaring one of these categories. */
  categoryIds?: string[];
  officeId?: string;
  genderRequirement?: GenderRequirement;
}

export type Candidate = ProviderForRanking & { name: string };

/** Providers that can take a case now, with their categories and offices, in one query. */
export async function loadCandidates(db: DbOrTx, filter: CandidateFilter): Promise<Candidate[]> {
  const conditions: SQL[] = [
    eq(providers.status, "active"),
    sql`${providers.capacity} > ${providers.activeCases}`,
    // A suspended organization or a suspended volunteer takes no referral.
    sql`(
      (${providers.organizationId} is not null and exists (select 1 from organizations o where o.id = ${providers.organizationId} and o.status = 'verified'))
      or (${providers.volunteerUserId} is not null and exists (select 1 from volunteer_profiles v where v.user_id = ${providers.volunteerUserId} and v.status = 'approved'))
    )`,
  ];
  if (filter.officeId)
    conditions.push(sql`(
      (${providers.coversDistrict} and ${providers.districtId} = ${filter.districtId})
      or exists (select 1 from provider_offices po where po.provider_id = ${providers.id} and po.office_id = ${filter.officeId})
    )`);
  else
    conditions.push(sql`(${providers.districtId} = ${filter.districtId} or exists (
      select 1 from provider_offices po join organizations o on o.id = po.office_id
      where po.provider_id = ${providers.id} and o.district_id = ${filter.districtId}))`);
  if (filter.categoryIds)
    conditions.push(sql`exists (select 1 from provider_categories pc where pc.provider_id = ${providers.id}
      and pc.category_id in (${sql.join(
        filter.categoryIds.map((id) => sql`${id}`),
        sql`, `,
      )}))`);
  if (filter.genderRequirement && filter.genderRequirement !== "none")
    conditions.push(sql`${filter.genderRequirement} = any(${providers.workerGenders})`);
  const rows = await db
    .select({
      id: providers.id,
      kind: providers.kind,
      name: providerName,
      districtId: providers.districtId,
      coversDistrict: providers.coversDistrict,
      languages: providers.languages,
      workerGenders: providers.workerGenders,
      capacity: providers.capacity,
      activeCases: providers.activeCases,
      referralsAnswered: providers.referralsAnswered,
      referralsAccepted: providers.referralsAccepted,
      referralsExpired: providers.referralsExpired,
      casesResolved: providers.casesResolved,
      casesNotResolved: providers.casesNotResolved,
      responseMinutesTotal: providers.responseMinutesTotal,
      categoryIds: sql<
        string[]
      >`array(select pc.category_id from provider_categories pc where pc.provider_id = ${providers.id})`,
      officeIds: sql<
        string[]
      >`array(select po.office_id::text from provider_offices po where po.provider_id = ${providers.id})`,
    })
    .from(providers)
    .where(and(...conditions));
  return rows.map((row) => ({ ...row, categoryIds: row.categoryIds ?? [], officeIds: row.officeIds ?? [] }));
}

/** Providers that declined this need or let its referral expire: not suggested again. */
export async function excludedProvidersOf(db: DbOrTx, needIds: string[]): Promise<Map<string, Set<string>>> {
  const excluded = new Map<string, Set<string>>();
  if (needIds.length === 0) return excluded;
  const rows = await db
    .select({ needId: referrals.needId, providerId: referrals.providerId })
    .from(referrals)
    .where(and(inArray(referrals.needId, needIds), inArray(referrals.status, ["declined", "expired"])));
  for (const row of rows) {
    const set = excluded.get(row.needId) ?? new Set<string>();
    set.add(row.providerId);
    excluded.set(row.needId, set);
  }
  return excluded;
}

export interface NeedFacts {
  id: string;
  categoryId: string;
  officeId: string;
  districtId: string;
  languages: string[];
  genderRequirement: string;
  urgency: NeedUrgency;
}

export function needForRanking(need: NeedFacts, excluded: Iterable<string>): NeedForRanking {
  return {
    categoryId: need.categoryId,
    officeId: need.officeId,
    districtId: need.districtId,
    languages: need.languages,
    genderRequirement: need.genderRequirement as GenderRequirement,
    urgency: need.urgency,
    excludedProviderIds: excluded,
  };
}

/** The ranked suggestions for one need of the actor's scope (best first, each with its parts). */
export async function suggestProviders(
  db: DbOrTx,
  actor: ActorRef,
  scope: Scope,
  needId: string,
  limit = 10,
) {
  const [need] = await db
    .select({
      id: helpNeeds.id,
      categoryId: helpNeeds.categoryId,
      officeId: helpNeeds.officeId,
      districtId: helpNeeds.districtId,
      languages: helpNeeds.languages,
      genderRequirement: helpNeeds.genderRequirement,
      urgency: helpNeeds.urgency,
    })
    .from(helpNeeds)
    .where(
      and(
        eq(helpNeeds.id, needId),
        scopeCondition(actor, scope, { officeId: helpNeeds.officeId, districtId: helpNeeds.districtId }),
      ),
    );
  if (!need) throw new NotFoundError("help need");
  const root = rootOf(need.categoryId);
  const [candidates, excluded] = await Promise.all([
    loadCandidates(db, {
      districtId: need.districtId,
      officeId: need.officeId,
      categoryIds: root === need.categoryId ? [root] : [need.categoryId, root],
      genderRequirement: need.genderRequirement as GenderRequirement,
    }),
    excludedProvidersOf(db, [need.id]),
  ]);
  const ranking = rankProviders(needForRanking(need, excluded.get(need.id) ?? []), candidates, limit);
  const names = new Map(candidates.map((candidate) => [candidate.id, candidate.name]));
  return {
    suggestions: ranking.suggestions.map((suggestion) => ({
      ...suggestion,
      name: names.get(suggestion.providerId) ?? "",
    })),
    filtered: ranking.filtered,
    excludedCount: excluded.get(need.id)?.size ?? 0,
  };
}
