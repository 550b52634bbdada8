import { describe, expect, it } from "vitest";
import { domainMicroBars, gapBar, microBars, timeFew } from "../../scripts/bench/domains";

describe("bench: the domain micro-benchmark bars", () => {
  it("passes a result within its limit and fails one above it", () => {
    const bars = microBars([
      { name: "query: open slots, one service point, 60 days", ms: 9.5 },
      { name: "pure: rank providers for one need among all providers", ms: 51 },
      { name: "pure: batch matching, 10 000 open needs", ms: 4_200 },
    ]);
    expect(bars.map((bar) => bar.pass)).toEqual([true, false, true]);
    expect(bars[0]!.value).toBe("9.50 ms");
    expect(bars[2]!.value).toBe("4.20 s");
  });

  it("skips a bar whose benchmark did not run", () => {
    const bars = microBars([]);
    expect(bars).toHaveLength(domainMicroBars.length);
    expect(bars.every((bar) => bar.pass === null && bar.value === "not measured")).toBe(true);
  });

  it("holds the batch plan to a 1 % optimality gap", () => {
    expect(gapBar(0.004, 400)).toMatchObject({ pass: true, value: "0.400 % on 400 needs" });
    expect(gapBar(0.02, 400).pass).toBe(false);
    expect(gapBar(null, 0).pass).toBeNull();
  });

  it("times a few runs and returns their median", async () => {
    let calls = 0;
    const ms = await timeFew(() => {
      calls += 1;
    }, 3);
    expect(calls).toBe(3);
    expect(ms).toBeGreaterThanOrEqual(0);
  });

  it("stops timing once the budget is spent", async () => {
    let calls = 0;
    await timeFew(
      async () => {
        calls += 1;
        await new Promise((resolve) => setTimeout(resolve, 5));
      },
      3,
      1,
    );
    expect(calls).toBe(1);
  });
});
