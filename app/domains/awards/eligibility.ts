/**
 * Eligibility of candidates for a commendation type, pure: each criterion compared with the candidate's
 * recorded figures, and a ranking. No commendation rests on claims: figures come from records only
 * (eligibility.server.ts), each linked to the rows behind it.
 */
export const figureKeys = [
  "minutes",
  "activities",
  "placements",
  "retained30",
  "retained90",
  "retained180",
  "consultations",
  "referralsResolved",
] as const;
export type FigureKey = (typeof figureKeys)[number];

export const nomineeKinds = ["volunteer", "social_org", "enterprise", "law_firm"] as const;
export type NomineeKind = (typeof nomineeKinds)[number];

/**
 * The figures recorded for each kind of nominee: volunteers' approved service (hours, activities),
 * organizations' activities held and the hours served on them, enterprises' placements and how many
 * were still employed 30, 90 and 180 days after the start, law firms' consultations given, and for
 * everyone who is a provider, the help referrals they resolved.
 */
export const figuresOfKind: Record<NomineeKind, readonly FigureKey[]> = {
  volunteer: ["minutes", "activities", "referralsResolved"],
  social_org: ["minutes", "activities", "referralsResolved"],
  enterprise: ["placements", "retained30", "retained90", "retained180", "referralsResolved"],
  law_firm: ["consultations", "referralsResolved"],
};

/** The criterion columns of an award type, one per figure (null: no such criterion). */
export interface CriteriaColumns {
  minMinutes: number | null;
  minActivities: number | null;
  minPlacements: number | null;
  minRetained30: number | null;
  minRetained90: number | null;
  minRetained180: number | null;
  minConsultations: number | null;
  minReferralsResolved: number | null;
}

export const criterionColumn: Record<FigureKey, keyof CriteriaColumns> = {
  minutes: "minMinutes",
  activities: "minActivities",
  placements: "minPlacements",
  retained30: "minRetained30",
  retained90: "minRetained90",
  retained180: "minRetained180",
  consultations: "minConsultations",
  referralsResolved: "minReferralsResolved",
};

/** An award type's criteria as figures. */
export function criteriaOf(type: CriteriaColumns): Criteria {
  const criteria: Criteria = {};
  for (const figure of figureKeys) criteria[figure] = type[criterionColumn[figure]];
  return criteria;
}

export type Figures = Partial<Record<FigureKey, number>>;
export type Criteria = Partial<Record<FigureKey, number | null>>;

export interface CriterionCheck {
  figure: FigureKey;
  required: number;
  actual: number;
  met: boolean;
}

export interface Eligibility {
  eligible: boolean;
  checks: CriterionCheck[];
  /** How far past the bar the candidate is: the smallest ratio actual / required (1 = just met). */
  margin: number;
}

export function evaluate(criteria: Criteria, figures: Figures): Eligibility {
  const checks: CriterionCheck[] = [];
  for (const figure of figureKeys) {
    const required = criteria[figure];
    if (required === null || required === undefined) continue;
    const actual = figures[figure] ?? 0;
    checks.push({ figure, required, actual, met: actual >= required });
  }
  const margin = checks.length === 0 ? 1 : Math.min(...checks.map((c) => c.actual / c.required));
  return { eligible: checks.every((c) => c.met), checks, margin };
}

export interface Candidate {
  id: string;
  name: string;
  figures: Figures;
}

export interface RankedCandidate extends Candidate, Eligibility {
  rank: number;
}

/** One collator for the names (a `localeCompare` with a locale builds a new one at every call). */
const byChineseName = new Intl.Collator("zh-CN").compare;

/**
 * Candidates ranked: eligible ones first, then by margin over the bar, then by the first figure of the
 * criteria (e.g. minutes), then by name so the order is stable. Candidates with no recorded figure at all
 * are left out.
 */
export function rankCandidates(criteria: Criteria, candidates: readonly Candidate[]): RankedCandidate[] {
  const primary = figureKeys.find((key) => criteria[key] != null) ?? "minutes";
  return candidates
    .filter((candidate) => figureKeys.some((key) => (candidate.figures[key] ?? 0) > 0))
    .map((candidate) => ({ ...candidate, ...evaluate(criteria, candidate.figures), rank: 0 }))
    .sort(
      (a, b) =>
        Number(b.eligible) - Number(a.eligible) ||
        b.margin - a.margin ||
        (b.figures[primary] ?? 0) - (a.figures[primary] ?? 0) ||
        byChineseName(a.name, b.name),
    )
    .map((candidate, index) => ({ ...candidate, rank: index + 1 }));
}

/** A name on the public honour roll: the full name only with consent, else the family name and 某. */
export function publicName(
  name: string,
  kind: "volunteer" | "organization",
  publishFullName: boolean,
): string {
  if (kind === "organization" || publishFullName) return name;
  const chars = [...name.trim()];
  if (chars.length === 0) return name;
  if (/^[\u4e00-\u9fff]/.test(chars[0]!)) return `${chars[0]}某`;
  // Latin names: initials only.
  return name
    .trim()
    .split(/\s+/)
    .map((part) => `${[...part][0]}.`)
    .join(" ");
}
