import type { Actor } from "~/domains/accounts/actor";
import type { DbOrTx } from "~/utils/db.server";
import { listAwardTypes } from "./award-types.server";
import { criteriaOf, rankCandidates } from "./eligibility";
import {
  candidateFigures,
  type FigureNomineeKind,
  type FigureQuery,
  nomineeKindsWithFigures,
} from "./figures.server";
import { type AwardPeriod, periodOf, recentPeriods } from "./periods";

/**
 * The eligibility view for office staff and the bureau: a type and a period, the candidates of the
 * reader's scope ranked by their recorded figures. Office staff see the volunteers of their office
 * (organizations are district-wide); the bureau sees the district.
 */
/** Candidates shown per page (an office may have thousands of volunteers with hours). */
export const ELIGIBILITY_PAGE_SIZE = 50;

export async function eligibilityView(
  db: DbOrTx,
  actor: Actor,
  query: { typeId?: string; periodKey?: string; page?: number },
  today: string,
) {
  const types = (await listAwardTypes(db, actor.districtId!, { activeOnly: true })).filter((type) =>
    nomineeKindsWithFigures.includes(type.nomineeKind),
  );
  const type = types.find((candidate) => candidate.id === query.typeId) ?? types[0] ?? null;
  const empty = { total: 0, eligibleCount: 0, page: 1, pageSize: ELIGIBILITY_PAGE_SIZE };
  if (!type) return { types, type: null, periods: [], period: null, candidates: [], ...empty };
  const periods = recentPeriods(type.periodKind, today);
  const period: AwardPeriod =
    (query.periodKey ? periodOf(type.periodKind, query.periodKey) : null) ?? periods[0]!;
  const figureQuery = scopeQuery(actor, type.nomineeKind as FigureNomineeKind, period, today);
  // Ranked as a whole (the rank is over everyone in scope), shown a page at a time.
  const ranked = rankCandidates(criteriaOf(type), await candidateFigures(db, figureQuery));
  const pages = Math.max(1, Math.ceil(ranked.length / ELIGIBILITY_PAGE_SIZE));
  const page = Math.min(Math.max(1, Math.trunc(query.page ?? 1)), pages);
  const candidates = ranked.slice((page - 1) * ELIGIBILITY_PAGE_SIZE, page * ELIGIBILITY_PAGE_SIZE);
  return {
    types,
    type,
    periods,
    period,
    candidates,
    total: ranked.length,
    eligibleCount: ranked.filter((candidate) => candidate.eligible).length,
    page,
    pageSize: ELIGIBILITY_PAGE_SIZE,
  };
}

/** The figure query of the reader's scope: an office's staff their office's volunteers. */
export function scopeQuery(
  actor: Actor,
  nomineeKind: FigureNomineeKind,
  period: AwardPeriod,
  today: string,
): FigureQuery {
  const officeOnly = actor.role === "office_staff" && nomineeKind === "volunteer";
  return {
    nomineeKind,
    districtId: actor.districtId!,
    officeId: officeOnly ? actor.organizationId : null,
    periodStart: period.start,
    periodEnd: period.end,
    today,
  };
}
