import { describe, expect, it } from "vitest";
import { CSV_BOM, csvCell, csvDocument } from "./hours-csv";

describe("hours CSV", () => {
  it("neutralizes cells a spreadsheet would run as formulas", () => {
    expect(csvCell("=1+1")).toBe("'=1+1");
    expect(csvCell("+86 138")).toBe("'+86 138");
    expect(csvCell("-2")).toBe("'-2");
    expect(csvCell("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(csvCell("\t=cmd")).toBe("'\t=cmd");
    expect(csvCell("社区=服务")).toBe("社区=服务");
    // Numbers the export writes itself are left alone.
    expect(csvCell(90)).toBe("90");
  });

  it("quotes commas, quotes and line breaks (RFC 4180)", () => {
    expect(csvCell('说 "你好", 再见')).toBe('"说 ""你好"", 再见"');
    expect(csvCell("两行\n文字")).toBe('"两行\n文字"');
    expect(csvCell('=A1,"x"')).toBe(`"'=A1,""x"""`);
    expect(csvCell(null)).toBe("");
  });

  it("starts with a byte-order mark and ends every line with CRLF", () => {
    const document = csvDocument(["日期", "时长"], [["2026-05-16", 90]]);
    expect(document.startsWith(CSV_BOM)).toBe(true);
    expect(document.slice(1)).toBe("日期,时长\r\n2026-05-16,90\r\n");
    expect(new TextEncoder().encode(document).slice(0, 3)).toEqual(new Uint8Array([0xef, 0xbb, 0xbf]));
  });
});
