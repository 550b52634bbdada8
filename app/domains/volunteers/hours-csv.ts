/**
 * The volunteer's own history as CSV (RFC 4180). Pure.
 *
 * - UTF-8 with a byte-order mark, so Excel opens Chinese text correctly;
 * - CRLF line ends, every field quoted when it holds a comma, quote or line break;
 * - formula injection: a cell starting with = + - @ (or a tab / carriage return, which Excel strips
 *   before looking) is prefixed with a single quote, so a spreadsheet shows it as text, never runs it.
 */
export const CSV_BOM = "\uFEFF";

export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return "";
  let text = String(value);
  // Numbers we write ourselves are safe; negative numbers never occur in this export.
  if (typeof value === "string" && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function csvLine(cells: readonly (string | number | null | undefined)[]): string {
  return cells.map(csvCell).join(",");
}

/** The whole document: BOM, header, rows, each line ended by CRLF. */
export function csvDocument(
  header: readonly string[],
  rows: readonly (readonly (string | number | null | undefined)[])[],
): string {
  return CSV_BOM + [csvLine(header), ...rows.map(csvLine)].map((line) => `${line}\r\n`).join("");
}
