import { describe, expect, it } from "vitest";
import {
  batchScorer,
  evaluateProvider,
  hardConstraints,
  type NeedForRanking,
  type ProviderForRanking,
  rankProviders,
  scorePartMax,
} from "./scoring";
import { providerKinds, serviceCategories } from "./taxonomy";
import { seededRandom } from "./test-random";

const office = "office-a";
const otherOffice = "office-b";
const district = "district-1";

const need: NeedForRanking = {
  categoryId: "psychological.individual",
  officeId: office,
  districtId: district,
  languages: ["普通话"],
  genderRequirement: "female",
  urgency: "normal",
};

function provider(overrides: Partial<ProviderForRanking> = {}): ProviderForRanking {
  return {
    id: "p1",
    kind: "social_org",
    categoryIds: ["psychological"],
    districtId: district,
    coversDistrict: true,
    officeIds: [],
    languages: ["普通话"],
    workerGenders: ["female", "male"],
    capacity: 5,
    activeCases: 1,
    referralsAnswered: 4,
    referralsAccepted: 3,
    referralsExpired: 0,
    casesResolved: 2,
    casesNotResolved: 1,
    responseMinutesTotal: 4 * 600,
    ...overrides,
  };
}

const languages = ["普通话", "粤语", "维吾尔语"];
function randomCase(seed: number) {
  const random = seededRandom(seed);
  const categories = serviceCategories.map((category) => category.id);
  const randomNeed: NeedForRanking = {
    categoryId: random.pick(categories),
    officeId: random.pick([office, otherOffice]),
    districtId: district,
    languages: random.subset(languages, 0.4),
    genderRequirement: random.pick(["none", "female", "male"] as const),
    urgency: random.pick(["urgent", "normal", "low"] as const),
    excludedProviderIds: random.next() < 0.2 ? ["p1"] : [],
  };
  const capacity = random.int(0, 8);
  const answered = random.int(0, 10);
  const closed = random.int(0, 10);
  const randomProvider = provider({
    kind: random.pick(providerKinds),
    categoryIds: random.subset(categories, 0.15),
    districtId: random.pick([district, "district-2"]),
    coversDistrict: random.next() < 0.5,
    officeIds: random.subset([office, otherOffice]),
    languages: random.subset(languages, 0.6),
    workerGenders: random.subset(["female", "male"], 0.7),
    capacity,
    activeCases: random.int(0, capacity),
    referralsAnswered: answered,
    referralsAccepted: random.int(0, answered),
    referralsExpired: random.int(0, 3),
    casesResolved: random.int(0, closed),
    casesNotResolved: closed,
    responseMinutesTotal: answered * random.int(10, 10_000),
  });
  return { need: randomNeed, provider: randomProvider };
}

describe("scoring a provider for a need", () => {
  it("explains a good fit part by part, the parts adding up to the score", () => {
    const evaluation = evaluateProvider(need, provider());
    expect(evaluation.eligible).toBe(true);
    if (!evaluation.eligible) return;
    expect(evaluation.parts.map((part) => part.part)).toEqual(Object.keys(scorePartMax));
    const sum = evaluation.parts.reduce((total, part) => total + part.points, 0);
    expect(evaluation.score).toBeCloseTo(sum, 5);
    expect(evaluation.parts.find((part) => part.part === "category")?.reason).toBe("category.parent");
    expect(evaluation.parts.find((part) => part.part === "area")?.reason).toBe("area.district");
  });

  it.each([
    ["excluded", { id: "p1" }, { excludedProviderIds: ["p1"] }],
    ["category", { categoryIds: ["legal"] }, {}],
    ["category", { kind: "enterprise" as const, categoryIds: ["psychological"] }, {}],
    ["area", { coversDistrict: false, officeIds: [otherOffice] }, {}],
    ["area", { districtId: "district-2" }, {}],
    ["gender", { workerGenders: ["male"] }, {}],
    ["language", { languages: ["粤语"] }, {}],
    ["capacity", { capacity: 2, activeCases: 2 }, {}],
    ["capacity", { capacity: 0, activeCases: 0 }, {}],
  ] as const)(
    "filters a provider failing the %s constraint",
    (constraint, providerOverrides, needOverrides) => {
      const evaluation = evaluateProvider({ ...need, ...needOverrides }, provider(providerOverrides));
      expect(evaluation).toEqual({ eligible: false, failed: constraint });
    },
  );

  it("a provider failing a hard constraint is never suggested (random cases)", () => {
    for (let seed = 1; seed <= 2000; seed++) {
      const { need: randomNeed, provider: randomProvider } = randomCase(seed);
      const evaluation = evaluateProvider(randomNeed, randomProvider);
      const ranking = rankProviders(randomNeed, [randomProvider]);
      const suggested = ranking.suggestions.some((suggestion) => suggestion.providerId === randomProvider.id);
      expect(suggested, `seed ${seed}`).toBe(evaluation.eligible);
      if (!evaluation.eligible) continue;
      // Re-derive every hard constraint independently.
      expect(randomNeed.excludedProviderIds).not.toContain(randomProvider.id);
      expect(randomProvider.capacity - randomProvider.activeCases).toBeGreaterThan(0);
      if (randomNeed.genderRequirement !== "none")
        expect(randomProvider.workerGenders).toContain(randomNeed.genderRequirement);
      if (randomNeed.languages.length > 0)
        expect(randomNeed.languages.some((language) => randomProvider.languages.includes(language))).toBe(
          true,
        );
      expect(
        randomProvider.officeIds.includes(randomNeed.officeId) ||
          (randomProvider.coversDistrict && randomProvider.districtId === randomNeed.districtId),
      ).toBe(true);
    }
  });

  it("every part stays within its maximum and the score within 0–100", () => {
    for (let seed = 1; seed <= 2000; seed++) {
      const { need: randomNeed, provider: randomProvider } = randomCase(seed);
      const evaluation = evaluateProvider(randomNeed, randomProvider);
      if (!evaluation.eligible) continue;
      for (const part of evaluation.parts) {
        expect(part.points).toBeGreaterThanOrEqual(0);
        expect(part.points).toBeLessThanOrEqual(part.max);
      }
      expect(evaluation.score).toBeGreaterThanOrEqual(0);
      expect(evaluation.score).toBeLessThanOrEqual(100);
    }
  });

  it("more capacity never lowers a score; more load, fewer acceptances or worse outcomes never raise it", () => {
    for (let seed = 1; seed <= 2000; seed++) {
      const { need: randomNeed, provider: base } = randomCase(seed);
      const before = evaluateProvider(randomNeed, base);
      if (!before.eligible) continue;
      const variants: [ProviderForRanking, "higher" | "lower"][] = [
        [{ ...base, capacity: base.capacity + 1 }, "higher"],
        [{ ...base, capacity: base.capacity + 10 }, "higher"],
        [
          {
            ...base,
            referralsAnswered: base.referralsAnswered + 1,
            referralsAccepted: base.referralsAccepted + 1,
          },
          "higher",
        ],
        [{ ...base, casesResolved: base.casesResolved + 1 }, "higher"],
        [{ ...base, casesNotResolved: base.casesNotResolved + 1 }, "lower"],
        [{ ...base, referralsExpired: base.referralsExpired + 1 }, "lower"],
        [{ ...base, officeIds: [...base.officeIds, randomNeed.officeId] }, "higher"],
      ];
      if (base.activeCases + 1 < base.capacity)
        variants.push([{ ...base, activeCases: base.activeCases + 1 }, "lower"]);
      for (const [variant, direction] of variants) {
        const after = evaluateProvider(randomNeed, variant);
        expect(after.eligible, `seed ${seed}`).toBe(true);
        if (!after.eligible) continue;
        if (direction === "higher") expect(after.score, `seed ${seed}`).toBeGreaterThanOrEqual(before.score);
        else expect(after.score, `seed ${seed}`).toBeLessThanOrEqual(before.score);
      }
    }
  });

  it("an exact subcategory beats its parent category, an office beats the whole district", () => {
    const exact = evaluateProvider(need, provider({ categoryIds: ["psychological.individual"] }));
    const parent = evaluateProvider(need, provider({ categoryIds: ["psychological"] }));
    const atOffice = evaluateProvider(need, provider({ officeIds: [office], coversDistrict: false }));
    if (!exact.eligible || !parent.eligible || !atOffice.eligible) throw new Error("expected eligible");
    expect(exact.score).toBeGreaterThan(parent.score);
    expect(atOffice.score).toBeGreaterThan(parent.score);
  });

  it("ranks best first, stable on ties, and counts what each constraint removed", () => {
    const ranking = rankProviders(need, [
      provider({ id: "b" }),
      provider({ id: "a" }),
      provider({ id: "c", categoryIds: ["psychological.individual"] }),
      provider({ id: "d", workerGenders: ["male"] }),
      provider({ id: "e", capacity: 1, activeCases: 1 }),
    ]);
    expect(ranking.suggestions.map((suggestion) => suggestion.providerId)).toEqual(["c", "a", "b"]);
    expect(ranking.filtered).toEqual({
      ...Object.fromEntries(hardConstraints.map((name) => [name, 0])),
      gender: 1,
      capacity: 1,
    });
  });
});

describe("the batch scorer", () => {
  it("finds exactly the eligible providers of evaluateProvider, with the very same scores", () => {
    let compared = 0;
    for (let seed = 1; seed <= 60; seed++) {
      const random = seededRandom(seed * 7919);
      const cases = Array.from({ length: 40 }, (_, index) => randomCase(seed * 1000 + index));
      const providers = cases.map(({ provider: each }, index) => ({ ...each, id: `p${index}` }));
      const scorer = batchScorer(providers);
      for (const { need: each } of cases.slice(0, 12)) {
        const excluded = new Set(
          random.subset(
            providers.map((candidate) => candidate.id),
            0.1,
          ),
        );
        const expected = providers.flatMap((candidate, index) => {
          const evaluation = evaluateProvider(each, candidate, excluded);
          return evaluation.eligible ? [{ provider: index, score: evaluation.score }] : [];
        });
        expect(scorer(each, excluded)).toEqual(expected);
        compared += expected.length;
      }
    }
    // The random cases must reach eligible pairs, or the comparison proves nothing.
    expect(compared).toBeGreaterThan(200);
  });
});
