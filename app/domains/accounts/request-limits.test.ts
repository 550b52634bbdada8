import { describe, expect, it } from "vitest";
import { publicPostLimits, windowOf } from "./request-limits";

describe("windowOf", () => {
  it("puts every instant of one fixed window into the same window, the next instant into the next", () => {
    const hour = { windowMs: 60 * 60_000 };
    const start = new Date("2026-05-16T02:00:00Z");
    const end = new Date("2026-05-16T03:00:00Z");
    expect(windowOf(hour, start)).toEqual({ start, end });
    expect(windowOf(hour, new Date("2026-05-16T02:59:59.999Z"))).toEqual({ start, end });
    expect(windowOf(hour, end).start).toEqual(end);
  });

  it("every public limit has a unique bucket and allows at least one hit", () => {
    const limits = Object.values(publicPostLimits);
    expect(new Set(limits.map((limit) => limit.bucket)).size).toBe(limits.length);
    for (const limit of limits) expect(limit.limit).toBeGreaterThan(0);
  });
});
