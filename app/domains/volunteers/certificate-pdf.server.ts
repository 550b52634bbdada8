/**
 * The proof-of-service certificate (志愿服务证明) as a PDF, in zh-CN or en, from a plain data object:
 * what 志愿服务记录与证明出具办法 (2020) asks a proof to carry — volunteer name and number, hours and
 * content for the period, issuer, person in charge, handler, certificate number, date — plus a QR code
 * and the address of the public verification page.
 *
 * The page model, CJK line breaking, the table and the QR code are the shared PDF layout of
 * `app/utils/pdf`; this file holds what a certificate says and where. Labels come from the
 * `certificates` locale namespace. No I/O beyond reading the two font files.
 */
import { CALENDAR_TIME_ZONE } from "~/domains/subjects/resident-id";
import enMessages from "~/locales/en/certificates.json";
import zhCNMessages from "~/locales/zh-CN/certificates.json";
import {
  A4,
  addFramedPage,
  COLOR,
  createPdf,
  type Doc,
  drawFooters,
  fill,
  FONT,
  PDF_FONT_FILES,
  rule,
} from "~/utils/pdf/document.server";
import { drawQrCode } from "~/utils/pdf/qr.server";
import { drawTable, type TableColumn, type TableRow } from "~/utils/pdf/table.server";
import { paragraph, runsOf } from "~/utils/pdf/text.server";
import { apportionHours, formatHours } from "./format";

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

export const CERTIFICATE_FONT_FILES = PDF_FONT_FILES;

/** Hours on the certificate carry two decimals, so a record of a few minutes never reads as zero. */
const HOUR_DECIMALS = 2;

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
// Layout: the shared page model (app/utils/pdf), A4.

const box = A4;
const MARGIN_X = box.marginX;
const CONTENT_WIDTH = box.contentWidth;

type ColumnKey = "index" | "date" | "content" | "hours" | "minutes";
const COLUMNS: TableColumn<ColumnKey>[] = [
  { key: "index", width: 38, align: "center" },
  { key: "date", width: 84, align: "left" },
  { key: "content", width: CONTENT_WIDTH - 38 - 84 - 72 - 54, align: "left" },
  { key: "hours", width: 72, align: "right" },
  { key: "minutes", width: 54, align: "right" },
];
/** The signature block takes at least this many of the last rows along when it must go to a new page. */
const ROWS_KEPT_WITH_SIGNATURES = 2;
/** Space between the table and the signature block. */
const CLOSING_GAP = 14;

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
    rule(doc, box, basisTop - 8, 0.4, COLOR.hairline);
    doc.text(m.legalBasis, MARGIN_X, basisTop, basis);
  }
  return basisTop + doc.heightOfString(m.legalBasis, basis) - top;
}

function drawClosing(doc: Doc, data: CertificatePdfData, m: Messages): void {
  const height = closingBlock(doc, data, m, 0, false);
  let top: number;
  if (doc.y + CLOSING_GAP + height > box.contentBottom) {
    // Only when the block is taller than what a page can hold beside any rows: the table keeps its
    // last rows with it otherwise (keepWithNext).
    addFramedPage(doc, box);
    top = box.top + 24;
  } else {
    // Anchored to the foot of the page, as a signature block is on paper.
    top = box.contentBottom - height;
  }
  closingBlock(doc, data, m, top, true);
}

/** Renders the certificate; resolves to the PDF file's bytes. */
export async function renderCertificatePdf(data: CertificatePdfData): Promise<Buffer> {
  assertData(data);
  const m = MESSAGES[data.language];
  const language = data.language;
  const { doc, finished } = createPdf(
    language,
    {
      title: fill(m.documentTitle, { number: data.certificateNumber }),
      author: data.issuer,
      subject: m.title,
      creator: m.platform,
    },
    box,
  );
  addFramedPage(doc, box);

  // Heading. Letter-spaced lines carry their plain text as ActualText, so copying gives 志愿服务证明.
  const spaced = (text: string, y: number, characterSpacing: number) => {
    doc.markContent("Span", { actual: text });
    doc.text(text, MARGIN_X, y, { width: CONTENT_WIDTH, align: "center", characterSpacing });
    doc.endMarkedContent();
  };
  const zh = language === "zh-CN";
  doc.font(FONT.regular).fontSize(10).fillColor(COLOR.muted);
  spaced(m.platform, box.top - 6, 1);
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
  const mid = box.width / 2;
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

  // Body. The rows' hours are apportioned so that they add up to the total stated here.
  const apportioned = apportionHours(
    data.activities.map((activity) => activity.minutes),
    HOUR_DECIMALS,
  );
  const hours = formatHours(apportioned.total, language, HOUR_DECIMALS);
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
  paragraph(doc, box, body, bodyStyle);
  doc.y += 2;
  paragraph(doc, box, [{ text: m.closing }], bodyStyle);
  doc.y += 12;

  // Activities, then the signatures, which take the last rows along to a new page rather than stand alone.
  const rows: TableRow<ColumnKey>[] = data.activities.map((activity, index) => ({
    index: String(index + 1),
    date: isoDate(activity.date),
    content: clip(activity.title.trim(), MAX_ACTIVITY_TITLE_LENGTH) || "—",
    hours: formatHours(apportioned.rows[index]!, language, HOUR_DECIMALS),
    minutes: integerFormat(language, activity.minutes),
  }));
  drawTable(doc, box, {
    columns: COLUMNS,
    header: {
      index: m.columnIndex,
      date: m.columnDate,
      content: m.columnContent,
      hours: m.columnHours,
      minutes: m.columnMinutes,
    },
    rows,
    total: { index: "", date: "", content: m.total, hours, minutes },
    heading: m.recordsHeading,
    continuedHeading: m.recordsContinued,
    keepWithNext: {
      height: CLOSING_GAP + closingBlock(doc, data, m, 0, false),
      rows: ROWS_KEPT_WITH_SIGNATURES,
    },
  });

  drawClosing(doc, data, m);
  drawFooters(doc, box, (page, pages) => fill(m.footer, { number: data.certificateNumber, page, pages }));
  doc.end();
  return finished;
}
