import { describe, expect, it } from "vitest";
import {
  isMinor,
  normalizeResidentId,
  parseResidentId,
  residentIdCheckCharacter,
  shanghaiDate,
} from "./resident-id";

/*
 * Hand calculation of the example printed in GB 11643-1999, 11010519491231002X:
 *
 *   digit   1  1   0  1  0  5  1  9   4   9  1   2   3  1  0  0  2
 *   weight  7  9  10  5  8  4  2  1   6   3  7   9  10  5  8  4  2
 *   product 7  9   0  5  0 20  2  9  24  27  7  18  30  5  0  0  4
 *
 *   sum = 167; 167 mod 11 = 2; "10X98765432"[2] = "X".
 *   Born 1949-12-31, 17th digit 2 (even) → female, region 110105 (Beijing Chaoyang).
 */
const STANDARD_EXAMPLE = "11010519491231002X";
const NOW = new Date("2025-06-15T04:00:00Z");

/** Builds a number with a correct check character, to test the other rules in isolation. */
function withCheck(first17: string): string {
  return first17 + residentIdCheckCharacter(first17);
}

describe("residentIdCheckCharacter", () => {
  it("matches the hand-calculated example of the standard", () => {
    expect(residentIdCheckCharacter("11010519491231002")).toBe("X");
  });

  it("maps remainders through 10X98765432", () => {
    expect(residentIdCheckCharacter("00000000000000000")).toBe("1"); // sum 0
    expect(residentIdCheckCharacter("00000000000000001")).toBe("X"); // sum 2 → X
    expect(residentIdCheckCharacter("00000000000000010")).toBe("8"); // sum 4 → 8
  });

  it("refuses anything but 17 ASCII digits", () => {
    expect(() => residentIdCheckCharacter("1101051949123100")).toThrow(RangeError);
    expect(() => residentIdCheckCharacter("1101051949123100X")).toThrow(RangeError);
  });
});

describe("parseResidentId", () => {
  it("parses the standard's example", () => {
    expect(parseResidentId(STANDARD_EXAMPLE, NOW)).toEqual({
      ok: true,
      birthDate: "1949-12-31",
      gender: "female",
      regionCode: "110105",
    });
  });

  it.each([
    ["440307200802290011", "2008-02-29", "male", "440307"],
    ["330106200711150037", "2007-11-15", "male", "330106"],
    ["310115199003070025", "1990-03-07", "female", "310115"],
    ["510107198508081232", "1985-08-08", "male", "510107"],
    ["32010219000101001X", "1900-01-01", "male", "320102"],
  ])("parses %s", (id, birthDate, gender, regionCode) => {
    expect(parseResidentId(id, NOW)).toEqual({ ok: true, birthDate, gender, regionCode });
  });

  it("reports 'length'", () => {
    expect(parseResidentId("", NOW)).toEqual({ ok: false, reason: "length" });
    expect(parseResidentId("110105491231002", NOW)).toEqual({ ok: false, reason: "length" }); // old 15-digit form
    expect(parseResidentId(`${STANDARD_EXAMPLE}0`, NOW)).toEqual({ ok: false, reason: "length" });
  });

  it("reports 'characters' for letters, a lower-case x, or X anywhere but last", () => {
    expect(parseResidentId("11010519491231002x", NOW)).toEqual({ ok: false, reason: "characters" });
    expect(parseResidentId("1101051949123100X2", NOW)).toEqual({ ok: false, reason: "characters" });
    expect(parseResidentId("11010519491231O02X", NOW)).toEqual({ ok: false, reason: "characters" });
    expect(parseResidentId("１1010519491231002X", NOW)).toEqual({ ok: false, reason: "characters" });
  });

  it("reports 'checksum' for any single changed digit", () => {
    for (let position = 0; position < 18; position++) {
      for (const replacement of "0123456789X") {
        if (replacement === STANDARD_EXAMPLE.charAt(position)) continue;
        if (replacement === "X" && position < 17) continue;
        const mutated =
          STANDARD_EXAMPLE.slice(0, position) + replacement + STANDARD_EXAMPLE.slice(position + 1);
        expect(parseResidentId(mutated, NOW), mutated).toEqual({ ok: false, reason: "checksum" });
      }
    }
  });

  it("reports 'birthDate' for impossible dates with a correct checksum", () => {
    for (const date of ["20230230", "20230431", "19000229", "20231301", "20230000", "20230100"]) {
      expect(parseResidentId(withCheck(`110105${date}002`), NOW), date).toEqual({
        ok: false,
        reason: "birthDate",
      });
    }
  });

  it("accepts 29 February only in leap years (2000 yes, 1900 no)", () => {
    expect(parseResidentId(withCheck("11010520000229002"), NOW)).toMatchObject({
      ok: true,
      birthDate: "2000-02-29",
    });
    expect(parseResidentId(withCheck("11010519000229002"), NOW)).toEqual({ ok: false, reason: "birthDate" });
  });

  it("reports 'birthDate' before 1900", () => {
    expect(parseResidentId(withCheck("11010518991231002"), NOW)).toEqual({ ok: false, reason: "birthDate" });
  });

  it("accepts a birth on today's Shanghai date and rejects tomorrow's", () => {
    // 2025-06-14T20:00Z is already 2025-06-15 04:00 in Shanghai.
    const lateEveningUtc = new Date("2025-06-14T20:00:00Z");
    expect(parseResidentId(withCheck("11010520250615002"), lateEveningUtc)).toMatchObject({ ok: true });
    expect(parseResidentId(withCheck("11010520250616002"), lateEveningUtc)).toEqual({
      ok: false,
      reason: "birthDate",
    });
  });

  it("derives gender from the parity of the 17th digit only", () => {
    for (let digit = 0; digit <= 9; digit++) {
      const parsed = parseResidentId(withCheck(`1101051990010100${digit}`), NOW);
      expect(parsed).toMatchObject({ ok: true, gender: digit % 2 === 1 ? "male" : "female" });
    }
  });
});

describe("normalizeResidentId", () => {
  it("trims, removes spaces, upper-cases x and folds full-width digits", () => {
    expect(normalizeResidentId(" 110105 19491231 002x ")).toBe(STANDARD_EXAMPLE);
    expect(normalizeResidentId("１１０１０５１９４９１２３１００２Ｘ")).toBe(STANDARD_EXAMPLE);
    expect(normalizeResidentId("110105\u300019491231002X")).toBe(STANDARD_EXAMPLE);
  });
});

describe("shanghaiDate", () => {
  it("is the calendar day at UTC+8", () => {
    expect(shanghaiDate(new Date("2025-01-01T15:59:59Z"))).toBe("2025-01-01");
    expect(shanghaiDate(new Date("2025-01-01T16:00:00Z"))).toBe("2025-01-02");
  });

  it("refuses an invalid Date", () => {
    expect(() => shanghaiDate(new Date("nope"))).toThrow(RangeError);
  });
});

describe("isMinor", () => {
  // Shanghai midnight = 16:00Z of the previous UTC day.
  const shanghaiNoon = (date: string) => new Date(`${date}T04:00:00Z`);

  it("is a minor the day before and on the 18th birthday, an adult from the day after", () => {
    expect(isMinor("2007-06-15", shanghaiNoon("2025-06-14"))).toBe(true);
    expect(isMinor("2007-06-15", shanghaiNoon("2025-06-15"))).toBe(true);
    expect(isMinor("2007-06-15", shanghaiNoon("2025-06-16"))).toBe(false);
  });

  it("uses the Shanghai calendar day, not the UTC one", () => {
    // 2025-06-15T16:30Z is 00:30 on 16 June in Shanghai (still 15 June in UTC): already an adult.
    expect(isMinor("2007-06-15", new Date("2025-06-15T16:30:00Z"))).toBe(false);
    // 2025-06-15T15:30Z is 23:30 on 15 June in Shanghai: the birthday itself, still a minor.
    expect(isMinor("2007-06-15", new Date("2025-06-15T15:30:00Z"))).toBe(true);
  });

  it("handles a 29 February birthday in a common year: adult from 1 March", () => {
    expect(isMinor("2008-02-29", shanghaiNoon("2026-02-28"))).toBe(true);
    expect(isMinor("2008-02-29", shanghaiNoon("2026-03-01"))).toBe(false);
  });

  it("handles a 29 February birthday whose 18th anniversary is a leap year", () => {
    expect(isMinor("2000-02-29", shanghaiNoon("2018-02-28"))).toBe(true);
    expect(isMinor("2004-02-29", shanghaiNoon("2022-02-28"))).toBe(true);
    expect(isMinor("2004-02-29", shanghaiNoon("2022-03-01"))).toBe(false);
    expect(isMinor("1996-02-29", shanghaiNoon("2014-02-28"))).toBe(true); // 2014 is a common year
    expect(isMinor("1998-02-28", shanghaiNoon("2016-02-29"))).toBe(false); // 2016 is a leap year
  });

  it("is true for a baby and false for an old person", () => {
    expect(isMinor("2025-06-15", shanghaiNoon("2025-06-15"))).toBe(true);
    expect(isMinor("1949-12-31", shanghaiNoon("2025-06-15"))).toBe(false);
  });

  it("refuses a birth date that is not a real date", () => {
    expect(() => isMinor("2007-02-30", NOW)).toThrow(RangeError);
    expect(() => isMinor("20070215", NOW)).toThrow(RangeError);
  });
});
