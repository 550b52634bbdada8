/**
 * The proof-of-service certificate (志愿服务证明) as a PDF, in zh-CN or en, from a plain data object:
 * what 志愿服务记录与证明出具办法 (2020) asks a proof to carry — volunteer name and number, hours and
 * content for the period, issuer, person in charge, handler, certificate number, date — plus a QR code
 * and the address of the public verification page.
 *
 * Text is set in Noto Serif SC (package `@expo-google-fonts/noto-serif-sc`, SIL OFL 1.1: static
 * TrueType files, which pdfkit embeds as a subset of just the glyphs used, ~10–30 KB per weight;
 * its Latin glyphs serve the English certificate too). Labels come from the `certificates` locale
 * namespace. No I/O beyond reading the two font files.
 */
import { createRequire } from "node:module";
import PDFDocument from "pdfkit";
import QRCode from "qrcode";
import { CALENDAR_TIME_ZONE } from "~/domains/subjects/resident-id";
import enMessages from "~/locales/en/certificates.json";
import zhCNMessages from "~/locales/zh-CN/certificates.json";
import { hoursOf } from "./format";

export const certificateLanguages = ["zh-CN", "en"] as const;
export type CertificateLanguage = (typeof certificateLanguages)[number];

/** A calendar date: `YYYY-MM-DD`, or a moment (shown as its date in Asia/Shanghai). */
export type CertificateDate = string | Date;

export interface CertificateActivity {
  date: CertificateDate;
  title: string;
  minutes: number;
}

export interface CertificatePdfData {
  language: CertificateLanguage;
  certificateNumber: string;
  volunteerName: string;
  volunteerNumber: string;
  periodFrom: CertificateDate;
  periodTo: CertificateDate;
  /** Must equal the sum of the activities' minutes. */
  totalMinutes: number;
  activities: readonly CertificateActivity[];
  /** The issuing organization (出具单位). */
  issuer: string;
  /** 负责人 */
  personInCharge: string;
  /** 经办人 */
  handler: string;
  issuedOn: CertificateDate;
  /** The public verification page of this certificate (http or https); also encoded in the QR code. */
  verificationUrl: string;
}

type Messages = typeof zhCNMessages.pdf;
const MESSAGES: Record<CertificateLanguage, Messages> = { "zh-CN": zhCNMessages.pdf, en: enMessages.pdf };

const require = createRequire(import.meta.url);
/** The two weights embedded (each file is ~15 MB; only the glyphs used reach the PDF). */
export const CERTIFICATE_FONT_FILES = {
  regular: "@expo-google-fonts/noto-serif-sc/400Regular/NotoSerifSC_400Regular.ttf",
  bold: "@expo-google-fonts/noto-serif-sc/700Bold/NotoSerifSC_700Bold.ttf",
} as const;

function fontPath(file: string): string {
  return require.resolve(file);
}

// ---------------------------------------------------------------------------------------------------
// Text helpers

function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{\{(\w+)\}\}/g, (_, name: string) => {
    if (!(name in values)) throw new Error(`Missing value for {{${name}}}`);
    return String(values[name]);
  });
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The calendar date as [year, month, day], checked. */
function calendarParts(value: CertificateDate): [number, number, number] {
  let text: string;
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) throw new RangeError("Invalid date on the certificate");
    text = new Intl.DateTimeFormat("en-CA", { timeZone: CALENDAR_TIME_ZONE }).format(value);
  } else {
    text = value;
  }
  const match = ISO_DATE.exec(text);
  if (!match) throw new RangeError(`A certificate date is YYYY-MM-DD, got "${text}"`);
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const check = new Date(Date.UTC(year, month - 1, day));
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) {
    throw new RangeError(`No such date: ${text}`);
  }
  return [year, month, day];
}

/** 2026年3月31日 / 31 March 2026 */
export function formatCertificateDate(value: CertificateDate, language: CertificateLanguage): string {
  const [year, month, day] = calendarParts(value);
  if (language === "zh-CN") return `${year}年${month}月${day}日`;
  return new Intl.DateTimeFormat("en-GB", {
    timeZone: "UTC",
    day: "numeric",
    month: "long",
    year: "numeric",
  }).format(new Date(Date.UTC(year, month - 1, day)));
}

/** 2026-03-31, for the table. */
function isoDate(value: CertificateDate): string {
  const [year, month, day] = calendarParts(value);
  return `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

/** A free description longer than this is cut with an ellipsis, so one row never outgrows a page. */
export const MAX_ACTIVITY_TITLE_LENGTH = 160;

function clip(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join("")}…`;
}

function integerFormat(language: CertificateLanguage, value: number): string {
  return new Intl.NumberFormat(language, { maximumFractionDigits: 0 }).format(value);
}

function assertData(data: CertificatePdfData): void {
  if (!(certificateLanguages as readonly string[]).includes(data.language)) {
    throw new RangeError(`Unsupported certificate language: ${String(data.language)}`);
  }
  for (const field of ["certificateNumber", "volunteerName", "volunteerNumber", "issuer"] as const) {
    if (typeof data[field] !== "string" || data[field].trim() === "")
      throw new TypeError(`${field} is required`);
  }
  const minutesOk = (value: number) => Number.isInteger(value) && value >= 0;
  if (!minutesOk(data.totalMinutes)) throw new RangeError("totalMinutes must be a non-negative integer");
  let sum = 0;
  for (const activity of data.activities) {
    if (!minutesOk(activity.minutes))
      throw new RangeError("An activity's minutes must be a non-negative integer");
    sum += activity.minutes;
  }
  if (sum !== data.totalMinutes) {
    throw new RangeError(`totalMinutes (${data.totalMinutes}) is not the sum of the activities (${sum})`);
  }
  if (isoDate(data.periodTo) < isoDate(data.periodFrom))
    throw new RangeError("The period ends before it starts");
  const url = new URL(data.verificationUrl);
  if (url.protocol !== "https:" && url.protocol !== "http:")
    throw new RangeError("verificationUrl must be http(s)");
}

// ---------------------------------------------------------------------------------------------------
// Layout (points; A4 is 595.28 × 841.89)

const PAGE = { width: 595.28, height: 841.89 };
const MARGIN_X = 66;
const TOP = 70;
const CONTENT_WIDTH = PAGE.width - 2 * MARGIN_X;
/** Where body content must stop; the footer sits below it. */
const CONTENT_BOTTOM = PAGE.height - 70;

const COLOR = {
  ink: "#1f1a17",
  muted: "#5f5750",
  frame: "#8e1b1b",
  rule: "#3a302a",
  hairline: "#b9ada3",
  band: "#f5efe6",
};

const FONT = { regular: "serif", bold: "serif-bold" };

interface Column {
  key: "index" | "date" | "content" | "hours" | "minutes";
  width: number;
  align: "left" | "center" | "right";
}

const COLUMNS: Column[] = [
  { key: "index", width: 38, align: "center" },
  { key: "date", width: 84, align: "left" },
  { key: "content", width: CONTENT_WIDTH - 38 - 84 - 72 - 54, align: "left" },
  { key: "hours", width: 72, align: "right" },
  { key: "minutes", width: 54, align: "right" },
];
const CELL_PAD_X = 6;
const CELL_PAD_Y = 4;
const TABLE_FONT_SIZE = 10;

type Doc = PDFKit.PDFDocument;

function drawFrame(doc: Doc): void {
  doc.save();
  doc
    .lineWidth(2.4)
    .strokeColor(COLOR.frame)
    .rect(26, 26, PAGE.width - 52, PAGE.height - 52)
    .stroke();
  doc
    .lineWidth(0.7)
    .rect(32, 32, PAGE.width - 64, PAGE.height - 64)
    .stroke();
  // Small corner squares, a restrained ornament.
  for (const [x, y] of [
    [32, 32],
    [PAGE.width - 32, 32],
    [32, PAGE.height - 32],
    [PAGE.width - 32, PAGE.height - 32],
  ] as const) {
    doc.rect(x - 3, y - 3, 6, 6).fill(COLOR.frame);
  }
  doc.restore();
}

function addPage(doc: Doc): void {
  doc.addPage({
    size: "A4",
    margins: { top: TOP, bottom: PAGE.height - CONTENT_BOTTOM, left: MARGIN_X, right: MARGIN_X },
  });
  drawFrame(doc);
  doc.x = MARGIN_X;
  doc.y = TOP;
}

interface Run {
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

/**
 * Writes one paragraph at the current position, breaking lines itself so that numbers, names and
 * dates are never split (pdfkit would break 2026年3月31日 before 日) and CJK punctuation never starts
 * a line. With `justify`, every line but the last is spread to the full width (两端对齐).
 */
function paragraph(
  doc: Doc,
  runs: Run[],
  options: { size: number; lineGap: number; indent?: number; justify?: boolean; color?: string },
): void {
  const { size } = options;
  const indent = options.indent ?? 0;
  const units = unitsOf(runs).flatMap((unit): Unit[] =>
    // A value wider than a whole line is broken between its characters after all.
    !unit.space && unitWidth(doc, unit, size) > CONTENT_WIDTH - indent
      ? unit.pieces.flatMap((piece) =>
          [...piece.text].map((char) => ({ space: false, pieces: [{ ...piece, text: char }] })),
        )
      : [unit],
  );
  const lines: Unit[][] = [];
  let line: Unit[] = [];
  let width = 0;
  for (const unit of units) {
    const available = CONTENT_WIDTH - (lines.length === 0 ? indent : 0);
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
    const x0 = MARGIN_X + (index === 0 ? indent : 0);
    const slack =
      MARGIN_X + CONTENT_WIDTH - x0 - units.reduce((sum, unit) => sum + unitWidth(doc, unit, size), 0);
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
  doc.x = MARGIN_X;
  doc.y = y;
}

/** Splits a template into literal runs and value runs; `bold` values are set bold. */
function runsOf(
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

function cellText(column: Column, row: TableRow): string {
  return row[column.key];
}

interface TableRow {
  index: string;
  date: string;
  content: string;
  hours: string;
  minutes: string;
}

function rowHeight(doc: Doc, row: TableRow, bold: boolean): number {
  doc.font(bold ? FONT.bold : FONT.regular).fontSize(TABLE_FONT_SIZE);
  const heights = COLUMNS.map((column) =>
    doc.heightOfString(cellText(column, row), { width: column.width - 2 * CELL_PAD_X, lineGap: 1.5 }),
  );
  return Math.max(...heights) + 2 * CELL_PAD_Y;
}

function drawRow(doc: Doc, row: TableRow, y: number, height: number, bold: boolean): void {
  let x = MARGIN_X;
  doc
    .font(bold ? FONT.bold : FONT.regular)
    .fontSize(TABLE_FONT_SIZE)
    .fillColor(COLOR.ink);
  for (const column of COLUMNS) {
    doc.text(cellText(column, row), x + CELL_PAD_X, y + CELL_PAD_Y, {
      width: column.width - 2 * CELL_PAD_X,
      align: column.align,
      lineGap: 1.5,
    });
    x += column.width;
  }
  doc.x = MARGIN_X;
  doc.y = y + height;
}

function rule(doc: Doc, y: number, width: number, color: string = COLOR.rule): void {
  doc
    .save()
    .lineWidth(width)
    .strokeColor(color)
    .moveTo(MARGIN_X, y)
    .lineTo(MARGIN_X + CONTENT_WIDTH, y)
    .stroke();
  doc.restore();
}

function sectionHeading(doc: Doc, text: string): void {
  doc.font(FONT.bold).fontSize(12).fillColor(COLOR.ink).text(text, MARGIN_X, doc.y, { width: CONTENT_WIDTH });
  doc.y += 4;
}

/** The activity table, three-line style, repeating its header on every page it runs onto. */
function drawTable(doc: Doc, m: Messages, header: TableRow, rows: TableRow[], total: TableRow): void {
  const drawHeader = () => {
    const height = rowHeight(doc, header, true);
    const y = doc.y;
    doc.save().rect(MARGIN_X, y, CONTENT_WIDTH, height).fill(COLOR.band).restore();
    rule(doc, y, 1.4);
    drawRow(doc, header, y, height, true);
    rule(doc, y + height, 0.6);
  };
  sectionHeading(doc, m.recordsHeading);
  drawHeader();
  for (const row of rows) {
    const height = rowHeight(doc, row, false);
    if (doc.y + height > CONTENT_BOTTOM) {
      rule(doc, doc.y, 1.4);
      addPage(doc);
      sectionHeading(doc, m.recordsContinued);
      drawHeader();
    }
    const y = doc.y;
    drawRow(doc, row, y, height, false);
    rule(doc, y + height, 0.3, COLOR.hairline);
  }
  const height = rowHeight(doc, total, true);
  if (doc.y + height > CONTENT_BOTTOM) {
    rule(doc, doc.y, 1.4);
    addPage(doc);
    sectionHeading(doc, m.recordsContinued);
    drawHeader();
  }
  const y = doc.y;
  rule(doc, y, 0.6);
  drawRow(doc, total, y, height, true);
  rule(doc, y + height, 1.4);
}

/** The QR code as vector squares (crisp at any zoom, a few KB). */
function drawQrCode(doc: Doc, text: string, x: number, y: number, size: number): void {
  const qr = QRCode.create(text, { errorCorrectionLevel: "M" });
  const count = qr.modules.size;
  const quiet = 2;
  const cell = size / (count + 2 * quiet);
  doc.save();
  doc.rect(x, y, size, size).fill("#ffffff");
  doc.fillColor("#000000");
  for (let row = 0; row < count; row++) {
    let runStart = -1;
    for (let col = 0; col <= count; col++) {
      const dark = col < count && qr.modules.get(row, col) === 1;
      if (dark && runStart < 0) runStart = col;
      if (!dark && runStart >= 0) {
        // A hair of overlap keeps viewers from drawing seams between adjacent squares.
        doc.rect(
          x + (quiet + runStart) * cell,
          y + (quiet + row) * cell,
          (col - runStart) * cell,
          cell + 0.05,
        );
        runStart = -1;
      }
    }
  }
  doc.fill();
  doc.restore();
}

/**
 * Signatures on the right (落款), verification QR code on the left, legal basis below, starting at
 * `top`. With `draw` false only measures. Returns the block's height.
 */
function closingBlock(doc: Doc, data: CertificatePdfData, m: Messages, top: number, draw: boolean): number {
  const colon = data.language === "zh-CN" ? "：" : ":";

  // Signatures
  const signX = MARGIN_X + CONTENT_WIDTH * 0.44;
  const signWidth = MARGIN_X + CONTENT_WIDTH - signX;
  const labelWidth = data.language === "zh-CN" ? 98 : 100;
  const valueWidth = signWidth - labelWidth;
  const lines: [string, string][] = [
    [m.issuer, data.issuer],
    [m.personInCharge, data.personInCharge],
    [m.handler, data.handler],
    [m.issuedOn, formatCertificateDate(data.issuedOn, data.language)],
  ];
  let y = top + 4;
  for (const [label, value] of lines) {
    doc.font(FONT.bold).fontSize(11);
    const height = doc.heightOfString(value, { width: valueWidth });
    const bottom = y + Math.max(height, 15) + 3;
    if (draw) {
      doc.font(FONT.regular).fontSize(10.5).fillColor(COLOR.muted);
      doc.text(`${label}${colon}`, signX, y + 0.5, { width: labelWidth });
      doc.font(FONT.bold).fontSize(11).fillColor(COLOR.ink);
      doc.text(value, signX + labelWidth, y, { width: valueWidth });
      doc.save().lineWidth(0.5).strokeColor(COLOR.hairline);
      doc
        .moveTo(signX + labelWidth, bottom)
        .lineTo(signX + signWidth, bottom)
        .stroke();
      doc.restore();
    }
    y = bottom + 13;
  }
  const signaturesEnd = y - 13;

  // Verification
  const qrSize = 80;
  const textWidth = CONTENT_WIDTH * 0.4;
  const heading = { width: textWidth };
  const small = { width: textWidth, lineGap: 1 };
  y = top + qrSize + 3;
  if (draw) drawQrCode(doc, data.verificationUrl, MARGIN_X - 3, top, qrSize);
  doc.font(FONT.bold).fontSize(9.5).fillColor(COLOR.ink);
  if (draw) doc.text(m.verifyHeading, MARGIN_X, y, heading);
  y += doc.heightOfString(m.verifyHeading, heading) + 1;
  doc.font(FONT.regular).fontSize(8.5).fillColor(COLOR.muted);
  if (draw) doc.text(m.verifyText, MARGIN_X, y, small);
  y += doc.heightOfString(m.verifyText, small) + 2;
  if (draw)
    doc
      .fillColor(COLOR.ink)
      .text(data.verificationUrl, MARGIN_X, y, { ...small, link: data.verificationUrl });
  y += doc.heightOfString(data.verificationUrl, small);

  // Legal basis
  const basisTop = Math.max(signaturesEnd, y) + 16;
  const basis = { width: CONTENT_WIDTH, align: "center" as const, lineGap: 1 };
  doc.font(FONT.regular).fontSize(8).fillColor(COLOR.muted);
  if (draw) {
    rule(doc, basisTop - 8, 0.4, COLOR.hairline);
    doc.text(m.legalBasis, MARGIN_X, basisTop, basis);
  }
  return basisTop + doc.heightOfString(m.legalBasis, basis) - top;
}

function drawClosing(doc: Doc, data: CertificatePdfData, m: Messages): void {
  const height = closingBlock(doc, data, m, 0, false);
  let top: number;
  if (doc.y + 14 + height > CONTENT_BOTTOM) {
    addPage(doc);
    top = TOP + 24;
  } else {
    // Anchored to the foot of the page, as a signature block is on paper.
    top = CONTENT_BOTTOM - height;
  }
  closingBlock(doc, data, m, top, true);
}

function drawFooters(doc: Doc, data: CertificatePdfData, m: Messages): void {
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    // The footer sits below the content area: lift the bottom margin so pdfkit adds no page.
    const bottomMargin = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc
      .font(FONT.regular)
      .fontSize(8)
      .fillColor(COLOR.muted)
      .text(
        fill(m.footer, { number: data.certificateNumber, page: i - range.start + 1, pages: range.count }),
        MARGIN_X,
        PAGE.height - 56,
        { width: CONTENT_WIDTH, align: "center", lineBreak: false },
      );
    doc.page.margins.bottom = bottomMargin;
  }
}

/** Renders the certificate; resolves to the PDF file's bytes. */
export async function renderCertificatePdf(data: CertificatePdfData): Promise<Buffer> {
  assertData(data);
  const m = MESSAGES[data.language];
  const language = data.language;
  const doc = new PDFDocument({
    autoFirstPage: false,
    bufferPages: true,
    compress: true,
    lang: language,
    displayTitle: true,
    pdfVersion: "1.7",
    info: {
      Title: fill(m.documentTitle, { number: data.certificateNumber }),
      Author: data.issuer,
      Subject: m.title,
      Creator: m.platform,
      Producer: m.platform,
    },
  });
  const chunks: Buffer[] = [];
  const finished = new Promise<Buffer>((resolve, reject) => {
    doc.on("data", (chunk: Buffer) => chunks.push(chunk));
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });

  doc.registerFont(FONT.regular, fontPath(CERTIFICATE_FONT_FILES.regular));
  doc.registerFont(FONT.bold, fontPath(CERTIFICATE_FONT_FILES.bold));
  addPage(doc);

  // Heading. Letter-spaced lines carry their plain text as ActualText, so copying gives 志愿服务证明.
  const spaced = (text: string, y: number, characterSpacing: number) => {
    doc.markContent("Span", { actual: text });
    doc.text(text, MARGIN_X, y, { width: CONTENT_WIDTH, align: "center", characterSpacing });
    doc.endMarkedContent();
  };
  const zh = language === "zh-CN";
  doc.font(FONT.regular).fontSize(10).fillColor(COLOR.muted);
  spaced(m.platform, TOP - 6, 1);
  doc.y += 10;
  doc
    .font(FONT.bold)
    .fontSize(zh ? 30 : 24)
    .fillColor(COLOR.ink);
  spaced(m.title, doc.y, zh ? 10 : 1);
  doc.y += 2;
  doc
    .font(FONT.regular)
    .fontSize(zh ? 9.5 : 11)
    .fillColor(COLOR.muted);
  spaced(m.subtitle, doc.y, zh ? 2.2 : 4);
  const ornamentY = doc.y + 10;
  const mid = PAGE.width / 2;
  doc.save().lineWidth(0.8).strokeColor(COLOR.frame);
  doc
    .moveTo(mid - 120, ornamentY)
    .lineTo(mid - 8, ornamentY)
    .stroke();
  doc
    .moveTo(mid + 8, ornamentY)
    .lineTo(mid + 120, ornamentY)
    .stroke();
  doc.rect(mid - 2.5, ornamentY - 2.5, 5, 5).fill(COLOR.frame);
  doc.restore();
  doc.y = ornamentY + 14;
  doc.font(FONT.regular).fontSize(10).fillColor(COLOR.ink);
  doc.text(fill(m.number, { number: data.certificateNumber }), MARGIN_X, doc.y, {
    width: CONTENT_WIDTH,
    align: "right",
  });
  doc.y += 10;

  // Body
  const hours = hoursOf(data.totalMinutes, language);
  const minutes = integerFormat(language, data.totalMinutes);
  const values = {
    name: data.volunteerName,
    volunteerNumber: data.volunteerNumber,
    from: formatCertificateDate(data.periodFrom, language),
    to: formatCertificateDate(data.periodTo, language),
    hours,
    minutes,
  };
  const bodyStyle = { size: 12.5, lineGap: zh ? 7 : 5, indent: zh ? 25 : 0, justify: zh };
  // Dates may break after 年 or 月 (2026年 / 12月31日), the other values nowhere.
  const body = runsOf(m.body, values, {
    bold: ["name", "volunteerNumber", "hours", "minutes"],
    keep: ["name", "volunteerNumber", "hours", "minutes"].concat(zh ? [] : ["from", "to"]),
  });
  paragraph(doc, body, bodyStyle);
  doc.y += 2;
  paragraph(doc, [{ text: m.closing }], bodyStyle);
  doc.y += 12;

  // Activities
  const header: TableRow = {
    index: m.columnIndex,
    date: m.columnDate,
    content: m.columnContent,
    hours: m.columnHours,
    minutes: m.columnMinutes,
  };
  const rows: TableRow[] = data.activities.map((activity, index) => ({
    index: String(index + 1),
    date: isoDate(activity.date),
    content: clip(activity.title.trim(), MAX_ACTIVITY_TITLE_LENGTH) || "—",
    hours: hoursOf(activity.minutes, language),
    minutes: integerFormat(language, activity.minutes),
  }));
  const total: TableRow = { index: "", date: "", content: m.total, hours, minutes };
  drawTable(doc, m, header, rows, total);

  drawClosing(doc, data, m);
  drawFooters(doc, data, m);
  doc.end();
  return finished;
}
