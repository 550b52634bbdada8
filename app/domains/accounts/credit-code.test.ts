import { describe, expect, it } from "vitest";
import {
  CREDIT_CODE_ALPHABET,
  creditCodeCheckCharacter,
  creditCodeInvalidReason,
  isValidCreditCode,
  normalizeCreditCode,
} from "./credit-code";

/*
 * Hand calculation of the example printed in GB 32100-2015, 91350100M000100Y43:
 *
 *   char    9  1  3   5   0   1   0   0   M   0   0   0   1   0   0   Y   4
 *   value   9  1  3   5   0   1   0   0  21   0   0   0   1   0   0  30   4   (M = 21, Y = 30 in 0-9A-HJ-NPQRTUW-Y)
 *   weight  1  3  9  27  19  26  16  17  20  29  25  13   8  24  10  30  28
 *   product 9  3 27 135   0  26   0   0 420   0   0   0   8   0   0 900 112
 *
 *   sum = 1640; 1640 mod 31 = 1640 - 52 × 31 = 28; 31 - 28 = 3  →  check character "3".
 *
 * And 92420102MA4KXH3T2?: its sum is a multiple of 31, so 31 - 0 = 31 wraps to 0 → "0".
 */
const STANDARD_EXAMPLE = "91350100M000100Y43";

/** Real-world-shaped codes (computed with creditCodeCheckCharacter, then frozen here). */
const VALID_CODES = [
  STANDARD_EXAMPLE,
  "91310115MA1K3YJ81L", // enterprise (market regulation 9, company 1), Shanghai Pudong
  "92420102MA4KXH3T20", // individual business (9, 2), Wuhan; check "0" from the 31 → 0 rule
  "31110000E00017890L", // law firm (justice administration 3, practice institution 1), Beijing
  "3111010578552318XT", // law firm with an old-style organization code ending in X
  "52330106MJ9P0Q8R1F", // private non-enterprise unit (civil affairs 5, type 2), Hangzhou Xihu
  "53100000500021676K", // foundation (5, 3), national
  "12100000400000357Q", // public institution (institutional staffing 1, type 2)
  "Y1440300MA5FUB7C06", // other authority Y, Shenzhen
];

describe("creditCodeCheckCharacter", () => {
  it("matches the hand-calculated example of the standard", () => {
    expect(creditCodeCheckCharacter("91350100M000100Y4")).toBe("3");
  });

  it("maps a sum that is a multiple of 31 to 0, not to an out-of-range 31", () => {
    expect(creditCodeCheckCharacter("00000000000000000")).toBe("0");
    expect(creditCodeCheckCharacter("92420102MA4KXH3T2")).toBe("0");
  });

  it("can produce letters: value 30 is Y", () => {
    // Only position 1 (weight 1) non-zero: value 1 → 31 - 1 = 30 → "Y".
    expect(creditCodeCheckCharacter("10000000000000000")).toBe("Y");
    // value 2 → 29 → "X"; value 10 (A) → 21 → "M".
    expect(creditCodeCheckCharacter("20000000000000000")).toBe("X");
    expect(creditCodeCheckCharacter("A0000000000000000")).toBe("M");
  });

  it("rejects input that is not 17 alphabet characters", () => {
    expect(() => creditCodeCheckCharacter("9135010")).toThrow(RangeError);
    expect(() => creditCodeCheckCharacter("91350100M000100I4")).toThrow(RangeError);
  });
});

describe("isValidCreditCode / creditCodeInvalidReason", () => {
  it.each(VALID_CODES)("accepts %s", (code) => {
    expect(creditCodeInvalidReason(code)).toBeNull();
    expect(isValidCreditCode(code)).toBe(true);
    expect(creditCodeCheckCharacter(code.slice(0, 17))).toBe(code.charAt(17));
  });

  it("reports 'length' for anything but 18 characters", () => {
    expect(creditCodeInvalidReason("")).toBe("length");
    expect(creditCodeInvalidReason(STANDARD_EXAMPLE.slice(0, 17))).toBe("length");
    expect(creditCodeInvalidReason(`${STANDARD_EXAMPLE}0`)).toBe("length");
    // the 15-digit business registration number that preceded the credit code
    expect(creditCodeInvalidReason("110108012345678")).toBe("length");
  });

  it.each(["I", "O", "Z", "S", "V"])("reports 'characters' for the excluded letter %s", (letter) => {
    expect(creditCodeInvalidReason(`91350100M000100${letter}43`)).toBe("characters");
  });

  it("reports 'characters' for lower case, punctuation and full-width input that was not normalized", () => {
    expect(creditCodeInvalidReason("91350100m000100y43")).toBe("characters");
    expect(creditCodeInvalidReason("91350100-000100Y43")).toBe("characters");
    expect(creditCodeInvalidReason("９1350100M000100Y43")).toBe("characters");
  });

  it("reports 'characters' when the administrative division (characters 3–8) is not 6 digits", () => {
    // Same alphabet, but a letter inside the division code: structurally impossible.
    const first17 = "913501A0M000100Y4";
    const code = first17 + creditCodeCheckCharacter(first17);
    expect(creditCodeInvalidReason(code)).toBe("characters");
  });

  it("reports 'checksum' for a wrong check character", () => {
    expect(creditCodeInvalidReason("91350100M000100Y44")).toBe("checksum");
    expect(creditCodeInvalidReason("91350100M000100Y4Y")).toBe("checksum");
  });

  it("reports 'checksum' for two swapped neighbouring characters", () => {
    expect(creditCodeInvalidReason("91530100M000100Y43")).toBe("checksum");
  });

  it.each(VALID_CODES)("rejects every single-character change of %s", (code) => {
    let mutations = 0;
    for (let position = 0; position < code.length; position++) {
      for (const replacement of `${CREDIT_CODE_ALPHABET}IOZSVa-`) {
        if (replacement === code.charAt(position)) continue;
        const mutated = code.slice(0, position) + replacement + code.slice(position + 1);
        mutations++;
        expect(isValidCreditCode(mutated), `${mutated} (position ${position + 1})`).toBe(false);
        expect(["characters", "checksum"]).toContain(creditCodeInvalidReason(mutated));
      }
    }
    expect(mutations).toBe(18 * 37);
  });
});

describe("normalizeCreditCode", () => {
  it("trims, removes inner spaces and upper-cases", () => {
    expect(normalizeCreditCode("  91350100m000100y43 ")).toBe(STANDARD_EXAMPLE);
    expect(normalizeCreditCode("9135 0100 M000 100Y 43")).toBe(STANDARD_EXAMPLE);
    expect(normalizeCreditCode("91350100M000100Y43\t\n")).toBe(STANDARD_EXAMPLE);
  });

  it("folds full-width IME input and the ideographic space", () => {
    expect(normalizeCreditCode("９１３５０１００Ｍ０００１００Ｙ４３")).toBe(STANDARD_EXAMPLE);
    expect(normalizeCreditCode("91350100\u3000M000100Y43")).toBe(STANDARD_EXAMPLE);
  });

  it("does not hide other mistakes", () => {
    expect(normalizeCreditCode("91350100-M000100Y43")).toBe("91350100-M000100Y43");
    expect(isValidCreditCode(normalizeCreditCode("91350100M000100Y4"))).toBe(false);
  });
});
