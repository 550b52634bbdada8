import { describe, expect, it } from "vitest";
import { digestTimeAtOrBefore, digestWeekLabel, nextDigestTime } from "./digest-schedule";

const at = (iso: string) => new Date(iso);

describe("weekly digest schedule (Monday 08:00 Asia/Shanghai, in UTC)", () => {
  it("is Monday 00:00 UTC, since Shanghai is UTC+8 all year", () => {
    // Sunday 2026-11-22, 15:00 in Shanghai.
    expect(nextDigestTime(at("2026-11-22T07:00:00Z")).toISOString()).toBe("2026-11-23T00:00:00.000Z");
    expect(digestTimeAtOrBefore(at("2026-11-22T07:00:00Z")).toISOString()).toBe("2026-11-16T00:00:00.000Z");
  });

  it("counts the digest time itself as due, and the next one a week later", () => {
    const monday8 = at("2026-11-23T00:00:00Z");
    expect(digestTimeAtOrBefore(monday8).toISOString()).toBe(monday8.toISOString());
    expect(nextDigestTime(monday8).toISOString()).toBe("2026-11-30T00:00:00.000Z");
    const justBefore = at("2026-11-22T23:59:59.999Z");
    expect(digestTimeAtOrBefore(justBefore).toISOString()).toBe("2026-11-16T00:00:00.000Z");
    expect(nextDigestTime(justBefore).toISOString()).toBe(monday8.toISOString());
  });

  it("uses the Shanghai day, not the UTC day, near midnight", () => {
    // Sunday 2026-11-22 20:00 UTC is already Monday 04:00 in Shanghai: before 08:00, so not yet due.
    expect(nextDigestTime(at("2026-11-22T20:00:00Z")).toISOString()).toBe("2026-11-23T00:00:00.000Z");
    // Monday 2026-11-23 23:00 UTC is Tuesday 07:00 in Shanghai: this Monday's digest is the last one.
    expect(digestTimeAtOrBefore(at("2026-11-23T23:00:00Z")).toISOString()).toBe("2026-11-23T00:00:00.000Z");
  });

  it("crosses month, year and leap-day boundaries", () => {
    expect(nextDigestTime(at("2026-12-31T12:00:00Z")).toISOString()).toBe("2027-01-04T00:00:00.000Z");
    expect(nextDigestTime(at("2024-02-28T12:00:00Z")).toISOString()).toBe("2024-03-04T00:00:00.000Z");
    expect(digestTimeAtOrBefore(at("2024-03-01T12:00:00Z")).toISOString()).toBe("2024-02-26T00:00:00.000Z");
  });

  it("always lands on a Monday 08:00 in Shanghai, strictly after the given time, at most a week later", () => {
    const start = Date.UTC(2026, 0, 1);
    for (let step = 0; step < 24 * 60; step++) {
      const now = new Date(start + step * 61 * 60_000 + step * 997);
      const next = nextDigestTime(now);
      const shanghai = new Date(next.getTime() + 8 * 60 * 60_000);
      expect(shanghai.getUTCDay()).toBe(1);
      expect([shanghai.getUTCHours(), shanghai.getUTCMinutes(), shanghai.getUTCSeconds()]).toEqual([8, 0, 0]);
      expect(next.getTime()).toBeGreaterThan(now.getTime());
      expect(next.getTime() - now.getTime()).toBeLessThanOrEqual(7 * 24 * 60 * 60_000);
      expect(digestTimeAtOrBefore(now).getTime()).toBe(next.getTime() - 7 * 24 * 60 * 60_000);
    }
  });

  it("labels a digest week by its Shanghai date", () => {
    expect(digestWeekLabel(at("2026-11-23T00:00:00Z"))).toBe("2026-11-23");
    expect(digestWeekLabel(at("2027-01-04T00:00:00Z"))).toBe("2027-01-04");
  });
});
