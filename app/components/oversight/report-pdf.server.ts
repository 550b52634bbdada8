import { A4, addFramedPage, COLOR, createPdf, drawFooters, FONT } from "~/utils/pdf/document.server";
import { drawTable } from "~/utils/pdf/table.server";

/** What the monthly report prints: already labelled and formatted in the reader's language. */
export interface MonthlyReport {
  language: string;
  title: string;
  generated: string;
  platform: string;
  figureHeading: string;
  valueHeading: string;
  sections: { label: string; rows: { label: string; value: string }[] }[];
  footer: (page: number, pages: number) => string;
}

/** The monthly report as a PDF, on the shared layout (fonts, frame, tables, footers) of the certificates. */
export async function renderMonthlyReportPdf(report: MonthlyReport): Promise<Buffer> {
  const box = A4;
  const { doc, finished } = createPdf(report.language, {
    title: report.title,
    author: report.platform,
    subject: report.title,
    creator: report.platform,
  });
  addFramedPage(doc, box);
  doc.font(FONT.regular).fontSize(9).fillColor(COLOR.muted);
  doc.text(report.platform, box.marginX, box.top, { width: box.contentWidth, align: "center" });
  doc.moveDown(1);
  doc.font(FONT.bold).fontSize(16).fillColor(COLOR.ink);
  doc.text(report.title, box.marginX, doc.y, { width: box.contentWidth, align: "center" });
  doc.moveDown(0.5);
  doc.font(FONT.regular).fontSize(9).fillColor(COLOR.muted);
  doc.text(report.generated, box.marginX, doc.y, { width: box.contentWidth, align: "center" });
  doc.moveDown(1);
  const valueWidth = 140;
  const columns = [
    { key: "label", width: box.contentWidth - valueWidth, align: "left" },
    { key: "value", width: valueWidth, align: "right" },
  ] as const;
  for (const section of report.sections) {
    drawTable(doc, box, {
      columns,
      header: { label: report.figureHeading, value: report.valueHeading },
      rows: section.rows,
      heading: section.label,
      continuedHeading: section.label,
    });
    doc.moveDown(1);
  }
  drawFooters(doc, box, report.footer);
  doc.end();
  return finished;
}
