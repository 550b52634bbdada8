import { describe, expect, it } from "vitest";
import { checkSession, newSessionTimes } from "./session-policy";

const start = new Date("2026-11-22T01:00:00Z");
const at = (minutes: number) => new Date(start.getTime() + minutes * 60_000);

describe("session policy", () => {
  it("ends a staff session after 30 idle minutes", () => {
    const times = newSessionTimes("office_staff", start);
    expect(checkSession(times, "office_staff", at(29)).valid).toBe(true);
    expect(checkSession(times, "office_staff", at(30)).valid).toBe(false);
  });

  it("slides the staff expiry with activity but never past 12 hours", () => {
    let times = newSessionTimes("bureau_admin", start);
    for (let minute = 20; minute < 12 * 60; minute += 20) {
      const check = checkSession(times, "bureau_admin", at(minute));
      expect(check.valid, `minute ${minute}`).toBe(true);
      if (check.valid && check.renew) times = { ...times, ...check.renew };
    }
    expect(checkSession(times, "bureau_admin", at(12 * 60)).valid).toBe(false);
  });

  it("gives other roles a week of inactivity", () => {
    const times = newSessionTimes("volunteer", start);
    expect(checkSession(times, "volunteer", at(6 * 24 * 60)).valid).toBe(true);
    expect(checkSession(times, "volunteer", at(7 * 24 * 60)).valid).toBe(false);
  });

  it("does not renew more than once a minute", () => {
    const times = newSessionTimes("volunteer", start);
    expect(checkSession(times, "volunteer", new Date(start.getTime() + 30_000))).toEqual({
      valid: true,
      renew: null,
    });
    const later = checkSession(times, "volunteer", at(2));
    expect(later.valid && later.renew?.lastSeenAt).toEqual(at(2));
  });
});
