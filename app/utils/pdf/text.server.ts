/**
 * Paragraphs set line by line for Chinese and English: numbers, names and dates are never split (pdfkit
 * would break 2026年3月31日 before 日), CJK punctuation never starts a line (避头) nor opening brackets end one
 * (避尾), and Chinese paragraphs may be justified (两端对齐) without stretching inside Latin runs.
 */
import { COLOR, type Doc, FONT, type PageBox } from "./document.server";

export interface Run {
  text: string;
  bold?: boolean;
  /** Never broken across lines (unless wider than one): a name, a volunteer number, a number. */
  keep?: boolean;
}

interface Piece {
  text: string;
  bold: boolean;
}

/** What may break: a unit is never split; a space separates units and vanishes at a line's edges. */
interface Unit {
  space: boolean;
  pieces: Piece[];
}

const CJK = "\\p{Script=Han}\\u3000-\\u303f\\uff00-\\uffef\\u2018-\\u201d\\u2014\\u2026\\u00b7";
const TOKEN = new RegExp(`\\s+|[${CJK}]|[^\\s${CJK}]+`, "gu");
const IS_CJK = new RegExp(`^[${CJK}]$`, "u");
/** 避头 / 避尾: characters that may not start, or end, a line. */
const NO_LINE_START = new Set([..."，。、；：？！）」』》〉】”’,.;:!?)%·…—"]);
const NO_LINE_END = new Set([..."（「『《〈【“‘("]);
/** Units after a number that stay with it: 2026年 / 12月 / 31日 may break between, never inside. */
const NUMBER_UNITS = new Set([..."年月日时分秒号次"]);

function lastChar(unit: Unit): string {
  return [...unit.pieces.at(-1)!.text].at(-1)!;
}

function unitsOf(runs: Run[]): Unit[] {
  const units: Unit[] = [];
  for (const run of runs) {
    const bold = run.bold ?? false;
    if (run.keep) {
      if (run.text) units.push({ space: false, pieces: [{ text: run.text, bold }] });
      continue;
    }
    for (const [token] of run.text.matchAll(TOKEN)) {
      const space = /^\s+$/u.test(token);
      units.push({ space, pieces: [{ text: space ? " " : token, bold }] });
    }
  }
  // Glue what must stay together: Latin text not separated by a space, a number and its unit, and
  // CJK punctuation to its neighbour.
  const glued: Unit[] = [];
  for (const unit of units) {
    const previous = glued.at(-1);
    if (previous && !previous.space && !unit.space) {
      const last = lastChar(previous);
      const first = [...unit.pieces[0]!.text][0]!;
      const latinPair = !IS_CJK.test(last) && !IS_CJK.test(first);
      const numberUnit = /[0-9]/.test(last) && NUMBER_UNITS.has(first);
      if (latinPair || numberUnit || NO_LINE_START.has(first) || NO_LINE_END.has(last)) {
        previous.pieces.push(...unit.pieces);
        continue;
      }
    }
    glued.push({ space: unit.space, pieces: [...unit.pieces] });
  }
  return glued;
}

function pieceWidth(doc: Doc, piece: Piece, size: number): number {
  return doc
    .font(piece.bold ? FONT.bold : FONT.regular)
    .fontSize(size)
    .widthOfString(piece.text);
}

function unitWidth(doc: Doc, unit: Unit, size: number): number {
  return unit.pieces.reduce((sum, piece) => sum + pieceWidth(doc, piece, size), 0);
}

/**
 * A line's glyph clusters: each CJK character alone, a Latin or digit run whole. Justification adds
 * space only where a cluster meets a CJK character or a space, never inside ZY-000123.
 */
function clustersOf(units: Unit[]): Piece[] {
  const clusters: Piece[] = [];
  for (const unit of units) {
    for (const piece of unit.pieces) {
      for (const [part] of piece.text.matchAll(TOKEN)) clusters.push({ text: part, bold: piece.bold });
    }
  }
  return clusters;
}

function stretchable(left: Piece, right: Piece): boolean {
  const a = [...left.text].at(-1)!;
  const b = [...right.text][0]!;
  return IS_CJK.test(a) || IS_CJK.test(b) || /\s/u.test(a) || /\s/u.test(b);
}

/**
 * The most a justified line may add between two clusters, as a share of the font size. Beyond it
 * the line stays short: wide gaps look poor, and text extraction starts reading them as spaces.
 */
const MAX_STRETCH_EM = 0.09;

export interface ParagraphStyle {
  size: number;
  lineGap: number;
  indent?: number;
  justify?: boolean;
  color?: string;
}

/**
 * Writes one paragraph at the current position across the content box, breaking lines itself. With
 * `justify`, every line but the last is spread to the full width.
 */
export function paragraph(doc: Doc, box: PageBox, runs: Run[], options: ParagraphStyle): void {
  const { size } = options;
  const indent = options.indent ?? 0;
  const units = unitsOf(runs).flatMap((unit): Unit[] =>
    // A value wider than a whole line is broken between its characters after all.
    !unit.space && unitWidth(doc, unit, size) > box.contentWidth - indent
      ? unit.pieces.flatMap((piece) =>
          [...piece.text].map((char) => ({ space: false, pieces: [{ ...piece, text: char }] })),
        )
      : [unit],
  );
  const lines: Unit[][] = [];
  let line: Unit[] = [];
  let width = 0;
  for (const unit of units) {
    const available = box.contentWidth - (lines.length === 0 ? indent : 0);
    const w = unitWidth(doc, unit, size);
    if (unit.space && line.length === 0) continue;
    if (!unit.space && line.length > 0 && width + w > available + 0.01) {
      while (line.at(-1)?.space) line.pop();
      lines.push(line);
      line = [];
      width = 0;
    }
    line.push(unit);
    width += w;
  }
  while (line.at(-1)?.space) line.pop();
  if (line.length > 0) lines.push(line);

  doc.font(FONT.regular).fontSize(size);
  const lineHeight = doc.currentLineHeight(true) + options.lineGap;
  let y = doc.y;
  lines.forEach((units, index) => {
    const x0 = box.marginX + (index === 0 ? indent : 0);
    const slack =
      box.marginX + box.contentWidth - x0 - units.reduce((sum, unit) => sum + unitWidth(doc, unit, size), 0);
    const clusters = clustersOf(units);
    const gaps = clusters.slice(1).filter((cluster, i) => stretchable(clusters[i]!, cluster)).length;
    const justify = options.justify && index < lines.length - 1 && gaps > 0;
    const stretch = justify ? Math.min(Math.max(0, slack / gaps), MAX_STRETCH_EM * size) : 0;
    let x = x0;
    clusters.forEach((cluster, i) => {
      if (i > 0 && stretch > 0 && stretchable(clusters[i - 1]!, cluster)) x += stretch;
      doc
        .font(cluster.bold ? FONT.bold : FONT.regular)
        .fontSize(size)
        .fillColor(options.color ?? COLOR.ink);
      doc.text(cluster.text, x, y, { lineBreak: false });
      x += doc.widthOfString(cluster.text);
    });
    y += lineHeight;
  });
  doc.x = box.marginX;
  doc.y = y;
}

/** Splits a template into literal runs and value runs; `bold` values are set bold, `keep` ones unbroken. */
export function runsOf(
  template: string,
  values: Record<string, string>,
  options: { bold: readonly string[]; keep: readonly string[] },
): Run[] {
  return template.split(/(\{\{\w+\}\})/).map((part) => {
    const match = /^\{\{(\w+)\}\}$/.exec(part);
    if (!match) return { text: part };
    const name = match[1]!;
    if (!(name in values)) throw new Error(`Missing value for {{${name}}}`);
    return { text: values[name]!, bold: options.bold.includes(name), keep: options.keep.includes(name) };
  });
}
