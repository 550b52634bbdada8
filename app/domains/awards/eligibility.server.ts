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
export async function eligibilityView(
  db: DbOrTx,
  actor: Actor,
  query: { typeId?: string; periodKey?: string },
  today: string,
) {
  const types = (await listAwardTypes(db, actor.districtId!, { activeOnly: true })).filter((type) =>
    nomineeKindsWithFigures.includes(type.nomineeKind),
  );
  const type = types.find((candidate) => candidate.id === query.typeId) ?? types[0] ?? null;
  if (!type) return { types, type: null, periods: [], period: null, candidates: [] };
  const periods = recentPeriods(type.periodKind, today);
  const period: AwardPeriod =
    (query.periodKey ? periodOf(type.periodKind, query.periodKey) : null) ?? periods[0]!;
  const figureQuery = scopeQuery(actor, type.nomineeKind as FigureNomineeKind, period, today);
  const candidates = rankCandidates(criteriaOf(type), await candidateFigures(db, figureQuery));
  return { types, type, periods, period, candidates };
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
