import { describe, expect, it } from "vitest";
import { generateCaseCode, isCaseCode, normalizeCaseCode } from "./case-code";

describe("case codes", () => {
  it("are 4-4-4 groups from an unambiguous alphabet", () => {
    for (let i = 0; i < 200; i++) {
      const code = generateCaseCode();
      expect(isCaseCode(code), code).toBe(true);
      expect(code).not.toMatch(/[ILOU]/);
    }
  });

  it("do not repeat in 10,000 draws", () => {
    const codes = new Set(Array.from({ length: 10_000 }, () => generateCaseCode()));
    expect(codes.size).toBe(10_000);
  });

  it("come only from the random source", () => {
    expect(generateCaseCode(() => 0)).toBe("0000-0000-0000");
    expect(generateCaseCode(() => 31)).toBe("ZZZZ-ZZZZ-ZZZZ");
  });

  it("normalises what staff type", () => {
    expect(normalizeCaseCode(" 7k3m-9p2x-ab12 ")).toBe("7K3M-9P2X-AB12");
    expect(isCaseCode("7K3M-9P2X-AB1")).toBe(false);
    expect(isCaseCode("7K3M-9P2X-AB1O")).toBe(false);
  });
});
