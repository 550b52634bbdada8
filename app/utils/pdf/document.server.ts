/**
 * The shared PDF page model of the portal's printed documents (service certificates, award certificates,
 * monthly reports): an A4 page with a framed border, the embedded Noto Serif SC font (package
 * `@expo-google-fonts/noto-serif-sc`, SIL OFL 1.1; pdfkit embeds only the glyphs used), colours, and the
 * content box every other helper in this folder lays out in.
 */
import { createRequire } from "node:module";
import PDFDocument from "pdfkit";

export type Doc = PDFKit.PDFDocument;

const require = createRequire(import.meta.url);

/** The two weights embedded (each file is ~15 MB; only the glyphs used reach the PDF). */
export const PDF_FONT_FILES = {
  regular: "@expo-google-fonts/noto-serif-sc/400Regular/NotoSerifSC_400Regular.ttf",
  bold: "@expo-google-fonts/noto-serif-sc/700Bold/NotoSerifSC_700Bold.ttf",
} as const;

export const FONT = { regular: "serif", bold: "serif-bold" } as const;

export const COLOR = {
  ink: "#1f1a17",
  muted: "#5f5750",
  frame: "#8e1b1b",
  rule: "#3a302a",
  hairline: "#b9ada3",
  band: "#f5efe6",
} as const;

/** Points; A4 is 595.28 × 841.89. */
export interface PageBox {
  width: number;
  height: number;
  marginX: number;
  top: number;
  /** Where body content must stop; the footer sits below it. */
  contentBottom: number;
  contentWidth: number;
}

export const A4: PageBox = {
  width: 595.28,
  height: 841.89,
  marginX: 66,
  top: 70,
  contentBottom: 841.89 - 70,
  contentWidth: 595.28 - 2 * 66,
};

export interface PdfInfo {
  title: string;
  author: string;
  subject: string;
  creator: string;
}

/** A document with the fonts registered, collecting its bytes; call `doc.end()` and await `finished`. */
export function createPdf(
  language: string,
  info: PdfInfo,
  box: PageBox = A4,
): { doc: Doc; box: PageBox; finished: Promise<Buffer> } {
  const doc = new PDFDocument({
    autoFirstPage: false,
    bufferPages: true,
    compress: true,
    lang: language,
    displayTitle: true,
    pdfVersion: "1.7",
    info: {
      Title: info.title,
      Author: info.author,
      Subject: info.subject,
      Creator: info.creator,
      Producer: info.creator,
    },
  });
  const chunks: Buffer[] = [];
  const finished = new Promise<Buffer>((resolve, reject) => {
    doc.on("data", (chunk: Buffer) => chunks.push(chunk));
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });
  doc.registerFont(FONT.regular, require.resolve(PDF_FONT_FILES.regular));
  doc.registerFont(FONT.bold, require.resolve(PDF_FONT_FILES.bold));
  return { doc, box, finished };
}

function drawFrame(doc: Doc, box: PageBox): void {
  doc.save();
  doc
    .lineWidth(2.4)
    .strokeColor(COLOR.frame)
    .rect(26, 26, box.width - 52, box.height - 52)
    .stroke();
  doc
    .lineWidth(0.7)
    .rect(32, 32, box.width - 64, box.height - 64)
    .stroke();
  // Small corner squares, a restrained ornament.
  for (const [x, y] of [
    [32, 32],
    [box.width - 32, 32],
    [32, box.height - 32],
    [box.width - 32, box.height - 32],
  ] as const) {
    doc.rect(x - 3, y - 3, 6, 6).fill(COLOR.frame);
  }
  doc.restore();
}

/** A new A4 page with the frame, the cursor at the top of the content box. */
export function addFramedPage(doc: Doc, box: PageBox): void {
  doc.addPage({
    size: "A4",
    margins: { top: box.top, bottom: box.height - box.contentBottom, left: box.marginX, right: box.marginX },
  });
  drawFrame(doc, box);
  doc.x = box.marginX;
  doc.y = box.top;
}

/** A horizontal rule across the content box. */
export function rule(doc: Doc, box: PageBox, y: number, width: number, color: string = COLOR.rule): void {
  doc
    .save()
    .lineWidth(width)
    .strokeColor(color)
    .moveTo(box.marginX, y)
    .lineTo(box.marginX + box.contentWidth, y)
    .stroke();
  doc.restore();
}

export function sectionHeading(doc: Doc, box: PageBox, text: string): void {
  doc
    .font(FONT.bold)
    .fontSize(12)
    .fillColor(COLOR.ink)
    .text(text, box.marginX, doc.y, { width: box.contentWidth });
  doc.y += 4;
}

/** One centred footer line on every page, below the content box; `line(page, pages)` gives its text. */
export function drawFooters(doc: Doc, box: PageBox, line: (page: number, pages: number) => string): void {
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
      .text(line(i - range.start + 1, range.count), box.marginX, box.height - 56, {
        width: box.contentWidth,
        align: "center",
        lineBreak: false,
      });
    doc.page.margins.bottom = bottomMargin;
  }
}

/** Fills `{{name}}` placeholders; a missing value is a programming error. */
export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{\{(\w+)\}\}/g, (_, name: string) => {
    if (!(name in values)) throw new Error(`Missing value for {{${name}}}`);
    return String(values[name]);
  });
}
