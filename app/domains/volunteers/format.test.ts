import { describe, expect, it } from "vitest";
import { apportionHours, formatHours, hoursOf } from "./format";

describe("apportionHours", () => {
  it("makes rounded rows add up to the rounded total", () => {
    // Rounded alone, 92.75 + 2.75 + 4.95 h show as 92.8 + 2.8 + 5.0 = 100.6 beside a total of 100.5.
    const minutes = [5565, 165, 297];
    const { rows, total } = apportionHours(minutes, 1);
    expect(total).toBe(100.5);
    expect(Math.round(rows.reduce((sum, value) => sum + value, 0) * 10)).toBe(1005);
  });

  it("gives a record of one minute a non-zero share at two decimals", () => {
    const { rows, total } = apportionHours([150, 1], 2);
    expect(total).toBe(2.52);
    expect(rows).toEqual([2.5, 0.02]);
  });

  it("keeps exact values and handles empty input", () => {
    expect(apportionHours([60, 90, 30], 1)).toEqual({ rows: [1, 1.5, 0.5], total: 3 });
    expect(apportionHours([], 2)).toEqual({ rows: [], total: 0 });
  });

  it("formats with a fixed number of digits per language", () => {
    expect(formatHours(2.5, "zh-CN", 2)).toBe("2.50");
    expect(formatHours(1234.5, "en", 1)).toBe("1,234.5");
    expect(hoursOf(380, "en")).toBe("6.3");
  });
});
