import { describe, expect, it } from "vitest";
import {
  backoffDelay,
  classifyFailure,
  MAX_RETRY_AFTER_MS,
  parseRetryAfter,
  retryDelay,
} from "~/domains/notifications/backoff";

describe("backoffDelay", () => {
  const options = { baseMs: 1000, maxMs: 60_000 };

  it("doubles per attempt between half and all of the ceiling", () => {
    expect(backoffDelay(1, { ...options, random: () => 0 })).toBe(500);
    expect(backoffDelay(1, { ...options, random: () => 1 })).toBe(1000);
    expect(backoffDelay(2, { ...options, random: () => 1 })).toBe(2000);
    expect(backoffDelay(4, { ...options, random: () => 0 })).toBe(4000);
    expect(backoffDelay(4, { ...options, random: () => 1 })).toBe(8000);
  });

  it("is capped at maxMs even for absurd attempt counts", () => {
    expect(backoffDelay(10, { ...options, random: () => 1 })).toBe(60_000);
    expect(backoffDelay(5000, { ...options, random: () => 1 })).toBe(60_000);
  });

  it("spreads retries with jitter", () => {
    const delays = new Set(Array.from({ length: 50 }, () => backoffDelay(3, options)));
    expect(delays.size).toBeGreaterThan(10);
    for (const delay of delays) {
      expect(delay).toBeGreaterThanOrEqual(2000);
      expect(delay).toBeLessThanOrEqual(4000);
    }
  });
});

describe("parseRetryAfter", () => {
  const now = new Date("2026-11-22T08:00:00Z");
  it("reads seconds and HTTP dates", () => {
    expect(parseRetryAfter("3", now)).toBe(3000);
    expect(parseRetryAfter("Sun, 22 Nov 2026 08:00:10 GMT", now)).toBe(10_000);
    expect(parseRetryAfter("Sun, 22 Nov 2026 07:00:00 GMT", now)).toBe(0);
  });
  it("ignores missing or unreadable values and caps huge ones", () => {
    expect(parseRetryAfter(undefined, now)).toBeNull();
    expect(parseRetryAfter("", now)).toBeNull();
    expect(parseRetryAfter("soon", now)).toBeNull();
    expect(parseRetryAfter("99999999", now)).toBe(MAX_RETRY_AFTER_MS);
  });
});

describe("retryDelay", () => {
  it("never retries before Retry-After", () => {
    expect(retryDelay(1, 30_000, { baseMs: 10, random: () => 1 })).toBe(30_000);
    expect(retryDelay(1, null, { baseMs: 10, random: () => 1 })).toBe(10);
  });
});

describe("classifyFailure", () => {
  it("retries server errors, timeouts and rate limits; gives up on other client errors", () => {
    expect(classifyFailure(null)).toBe("transient");
    expect(classifyFailure(500)).toBe("transient");
    expect(classifyFailure(503)).toBe("transient");
    expect(classifyFailure(429)).toBe("transient");
    expect(classifyFailure(409)).toBe("transient");
    expect(classifyFailure(400)).toBe("permanent");
    expect(classifyFailure(401)).toBe("permanent");
    expect(classifyFailure(422)).toBe("permanent");
  });
});
