import { describe, expect, it } from "vitest";
import {
  autoCheckout,
  checkinCodeForStep,
  checkinStep,
  currentCheckinCode,
  isCheckinSecret,
  newCheckinSecret,
  normalizeCheckinCode,
  secondsUntilRotation,
  verifyCheckinCode,
} from "./checkin-code";

/** RFC 6238's SHA-256 test key: the ASCII string "12345678901234567890123456789012" (32 bytes). */
const RFC_SECRET = Buffer.from("12345678901234567890123456789012", "ascii").toString("base64url");
/** Fixed secrets, so every run checks the same codes. */
const SECRET = Buffer.from("a volunteer check-in secret 0001", "ascii").toString("base64url");
const OTHER_SECRET = Buffer.from("a volunteer check-in secret 0002", "ascii").toString("base64url");

/** A moment `seconds` into step `step` of 30 s. */
function at(step: number, seconds = 0): Date {
  return new Date((step * 30 + seconds) * 1000);
}
const STEP = 59_000_000; // 2026-02-02T02:40:00Z

describe("newCheckinSecret", () => {
  it("is 32 random bytes as base64url", () => {
    const secret = newCheckinSecret();
    expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(secret, "base64url")).toHaveLength(32);
    expect(isCheckinSecret(secret)).toBe(true);
    expect(currentCheckinCode(secret, at(STEP))).toMatch(/^[0-9]{6}$/);
    expect(new Set(Array.from({ length: 50 }, newCheckinSecret)).size).toBe(50);
  });

  it("is required by every function that takes a secret", () => {
    for (const bad of ["", "short", `${SECRET}=`, SECRET.slice(1), `${SECRET.slice(1)}+`]) {
      expect(isCheckinSecret(bad), bad).toBe(false);
      expect(() => currentCheckinCode(bad, at(STEP)), bad).toThrow(TypeError);
      expect(() => verifyCheckinCode(bad, "123456", at(STEP)), bad).toThrow(TypeError);
    }
  });
});

describe("currentCheckinCode", () => {
  it("matches RFC 6238's HMAC-SHA256 test vectors (last 6 of the 8 digits)", () => {
    const vectors: [number, string][] = [
      [59, "119246"],
      [1111111109, "084774"],
      [1111111111, "062674"],
      [1234567890, "819424"],
      [2000000000, "698825"],
      [20000000000, "737706"],
    ];
    for (const [seconds, code] of vectors) {
      expect(currentCheckinCode(RFC_SECRET, seconds * 1000, 30), String(seconds)).toBe(code);
    }
  });

  it("is 6 digits, keeping leading zeros", () => {
    for (let step = STEP; step < STEP + 200; step++) {
      expect(checkinCodeForStep(SECRET, step)).toMatch(/^[0-9]{6}$/);
    }
    expect(currentCheckinCode(RFC_SECRET, 1111111109 * 1000)).toBe("084774");
  });

  it("stays the same within a step and rotates at its boundary", () => {
    const code = currentCheckinCode(SECRET, at(STEP));
    expect(currentCheckinCode(SECRET, at(STEP, 29.999))).toBe(code);
    expect(currentCheckinCode(SECRET, at(STEP + 1))).not.toBe(code);
    expect(currentCheckinCode(SECRET, at(STEP - 1, 29.999))).not.toBe(code);
    expect(currentCheckinCode(SECRET, at(STEP).getTime())).toBe(code);
  });

  it("differs between activities' secrets", () => {
    const same = Array.from({ length: 20 }, (_, i) => i).filter(
      (i) => checkinCodeForStep(SECRET, STEP + i) === checkinCodeForStep(OTHER_SECRET, STEP + i),
    );
    expect(same.length).toBeLessThan(2);
  });

  it("honours another step length", () => {
    const now = new Date(Date.UTC(2026, 4, 1, 9, 0, 0));
    expect(checkinStep(now, 60)).toBe(Math.floor(now.getTime() / 60_000));
    expect(currentCheckinCode(SECRET, now, 60)).toBe(checkinCodeForStep(SECRET, checkinStep(now, 60)));
    expect(currentCheckinCode(SECRET, new Date(now.getTime() + 59_000), 60)).toBe(
      currentCheckinCode(SECRET, now, 60),
    );
    expect(() => currentCheckinCode(SECRET, now, 0)).toThrow(RangeError);
    expect(() => currentCheckinCode(SECRET, now, 1.5)).toThrow(RangeError);
    expect(() => currentCheckinCode(SECRET, new Date(Number.NaN))).toThrow(RangeError);
  });
});

describe("secondsUntilRotation", () => {
  it("counts down from the step length to 1", () => {
    expect(secondsUntilRotation(at(STEP))).toBe(30);
    expect(secondsUntilRotation(at(STEP, 0.001))).toBe(30);
    expect(secondsUntilRotation(at(STEP, 1))).toBe(29);
    expect(secondsUntilRotation(at(STEP, 29))).toBe(1);
    expect(secondsUntilRotation(at(STEP, 29.5))).toBe(1);
    expect(secondsUntilRotation(new Date(Date.UTC(2026, 0, 1, 0, 0, 45)), 60)).toBe(15);
  });

  it("agrees with the moment the code changes", () => {
    const now = at(STEP, 12.3);
    const wait = secondsUntilRotation(now);
    const code = currentCheckinCode(SECRET, now);
    expect(currentCheckinCode(SECRET, new Date(now.getTime() + (wait - 1) * 1000))).toBe(code);
    expect(currentCheckinCode(SECRET, new Date(now.getTime() + wait * 1000))).not.toBe(code);
  });
});

describe("verifyCheckinCode", () => {
  const code = checkinCodeForStep(SECRET, STEP);

  it("accepts the current code and names its step", () => {
    expect(verifyCheckinCode(SECRET, code, at(STEP, 10))).toEqual({ ok: true, step: STEP, offset: 0 });
  });

  it("accepts the previous step's code (typing time) with that step", () => {
    expect(verifyCheckinCode(SECRET, code, at(STEP + 1, 29))).toEqual({ ok: true, step: STEP, offset: -1 });
  });

  it("refuses a code two steps old, and one from the future", () => {
    expect(verifyCheckinCode(SECRET, code, at(STEP + 2))).toEqual({ ok: false, reason: "mismatch" });
    expect(verifyCheckinCode(SECRET, code, at(STEP - 1, 29))).toEqual({ ok: false, reason: "mismatch" });
  });

  it("takes a wider or narrower window when asked", () => {
    expect(verifyCheckinCode(SECRET, code, at(STEP + 2), { window: 2 })).toEqual({
      ok: true,
      step: STEP,
      offset: -2,
    });
    expect(verifyCheckinCode(SECRET, code, at(STEP + 1), { window: 0 })).toEqual({
      ok: false,
      reason: "mismatch",
    });
    expect(verifyCheckinCode(SECRET, code, at(STEP), { window: 0 })).toMatchObject({ ok: true, step: STEP });
    expect(() => verifyCheckinCode(SECRET, code, at(STEP), { window: -1 })).toThrow(RangeError);
    expect(() => verifyCheckinCode(SECRET, code, at(STEP), { window: 1.5 })).toThrow(RangeError);
  });

  it("uses the given step length", () => {
    const now = new Date(Date.UTC(2026, 4, 1, 9, 0, 0));
    const minuteCode = currentCheckinCode(SECRET, now, 60);
    expect(
      verifyCheckinCode(SECRET, minuteCode, new Date(now.getTime() + 90_000), { stepSeconds: 60 }),
    ).toMatchObject({
      ok: true,
      offset: -1,
    });
    expect(verifyCheckinCode(SECRET, minuteCode, new Date(now.getTime() + 90_000))).toMatchObject({
      ok: false,
    });
  });

  it("refuses the code of another activity's secret", () => {
    const other = checkinCodeForStep(OTHER_SECRET, STEP);
    expect(other).not.toBe(code);
    expect(other).not.toBe(checkinCodeForStep(SECRET, STEP - 1));
    expect(verifyCheckinCode(OTHER_SECRET, other, at(STEP))).toMatchObject({ ok: true });
    expect(verifyCheckinCode(SECRET, other, at(STEP))).toEqual({ ok: false, reason: "mismatch" });
    expect(verifyCheckinCode(OTHER_SECRET, code, at(STEP))).toEqual({ ok: false, reason: "mismatch" });
  });

  it("refuses a wrong code", () => {
    const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, "0");
    expect(wrong).not.toBe(checkinCodeForStep(SECRET, STEP - 1));
    expect(verifyCheckinCode(SECRET, wrong, at(STEP))).toEqual({ ok: false, reason: "mismatch" });
    expect(verifyCheckinCode(SECRET, "000000", at(STEP))).toEqual({ ok: false, reason: "mismatch" });
  });

  it("accepts full-width digits and spaces", () => {
    const fullWidth = code.replace(/[0-9]/g, (digit) => String.fromCharCode(0xff10 + Number(digit)));
    expect(verifyCheckinCode(SECRET, fullWidth, at(STEP))).toMatchObject({ ok: true, step: STEP });
    expect(verifyCheckinCode(SECRET, ` ${code.slice(0, 3)} ${code.slice(3)}\n`, at(STEP))).toMatchObject({
      ok: true,
    });
    expect(verifyCheckinCode(SECRET, `${code.slice(0, 3)}\u3000${code.slice(3)}`, at(STEP))).toMatchObject({
      ok: true,
    });
    expect(verifyCheckinCode(SECRET, `${code.slice(0, 3)}-${code.slice(3)}`, at(STEP))).toMatchObject({
      ok: true,
    });
    expect(normalizeCheckinCode("１２３ ４５６")).toBe("123456");
  });

  it("answers malformed input as malformed, never as a match", () => {
    for (const input of [
      "",
      "12345",
      "1234567",
      "12a456",
      "１２３４５",
      "+12345",
      "12345.",
      "1".repeat(100),
      "٣٣٣٣٣٣",
    ]) {
      expect(verifyCheckinCode(SECRET, input, at(STEP)), input).toEqual({ ok: false, reason: "malformed" });
    }
    for (const input of [null, undefined, 123456, { code }, [code]]) {
      expect(verifyCheckinCode(SECRET, input, at(STEP)), String(input)).toEqual({
        ok: false,
        reason: "malformed",
      });
    }
  });

  it("lets a caller refuse a replay of the same step", () => {
    const used = new Set<number>();
    const checkIn = (typed: string, now: Date) => {
      const result = verifyCheckinCode(SECRET, typed, now);
      if (!result.ok || used.has(result.step)) return false;
      used.add(result.step);
      return true;
    };
    expect(checkIn(code, at(STEP, 5))).toBe(true);
    expect(checkIn(code, at(STEP + 1, 5))).toBe(false);
    expect(checkIn(checkinCodeForStep(SECRET, STEP + 1), at(STEP + 1, 6))).toBe(true);
  });
});

describe("autoCheckout", () => {
  const start = new Date("2026-05-01T09:00:00+08:00");
  const end = new Date("2026-05-01T11:00:00+08:00");
  const t = (time: string) => new Date(`2026-05-01T${time}+08:00`);

  it("counts the minutes of a normal check-in and check-out", () => {
    expect(autoCheckout(t("09:00:00"), t("11:00:00"), start, end, t("12:00:00"))).toEqual({
      checkOutAt: t("11:00:00"),
      minutes: 120,
      flagged: false,
      reason: "checkedOut",
    });
    expect(autoCheckout(t("09:10:00"), t("10:25:59"), start, end, t("10:26:00"))).toMatchObject({
      minutes: 75,
      flagged: false,
    });
  });

  it("clips presence to the activity window", () => {
    expect(autoCheckout(t("08:30:00"), t("11:45:00"), start, end, t("12:00:00"))).toMatchObject({
      checkOutAt: t("11:45:00"),
      minutes: 120,
      flagged: false,
    });
    expect(autoCheckout(t("08:30:00"), t("09:30:00"), start, end, t("12:00:00")).minutes).toBe(30);
    expect(autoCheckout(t("10:30:00"), t("13:00:00"), start, end, t("13:00:00")).minutes).toBe(30);
  });

  it("counts whole minutes only", () => {
    expect(autoCheckout(t("09:00:00"), t("09:00:59"), start, end, t("12:00:00")).minutes).toBe(0);
    expect(autoCheckout(t("09:00:30"), t("09:02:29"), start, end, t("12:00:00")).minutes).toBe(1);
    const result = autoCheckout(
      new Date(start.getTime() + 123),
      new Date(end.getTime() - 456),
      start,
      end,
      end,
    );
    expect(Number.isInteger(result.minutes)).toBe(true);
    expect(result.minutes).toBe(119);
  });

  it("leaves the record open until the end plus grace", () => {
    const open = { checkOutAt: null, minutes: 0, flagged: false, reason: "open" };
    expect(autoCheckout(t("09:00:00"), null, start, end, t("10:00:00"))).toEqual(open);
    expect(autoCheckout(t("09:00:00"), null, start, end, t("11:29:59"))).toEqual(open);
    expect(autoCheckout(t("09:00:00"), null, start, end, t("11:30:00"), 45)).toEqual(open);
  });

  it("checks out at the activity end, flagged, once the grace is over", () => {
    const expected = { checkOutAt: end, minutes: 120, flagged: true, reason: "autoCheckout" };
    expect(autoCheckout(t("09:00:00"), null, start, end, t("11:30:00"))).toEqual(expected);
    expect(autoCheckout(t("08:00:00"), null, start, end, t("23:00:00"))).toEqual(expected);
    expect(autoCheckout(t("10:15:00"), null, start, end, t("11:45:00"), 45)).toEqual({
      ...expected,
      minutes: 45,
    });
    expect(autoCheckout(t("10:15:00"), null, start, end, t("11:00:00"), 0)).toMatchObject({
      reason: "autoCheckout",
      minutes: 45,
    });
  });

  it("never checks out before the check-in, never counts negative minutes", () => {
    expect(autoCheckout(t("11:10:00"), null, start, end, t("12:00:00"))).toEqual({
      checkOutAt: t("11:10:00"),
      minutes: 0,
      flagged: true,
      reason: "autoCheckout",
    });
    expect(autoCheckout(t("10:00:00"), t("09:30:00"), start, end, t("12:00:00"))).toEqual({
      checkOutAt: t("09:30:00"),
      minutes: 0,
      flagged: true,
      reason: "checkOutBeforeCheckIn",
    });
  });

  it("flags a presence entirely outside the activity", () => {
    expect(autoCheckout(t("07:00:00"), t("08:59:00"), start, end, t("12:00:00"))).toEqual({
      checkOutAt: t("08:59:00"),
      minutes: 0,
      flagged: true,
      reason: "outsideActivity",
    });
    expect(autoCheckout(t("11:00:00"), t("11:20:00"), start, end, t("12:00:00"))).toMatchObject({
      minutes: 0,
      flagged: true,
      reason: "outsideActivity",
    });
  });

  it("returns a new Date, not the caller's object", () => {
    const checkOut = t("10:00:00");
    const result = autoCheckout(t("09:00:00"), checkOut, start, end, t("12:00:00"));
    expect(result.checkOutAt).toEqual(checkOut);
    expect(result.checkOutAt).not.toBe(checkOut);
  });

  it("refuses invalid input", () => {
    const invalid = new Date(Number.NaN);
    expect(() => autoCheckout(invalid, null, start, end, end)).toThrow(RangeError);
    expect(() => autoCheckout(start, invalid, start, end, end)).toThrow(RangeError);
    expect(() => autoCheckout(start, null, end, start, end)).toThrow(/before activityStart/);
    expect(() => autoCheckout(start, null, start, end, end, -1)).toThrow(RangeError);
  });
});
