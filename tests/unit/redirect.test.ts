import { describe, expect, it } from "vitest";
import { safeRedirectPath } from "~/utils/redirect";

describe("safeRedirectPath", () => {
  it("keeps paths of this site", () => {
    expect(safeRedirectPath("/volunteers?page=2#top")).toBe("/volunteers?page=2#top");
  });

  it("falls back for anything that could leave the site", () => {
    for (const target of [
      "//evil.example",
      "https://evil.example",
      "/\\evil.example",
      "javascript:alert(1)",
      "",
      null,
      undefined,
    ]) {
      expect(safeRedirectPath(target)).toBe("/");
    }
  });
});

describe("safeRedirectPath against browser-normalized targets", () => {
  it("refuses control, whitespace and ideographic-space characters anywhere", () => {
    for (const target of [
      "/\t/evil.example/phish",
      "/\n/evil.example",
      "/\r\n/evil.example",
      "/dashboard\u000b",
      "/dashboard\u0000",
      "/\u3000/evil.example",
      "/ /evil.example",
      "/\u00a0/evil.example",
      "/\u2028",
      "/\ud800",
      "/\u200b/evil.example",
      "/a\\b",
    ]) {
      expect(safeRedirectPath(target, "/dashboard"), JSON.stringify(target)).toBe("/dashboard");
    }
  });

  it("keeps ordinary encoded paths", () => {
    expect(safeRedirectPath("/hours?status=pending&page=2")).toBe("/hours?status=pending&page=2");
    expect(safeRedirectPath("/activities/%E6%B4%BB%E5%8A%A8")).toBe("/activities/%E6%B4%BB%E5%8A%A8");
  });
});
