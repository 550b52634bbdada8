/**
 * Help needs raised in bulk from a CSV file (UTF-8, with or without the BOM Excel writes). One
 * header row names the columns (English or Chinese names), then one need per row. Every row is
 * checked with the same schema as the form; errors are reported per line and field, and nothing
 * is written unless every row is valid. Pure (csv-parse, no I/O).
 */
import { parse } from "csv-parse/sync";
import { NEEDS_CSV_HEADER, NEEDS_CSV_MAX_BYTES, NEEDS_CSV_MAX_ROWS } from "./options";
import { needSchema, type NeedInput } from "./validation";

// The limits and header live with the client-safe options (the import page shows them).
export { NEEDS_CSV_HEADER, NEEDS_CSV_MAX_BYTES, NEEDS_CSV_MAX_ROWS };

/** Column → form field; each column may be named in English or Chinese. */
const columns: Record<string, keyof NeedInput> = {
  case_code: "caseCode",
  案件编号: "caseCode",
  category: "categoryId",
  服务类别: "categoryId",
  urgency: "urgency",
  紧急程度: "urgency",
  area: "area",
  所在街道: "area",
  languages: "languages",
  语言: "languages",
  gender_requirement: "genderRequirement",
  性别要求: "genderRequirement",
  description: "description",
  需求描述: "description",
};

export interface CsvRowError {
  /** The line of the file (the header is line 1). */
  line: number;
  field: string;
  /** A translation key. */
  error: string;
}

export type ParsedNeedsCsv =
  { ok: true; rows: { line: number; input: NeedInput }[] } | { ok: false; errors: CsvRowError[] };

export function parseNeedsCsv(text: string): ParsedNeedsCsv {
  if (new TextEncoder().encode(text).length > NEEDS_CSV_MAX_BYTES)
    return { ok: false, errors: [{ line: 0, field: "file", error: "matching:import.errors.tooLarge" }] };
  let records: { record: Record<string, string>; info: { lines: number } }[];
  try {
    records = parse(text, {
      bom: true,
      columns: (header: string[]) =>
        header.map(
          (name) => columns[name.trim().toLowerCase()] ?? columns[name.trim()] ?? `unknown:${name.trim()}`,
        ),
      skip_empty_lines: true,
      trim: true,
      info: true,
      relax_column_count: false,
    });
  } catch (error) {
    const line = (error as { lines?: number }).lines ?? 0;
    return { ok: false, errors: [{ line, field: "file", error: "matching:import.errors.malformed" }] };
  }
  if (records.length === 0)
    return { ok: false, errors: [{ line: 1, field: "file", error: "matching:import.errors.empty" }] };
  if (records.length > NEEDS_CSV_MAX_ROWS)
    return { ok: false, errors: [{ line: 0, field: "file", error: "matching:import.errors.tooMany" }] };
  const header = Object.keys(records[0]!.record);
  const unknown = header.filter((name) => name.startsWith("unknown:"));
  const missing = (["caseCode", "categoryId", "urgency", "description"] as const).filter(
    (field) => !header.includes(field),
  );
  if (unknown.length > 0 || missing.length > 0)
    return {
      ok: false,
      errors: [
        ...unknown.map((name) => ({
          line: 1,
          field: name.slice("unknown:".length),
          error: "matching:import.errors.unknownColumn",
        })),
        ...missing.map((field) => ({ line: 1, field, error: "matching:import.errors.missingColumn" })),
      ],
    };
  const rows: { line: number; input: NeedInput }[] = [];
  const errors: CsvRowError[] = [];
  for (const { record, info } of records) {
    const values = Object.fromEntries(Object.entries(record).filter(([, value]) => value !== ""));
    const parsed = needSchema.safeParse({ genderRequirement: "none", ...values });
    if (parsed.success) rows.push({ line: info.lines, input: parsed.data });
    else
      for (const issue of parsed.error.issues)
        errors.push({ line: info.lines, field: String(issue.path[0] ?? "row"), error: issue.message });
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, rows };
}
