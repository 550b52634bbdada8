import highsLoader from "highs";
import { describe, expect, it } from "vitest";
import { type AssignmentProblem, greedyAssignment, optimalAssignment, optimalityGap } from "./assignment";
import { seededRandom } from "./test-random";

function randomProblem(
  seed: number,
  needCount: number,
  providerCount: number,
  density = 0.5,
): AssignmentProblem {
  const random = seededRandom(seed);
  const capacities = Array.from({ length: providerCount }, () => random.int(0, 3));
  const edges = [];
  for (let need = 0; need < needCount; need++)
    for (let provider = 0; provider < providerCount; provider++)
      if (random.next() < density) edges.push({ need, provider, weight: random.int(1, 1000) });
  return { needCount, capacities, edges };
}

/** Every assignment of each need to an eligible provider or to none, within capacities. */
function bruteForce(problem: AssignmentProblem): number {
  const byNeed = Array.from({ length: problem.needCount }, (_, need) =>
    problem.edges.filter((edge) => edge.need === need),
  );
  const remaining = [...problem.capacities];
  let best = 0;
  const visit = (need: number, total: number) => {
    if (need === problem.needCount) {
      best = Math.max(best, total);
      return;
    }
    visit(need + 1, total);
    for (const edge of byNeed[need]!) {
      if (remaining[edge.provider]! <= 0) continue;
      remaining[edge.provider]! -= 1;
      visit(need + 1, total + edge.weight);
      remaining[edge.provider]! += 1;
    }
  };
  visit(0, 0);
  return best;
}

function checkFeasible(problem: AssignmentProblem, providerOfNeed: number[]) {
  const used = new Array(problem.capacities.length).fill(0);
  providerOfNeed.forEach((provider, need) => {
    if (provider === -1) return;
    expect(problem.edges.some((edge) => edge.need === need && edge.provider === provider)).toBe(true);
    used[provider] += 1;
  });
  used.forEach((count, provider) => expect(count).toBeLessThanOrEqual(problem.capacities[provider]!));
}

describe("batch assignment (min-cost flow)", () => {
  it("assigns the obvious case", () => {
    const result = optimalAssignment({
      needCount: 2,
      capacities: [1, 1],
      edges: [
        { need: 0, provider: 0, weight: 10 },
        { need: 0, provider: 1, weight: 9 },
        { need: 1, provider: 0, weight: 8 },
      ],
    });
    // Greedy would give need 0 → provider 0 (10) and leave need 1 without (total 10); optimal is 9 + 8.
    expect(result).toEqual({ providerOfNeed: [1, 0], total: 17 });
    expect(
      greedyAssignment({
        needCount: 2,
        capacities: [1, 1],
        edges: [
          { need: 0, provider: 0, weight: 10 },
          { need: 0, provider: 1, weight: 9 },
          { need: 1, provider: 0, weight: 8 },
        ],
      }).total,
    ).toBe(10);
  });

  it("equals the brute-force optimum on small random instances", () => {
    for (let seed = 1; seed <= 300; seed++) {
      const random = seededRandom(seed * 7919);
      const problem = randomProblem(seed, random.int(1, 6), random.int(1, 4), random.next());
      const result = optimalAssignment(problem);
      checkFeasible(problem, result.providerOfNeed);
      expect(result.total, `seed ${seed}`).toBe(bruteForce(problem));
      expect(greedyAssignment(problem).total).toBeLessThanOrEqual(result.total);
    }
  });

  it("handles empty problems and providers without capacity", () => {
    expect(optimalAssignment({ needCount: 0, capacities: [], edges: [] })).toEqual({
      providerOfNeed: [],
      total: 0,
    });
    expect(
      optimalAssignment({ needCount: 1, capacities: [0], edges: [{ need: 0, provider: 0, weight: 5 }] }),
    ).toEqual({ providerOfNeed: [-1], total: 0 });
  });

  it("equals the exact optimum of the HiGHS solver on larger random instances", async () => {
    const highs = await highsLoader();
    // Small dense instances, and one sparse instance of realistic shape (few candidates per need).
    const problems = [1, 2, 3, 4, 5, 6].map((seed) => randomProblem(seed, 30, 10, 0.3));
    problems.push(randomProblem(99, 400, 150, 0.06));
    for (const [seed, problem] of problems.entries()) {
      const lines = [
        "Maximize",
        " obj: " + problem.edges.map((edge, i) => `${edge.weight} x${i}`).join(" + "),
      ];
      lines.push("Subject To");
      for (let need = 0; need < problem.needCount; need++) {
        const terms = problem.edges.flatMap((edge, i) => (edge.need === need ? [`x${i}`] : []));
        if (terms.length > 0) lines.push(` n${need}: ${terms.join(" + ")} <= 1`);
      }
      problem.capacities.forEach((capacity, provider) => {
        const terms = problem.edges.flatMap((edge, i) => (edge.provider === provider ? [`x${i}`] : []));
        if (terms.length > 0) lines.push(` p${provider}: ${terms.join(" + ")} <= ${capacity}`);
      });
      lines.push("Bounds", ...problem.edges.map((_, i) => ` 0 <= x${i} <= 1`));
      lines.push("General", " " + problem.edges.map((_, i) => `x${i}`).join(" "), "End");
      const solution = highs.solve(lines.join("\n"));
      expect(solution.Status).toBe("Optimal");
      const result = optimalAssignment(problem);
      checkFeasible(problem, result.providerOfNeed);
      expect(result.total, `seed ${seed}`).toBe(Math.round(solution.ObjectiveValue));
      expect(optimalityGap(result.total, greedyAssignment(problem).total)).toBeGreaterThanOrEqual(0);
    }
    // The WebAssembly solver is slow to start on a busy machine; the check itself is not timed.
  }, 60_000);
});
