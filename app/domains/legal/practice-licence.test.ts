import { describe, expect, it } from "vitest";
import { isValidPracticeLicence, normalizePracticeLicence } from "./practice-licence";

const LICENCE = "11101201010123456";

describe("isValidPracticeLicence", () => {
  it("accepts 17 ASCII digits, with surrounding whitespace", () => {
    expect(isValidPracticeLicence(LICENCE)).toBe(true);
    expect(isValidPracticeLicence(`  ${LICENCE}\n`)).toBe(true);
    expect(isValidPracticeLicence("00000000000000000")).toBe(true);
  });

  it("rejects 16 and 18 digits", () => {
    expect(isValidPracticeLicence(LICENCE.slice(0, 16))).toBe(false);
    expect(isValidPracticeLicence(`${LICENCE}7`)).toBe(false);
    expect(isValidPracticeLicence("")).toBe(false);
  });

  it("rejects letters, inner spaces, hyphens and signs", () => {
    expect(isValidPracticeLicence("1110120101012345X")).toBe(false);
    expect(isValidPracticeLicence("11101 201010123456")).toBe(false);
    expect(isValidPracticeLicence("11101-201010123456")).toBe(false);
    expect(isValidPracticeLicence("+1110120101012345")).toBe(false);
    expect(isValidPracticeLicence("1.110120101012345")).toBe(false);
  });

  it("rejects full-width and other non-ASCII digits unless normalized", () => {
    const fullWidth = "１１１０１２０１０１０１２３４５６";
    expect(isValidPracticeLicence(fullWidth)).toBe(false);
    expect(isValidPracticeLicence("١١١٠١٢٠١٠١٠١٢٣٤٥٦")).toBe(false); // Arabic-Indic digits
    expect(isValidPracticeLicence(normalizePracticeLicence(fullWidth))).toBe(true);
  });
});

describe("normalizePracticeLicence", () => {
  it("folds every full-width digit to its ASCII digit", () => {
    expect(normalizePracticeLicence("０１２３４５６７８９")).toBe("0123456789");
    expect(normalizePracticeLicence(" １１１０１2010101２３４５６ ")).toBe(LICENCE);
  });

  it("leaves everything else alone", () => {
    expect(normalizePracticeLicence("11101 20101012345６")).toBe("11101 201010123456");
    expect(normalizePracticeLicence("ａｂｃ")).toBe("ａｂｃ");
  });
});
