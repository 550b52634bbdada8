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
