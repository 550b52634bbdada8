import enMessages from "~/locales/en/awards.json";
import zhCNMessages from "~/locales/zh-CN/awards.json";
import { A4, addFramedPage, COLOR, createPdf, drawFooters, fill, FONT } from "~/utils/pdf/document.server";
import { drawQrCode } from "~/utils/pdf/qr.server";
import { paragraph, runsOf } from "~/utils/pdf/text.server";

/**
 * The commendation certificate (荣誉证书): one framed A4 page on the shared PDF layout of the volunteer
 * certificate, with the certificate number and a QR code of its public verification page.
 */
export type AwardCertificateLanguage = "zh-CN" | "en";

export interface AwardCertificateData {
  language: AwardCertificateLanguage;
  certificateNumber: string;
  nomineeName: string;
  typeName: string;
  period: string;
  issuer: string;
  /** The Beijing date the award became final, `YYYY-MM-DD`. */
  finalOn: string;
  verificationUrl: string;
}

const MESSAGES = { "zh-CN": zhCNMessages.pdf, en: enMessages.pdf };

function formatDate(date: string, language: AwardCertificateLanguage): string {
  const [y, m, d] = date.split("-").map(Number);
  return language === "en"
    ? new Intl.DateTimeFormat("en", { dateStyle: "long", timeZone: "UTC" }).format(
        new Date(Date.UTC(y!, m! - 1, d!)),
      )
    : `${y}年${m}月${d}日`;
}

export async function renderAwardCertificatePdf(data: AwardCertificateData): Promise<Buffer> {
  const m = MESSAGES[data.language];
  const zh = data.language === "zh-CN";
  const box = A4;
  const width = box.width - 2 * box.marginX;
  const { doc, finished } = createPdf(data.language, {
    title: fill(m.documentTitle, { number: data.certificateNumber }),
    author: data.issuer,
    subject: m.title,
    creator: m.platform,
  });
  addFramedPage(doc, box);
  doc.font(FONT.regular).fontSize(10).fillColor(COLOR.muted);
  doc.text(m.platform, box.marginX, box.top, { width, align: "center" });
  doc.moveDown(2);
  doc
    .font(FONT.bold)
    .fontSize(zh ? 34 : 26)
    .fillColor(COLOR.ink);
  doc.markContent("Span", { actual: m.title });
  doc.text(m.title, box.marginX, doc.y, { width, align: "center", characterSpacing: zh ? 12 : 2 });
  doc.endMarkedContent();
  doc.moveDown(1);
  doc.font(FONT.regular).fontSize(10).fillColor(COLOR.ink);
  doc.text(fill(m.number, { number: data.certificateNumber }), box.marginX, doc.y, { width, align: "right" });
  doc.moveDown(2);
  const values = { name: data.nomineeName, period: data.period, type: data.typeName };
  const style = { size: 15, lineGap: zh ? 10 : 6, indent: zh ? 30 : 0, justify: zh };
  paragraph(
    doc,
    box,
    runsOf(m.body, values, { bold: ["name", "type"], keep: ["name", "type", "period"] }),
    style,
  );
  doc.moveDown(1);
  paragraph(doc, box, [{ text: m.closing }], style);
  doc.moveDown(4);
  doc.font(FONT.bold).fontSize(13).fillColor(COLOR.ink);
  doc.text(data.issuer, box.marginX, doc.y, { width, align: "right" });
  doc.font(FONT.regular).fontSize(12);
  doc.text(formatDate(data.finalOn, data.language), box.marginX, doc.y + 6, { width, align: "right" });
  const qrSize = 84;
  const qrTop = box.contentBottom - qrSize - 10;
  drawQrCode(doc, data.verificationUrl, box.marginX, qrTop, qrSize);
  doc.font(FONT.regular).fontSize(9).fillColor(COLOR.muted);
  doc.text(fill(m.verify, { url: data.verificationUrl }), box.marginX + qrSize + 12, qrTop + 20, {
    width: width - qrSize - 12,
  });
  drawFooters(doc, box, (page, pages) => fill(m.footer, { number: data.certificateNumber, page, pages }));
  doc.end();
  return finished;
}
