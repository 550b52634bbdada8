/**
 * Ranking providers for one help need. Hard constraints filter (the first one failed is named, so
 * staff see why a provider is missing); soft ones score, each part with its points and its maximum,
 * so every suggestion says why it ranks where it does and staff can trust or override it. Pure.
 */
import { type GenderRequirement, type NeedUrgency, normalizeLanguage, urgencyTargetMinutes } from "./options";
import { kindServes, type ProviderKind, rootOf } from "./taxonomy";

export interface NeedForRanking {
  categoryId: string;
  officeId: string;
  districtId: string;
  languages: readonly string[];
  genderRequirement: GenderRequirement;
  urgency: NeedUrgency;
  /** Providers that declined or let an earlier referral of this need expire. */
  excludedProviderIds?: Iterable<string>;
}

export interface ProviderForRanking {
  id: string;
  kind: ProviderKind;
  categoryIds: readonly string[];
  districtId: string;
  coversDistrict: boolean;
  officeIds: readonly string[];
  languages: readonly string[];
  workerGenders: readonly string[];
  capacity: number;
  activeCases: number;
  referralsAnswered: number;
  referralsAccepted: number;
  referralsExpired: number;
  casesResolved: number;
  casesNotResolved: number;
  responseMinutesTotal: number;
}

export const hardConstraints = ["excluded", "category", "area", "gender", "language", "capacity"] as const;
export type HardConstraint = (typeof hardConstraints)[number];

export const scoreParts = [
  "category",
  "area",
  "language",
  "capacity",
  "load",
  "acceptance",
  "outcomes",
  "response",
] as const;
export type ScorePartName = (typeof scoreParts)[number];

/** The most each part can add; they sum to 100. */
export const scorePartMax: Record<ScorePartName, number> = {
  category: 25,
  area: 15,
  language: 10,
  capacity: 10,
  load: 10,
  acceptance: 10,
  outcomes: 10,
  response: 10,
};

export interface ScorePart {
  part: ScorePartName;
  points: number;
  max: number;
  /** Why: a translation key suffix and its values, e.g. `category.exact`. */
  reason: string;
  values?: Record<string, number | string>;
}

export type Evaluation =
  { eligible: true; score: number; parts: ScorePart[] } | { eligible: false; failed: HardConstraint };

/** Open places at which the capacity part is full: a provider with five free places is not "fuller" than one with fifty. */
const CAPACITY_SATURATION = 5;

const round1 = (value: number) => Math.round(value * 10) / 10;

function categoryFit(need: NeedForRanking, provider: ProviderForRanking): "exact" | "parent" | null {
  if (!kindServes(provider.kind, need.categoryId)) return null;
  if (provider.categoryIds.includes(need.categoryId)) return "exact";
  const root = rootOf(need.categoryId);
  if (root !== need.categoryId && provider.categoryIds.includes(root)) return "parent";
  return null;
}

function areaFit(need: NeedForRanking, provider: ProviderForRanking): "office" | "district" | null {
  if (provider.officeIds.includes(need.officeId)) return "office";
  if (provider.coversDistrict && provider.districtId === need.districtId) return "district";
  return null;
}

function sharedLanguages(need: NeedForRanking, provider: ProviderForRanking): number {
  const spoken = new Set(provider.languages.map(normalizeLanguage));
  return need.languages.filter((language) => spoken.has(normalizeLanguage(language))).length;
}

/** Hard constraints first, then the score's parts. */
export function evaluateProvider(
  need: NeedForRanking,
  provider: ProviderForRanking,
  excluded: ReadonlySet<string> = new Set(need.excludedProviderIds ?? []),
): Evaluation {
  if (excluded.has(provider.id)) return { eligible: false, failed: "excluded" };
  const category = categoryFit(need, provider);
  if (!category) return { eligible: false, failed: "category" };
  const area = areaFit(need, provider);
  if (!area) return { eligible: false, failed: "area" };
  if (need.genderRequirement !== "none" && !provider.workerGenders.includes(need.genderRequirement))
    return { eligible: false, failed: "gender" };
  const shared = sharedLanguages(need, provider);
  if (need.languages.length > 0 && shared === 0) return { eligible: false, failed: "language" };
  const open = provider.capacity - provider.activeCases;
  if (open <= 0) return { eligible: false, failed: "capacity" };

  const parts: ScorePart[] = [];
  const add = (part: ScorePartName, fraction: number, reason: string, values?: ScorePart["values"]) => {
    const max = scorePartMax[part];
    parts.push({ part, points: round1(max * Math.min(1, Math.max(0, fraction))), max, reason, values });
  };
  add("category", category === "exact" ? 1 : 0.7, `category.${category}`);
  add("area", area === "office" ? 1 : 2 / 3, `area.${area}`);
  if (need.languages.length === 0) add("language", 1, "language.any");
  else
    add("language", shared / need.languages.length, "language.shared", {
      shared,
      wanted: need.languages.length,
    });
  add("capacity", Math.min(open, CAPACITY_SATURATION) / CAPACITY_SATURATION, "capacity.open", { open });
  add("load", 1 - provider.activeCases / provider.capacity, "load.active", {
    active: provider.activeCases,
    capacity: provider.capacity,
  });
  // Laplace-smoothed rates: a newcomer starts at one half, and one answer does not swing it to 0 or 1.
  const asked = provider.referralsAnswered + provider.referralsExpired;
  add("acceptance", (provider.referralsAccepted + 1) / (asked + 2), "acceptance.rate", {
    accepted: provider.referralsAccepted,
    asked,
  });
  const closed = provider.casesResolved + provider.casesNotResolved;
  add("outcomes", (provider.casesResolved + 1) / (closed + 2), "outcomes.rate", {
    resolved: provider.casesResolved,
    closed,
  });
  if (provider.referralsAnswered === 0) add("response", 0.5, "response.unknown");
  else {
    const average = Math.round(provider.responseMinutesTotal / provider.referralsAnswered);
    const target = urgencyTargetMinutes[need.urgency];
    add("response", 1 - average / (2 * target), "response.average", { minutes: average, target });
  }
  const score = round1(parts.reduce((sum, part) => sum + part.points, 0));
  return { eligible: true, score, parts };
}

export interface Suggestion {
  providerId: string;
  score: number;
  parts: ScorePart[];
}

export interface Ranking {
  suggestions: Suggestion[];
  /** How many providers each hard constraint removed (the first one each failed). */
  filtered: Record<HardConstraint, number>;
}

/** Eligible providers best first (ties by id, so the order is stable), at most `limit`. */
export function rankProviders(
  need: NeedForRanking,
  candidates: readonly ProviderForRanking[],
  limit = Infinity,
): Ranking {
  const filtered = Object.fromEntries(hardConstraints.map((name) => [name, 0])) as Record<
    HardConstraint,
    number
  >;
  const excluded = new Set(need.excludedProviderIds ?? []);
  const suggestions: Suggestion[] = [];
  for (const provider of candidates) {
    const evaluation = evaluateProvider(need, provider, excluded);
    if (evaluation.eligible)
      suggestions.push({ providerId: provider.id, score: evaluation.score, parts: evaluation.parts });
    else filtered[evaluation.failed] += 1;
  }
  suggestions.sort((a, b) => b.score - a.score || (a.providerId < b.providerId ? -1 : 1));
  return { suggestions: suggestions.slice(0, limit), filtered };
}

/** The score as an integer weight for the assignment (tenths of a point). */
export function scoreWeight(score: number): number {
  return Math.round(score * 10);
}

/**
 * The batch's scorer: the same hard constraints and the same score as {@link evaluateProvider}, the
 * same floating-point operations in the same order, without the explanations. What does not depend
 * on the need (a provider's capacity, load, rates, languages) is worked out once per provider, and
 * the pool of a need's category and area once per (category, office), so a batch of 10 000 needs
 * evaluates only the providers that can serve each need's office (issue 16: hard constraints first).
 */
export function batchScorer(providers: readonly ProviderForRanking[]) {
  const part = (name: ScorePartName, fraction: number) =>
    round1(scorePartMax[name] * Math.min(1, Math.max(0, fraction)));
  const facts = providers.map((provider) => {
    const open = provider.capacity - provider.activeCases;
    const asked = provider.referralsAnswered + provider.referralsExpired;
    const closed = provider.casesResolved + provider.casesNotResolved;
    const response = Object.fromEntries(
      (Object.keys(urgencyTargetMinutes) as NeedUrgency[]).map((urgency) => {
        if (provider.referralsAnswered === 0) return [urgency, part("response", 0.5)];
        const average = Math.round(provider.responseMinutesTotal / provider.referralsAnswered);
        return [urgency, part("response", 1 - average / (2 * urgencyTargetMinutes[urgency]))];
      }),
    ) as Record<NeedUrgency, number>;
    return {
      open,
      languages: new Set(provider.languages.map(normalizeLanguage)),
      genders: new Set(provider.workerGenders),
      capacity: part("capacity", Math.min(open, CAPACITY_SATURATION) / CAPACITY_SATURATION),
      load: part("load", 1 - provider.activeCases / provider.capacity),
      acceptance: part("acceptance", (provider.referralsAccepted + 1) / (asked + 2)),
      outcomes: part("outcomes", (provider.casesResolved + 1) / (closed + 2)),
      response,
    };
  });
  const byCategory = new Map<string, number[]>();
  providers.forEach((provider, index) => {
    for (const categoryId of provider.categoryIds) {
      const list = byCategory.get(categoryId) ?? [];
      list.push(index);
      byCategory.set(categoryId, list);
    }
  });
  type PoolEntry = { index: number; category: number; area: number };
  const pools = new Map<string, PoolEntry[]>();
  /** Providers passing the category, area and capacity constraints for a need, with those parts' points. */
  function poolOf(need: NeedForRanking): PoolEntry[] {
    const key = `${need.categoryId}|${need.officeId}|${need.districtId}`;
    const cached = pools.get(key);
    if (cached) return cached;
    const root = rootOf(need.categoryId);
    const indexes = new Set([
      ...(byCategory.get(need.categoryId) ?? []),
      ...(root === need.categoryId ? [] : (byCategory.get(root) ?? [])),
    ]);
    const pool: PoolEntry[] = [];
    for (const index of indexes) {
      const provider = providers[index]!;
      const category = categoryFit(need, provider);
      if (!category) continue;
      const area = areaFit(need, provider);
      if (!area || facts[index]!.open <= 0) continue;
      pool.push({
        index,
        category: part("category", category === "exact" ? 1 : 0.7),
        area: part("area", area === "office" ? 1 : 2 / 3),
      });
    }
    pool.sort((a, b) => a.index - b.index);
    pools.set(key, pool);
    return pool;
  }
  /** Every eligible provider of the need with its score, in provider order. */
  return function eligibleScores(
    need: NeedForRanking,
    excluded: ReadonlySet<string>,
  ): { provider: number; score: number }[] {
    const wanted = need.languages.map(normalizeLanguage);
    const scored: { provider: number; score: number }[] = [];
    for (const entry of poolOf(need)) {
      const provider = providers[entry.index]!;
      if (excluded.has(provider.id)) continue;
      const fact = facts[entry.index]!;
      if (need.genderRequirement !== "none" && !fact.genders.has(need.genderRequirement)) continue;
      let shared = 0;
      for (const language of wanted) if (fact.languages.has(language)) shared += 1;
      if (wanted.length > 0 && shared === 0) continue;
      const language = wanted.length === 0 ? part("language", 1) : part("language", shared / wanted.length);
      // The order of evaluateProvider's sum (category, area, language, capacity, load, acceptance,
      // outcomes, response), so the total is the same number to the last bit.
      const parts = [
        entry.category,
        entry.area,
        language,
        fact.capacity,
        fact.load,
        fact.acceptance,
        fact.outcomes,
        fact.response[need.urgency],
      ];
      scored.push({ provider: entry.index, score: round1(parts.reduce((sum, points) => sum + points, 0)) });
    }
    return scored;
  };
}
