import { describe, expect, it } from "vitest";
import { NEEDS_CSV_HEADER, parseNeedsCsv } from "./needs-csv";

describe("help needs from CSV", () => {
  it("reads rows with English or Chinese headers, a BOM and quoted commas", () => {
    const text = `\uFEFF${NEEDS_CSV_HEADER}\nK7Q2-M9XD-4TPA,psychological.individual,urgent,城关街道,"普通话,粤语",none,"需要情绪疏导，周末可以"\n`;
    expect(parseNeedsCsv(text)).toEqual({
      ok: true,
      rows: [
        {
          line: 2,
          input: {
            caseCode: "K7Q2-M9XD-4TPA",
            categoryId: "psychological.individual",
            urgency: "urgent",
            area: "城关街道",
            languages: ["普通话", "粤语"],
            genderRequirement: "none",
            description: "需要情绪疏导，周末可以",
          },
        },
      ],
    });
    const chinese = parseNeedsCsv(
      "案件编号,服务类别,紧急程度,需求描述\nk7q2-m9xd-4tpa,legal,low,咨询劳动合同\n",
    );
    expect(chinese.ok && chinese.rows[0]!.input).toMatchObject({
      caseCode: "K7Q2-M9XD-4TPA",
      genderRequirement: "none",
      languages: [],
    });
  });

  it("reports every bad row by line and field, and writes nothing", () => {
    const text = [
      NEEDS_CSV_HEADER,
      "K7Q2-M9XD-4TPA,psychological,urgent,,,none,ok",
      "bad-code,psychological,soon,,,none,ok",
      "K7Q2-M9XD-4TPB,astrology,low,,,none,",
      "K7Q2-M9XD-4TPC,legal,low,,,none,电话 13912345678",
    ].join("\n");
    const result = parseNeedsCsv(text);
    expect(result).toEqual({
      ok: false,
      errors: [
        { line: 3, field: "caseCode", error: "matching:errors.caseCode" },
        { line: 3, field: "urgency", error: "matching:errors.urgency" },
        { line: 4, field: "categoryId", error: "matching:errors.category" },
        { line: 4, field: "description", error: "matching:errors.descriptionRequired" },
        { line: 5, field: "description", error: "matching:errors.descriptionIdentifying" },
      ],
    });
  });

  it("refuses unknown or missing columns, empty files and malformed quoting", () => {
    expect(parseNeedsCsv("case_code,category,urgency,name\nA,B,C,D\n")).toEqual({
      ok: false,
      errors: [
        { line: 1, field: "name", error: "matching:import.errors.unknownColumn" },
        { line: 1, field: "description", error: "matching:import.errors.missingColumn" },
      ],
    });
    expect(parseNeedsCsv(`${NEEDS_CSV_HEADER}\n`)).toMatchObject({
      ok: false,
      errors: [{ error: "matching:import.errors.empty" }],
    });
    expect(parseNeedsCsv(`${NEEDS_CSV_HEADER}\n"unclosed,psychological`)).toMatchObject({
      ok: false,
      errors: [{ field: "file", error: "matching:import.errors.malformed" }],
    });
  });
});
