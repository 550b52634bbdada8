import { statSync } from "node:fs";
import { createRequire } from "node:module";
import jsQR from "jsqr";
import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";
import { describe, expect, it } from "vitest";
import {
  CERTIFICATE_FONT_FILES,
  MAX_ACTIVITY_TITLE_LENGTH,
  formatCertificateDate,
  renderCertificatePdf,
  type CertificatePdfData,
} from "~/domains/volunteers/certificate-pdf.server";
import { QR_QUIET_ZONE_MODULES } from "~/utils/pdf/qr.server";

interface ParsedPdf {
  pages: number;
  /** Every page's text items, joined with spaces; one entry a page. */
  pageTexts: string[];
  /** All text without any whitespace: letter spacing and line breaks do not matter. */
  compact: string;
  /** The text of each printed line (items sharing a baseline), without whitespace. */
  lines: string[];
  links: string[];
  info: Record<string, unknown>;
}

/** The PDF as pdf.js reads it: no system fonts, no eval, quiet. */
function openPdf(pdf: Buffer) {
  return getDocument({
    data: new Uint8Array(pdf),
    disableFontFace: true,
    useSystemFonts: false,
    isEvalSupported: false,
    verbosity: 0,
  }).promise;
}

async function parse(pdf: Buffer): Promise<ParsedPdf> {
  const document = await openPdf(pdf);
  const pageTexts: string[] = [];
  const lines: string[] = [];
  const links: string[] = [];
  for (let number = 1; number <= document.numPages; number++) {
    const page = await document.getPage(number);
    const content = await page.getTextContent();
    const strings = content.items.map((item) => ("str" in item ? item.str : ""));
    pageTexts.push(strings.join(" "));
    const byBaseline = new Map<number, string>();
    for (const item of content.items) {
      if (!("str" in item)) continue;
      const baseline = Math.round(item.transform[5] as number);
      byBaseline.set(baseline, (byBaseline.get(baseline) ?? "") + item.str.replace(/\s+/g, ""));
    }
    lines.push(...byBaseline.values());
    for (const annotation of await page.getAnnotations()) {
      if (annotation.subtype === "Link" && annotation.url) links.push(String(annotation.url));
    }
  }
  const { info } = await document.getMetadata();
  await document.destroy();
  return {
    pages: document.numPages,
    pageTexts,
    compact: pageTexts.join("").replace(/\s+/g, ""),
    lines,
    links,
    info: info as Record<string, unknown>,
  };
}

const activities = [
  { date: "2026-01-08", title: "城关司法所法律咨询志愿服务：婚姻家庭与劳动争议", minutes: 150 },
  { date: "2026-01-22", title: "社区矫正对象就业指导讲座", minutes: 120 },
  { date: "2026-02-05", title: "心理健康团体辅导（第一期）", minutes: 180 },
  { date: "2026-02-19", title: "公益劳动：东城街道社区环境整治", minutes: 240 },
  { date: "2026-03-04", title: "法治宣传进社区", minutes: 95 },
  { date: "2026-03-18", title: "帮扶对象家庭走访与学业辅导", minutes: 165 },
];

const base: CertificatePdfData = {
  language: "zh-CN",
  certificateNumber: "ZM-2026-7KQ4-M2XD",
  volunteerName: "李明",
  volunteerNumber: "ZY-000123",
  periodFrom: "2026-01-01",
  periodTo: "2026-03-31",
  totalMinutes: 950,
  activities,
  issuer: "示范区司法局城关司法所",
  personInCharge: "王建国",
  handler: "张丽",
  issuedOn: "2026-04-02",
  verificationUrl: "https://portal.example.cn/verify/ZM-2026-7KQ4-M2XD",
};

/** Font objects as written in the file (pdfkit leaves object dictionaries uncompressed). */
function fontDictionaries(pdf: Buffer) {
  const raw = pdf.toString("latin1");
  return {
    embeddedFontFiles: raw.match(/\/FontFile2 \d+ 0 R/g)?.length ?? 0,
    /** Each appears twice: on the Type0 font and on its CID font. */
    subsetNames: [...new Set([...raw.matchAll(/\/BaseFont \/([A-Z]{6}\+[\w-]+)/g)].map((match) => match[1]))],
    toUnicodeMaps: raw.match(/\/ToUnicode \d+ 0 R/g)?.length ?? 0,
  };
}

describe("renderCertificatePdf", () => {
  it("writes a zh-CN certificate whose Chinese text is embedded and extractable", async () => {
    const pdf = await renderCertificatePdf(base);
    expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    const parsed = await parse(pdf);
    expect(parsed.pages).toBe(1);

    // Chinese text comes back out: the font is embedded with a ToUnicode map.
    for (const text of [
      "志愿服务证明",
      "兹证明李明（志愿者编号：ZY-000123）于2026年1月1日至2026年3月31日期间参加社区矫正志愿服务",
      "经审核累计服务时长15.83小时（950分钟）",
      "证明编号：ZM-2026-7KQ4-M2XD",
      "出具单位（盖章）：示范区司法局城关司法所",
      "负责人：王建国",
      "经办人：张丽",
      "出具日期：2026年4月2日",
      "合计15.83950",
      "第1页，共1页",
      base.verificationUrl,
    ]) {
      expect(parsed.compact, text).toContain(text);
    }
    for (const activity of activities) expect(parsed.compact).toContain(activity.title);
    // Each row: date, content, hours with two decimals (apportioned to add up to the total), minutes.
    expect(parsed.compact).toContain("12026-01-08城关司法所法律咨询志愿服务：婚姻家庭与劳动争议2.50150");
    expect(parsed.compact).toContain("52026-03-04法治宣传进社区1.5895");

    const fonts = fontDictionaries(pdf);
    expect(fonts.embeddedFontFiles).toBe(2);
    expect(fonts.toUnicodeMaps).toBe(2);
    expect(fonts.subsetNames.map((name) => name?.replace(/^[A-Z]{6}\+/, "")).sort()).toEqual([
      "NotoSerifSC-Bold",
      "NotoSerifSC-Regular",
    ]);
    expect(fonts.subsetNames.every((name) => /^[A-Z]{6}\+/.test(name ?? ""))).toBe(true);

    expect(parsed.links).toContain(base.verificationUrl);
    expect(parsed.info.Title).toBe("志愿服务证明 ZM-2026-7KQ4-M2XD");
    expect(parsed.info.Language).toBe("zh-CN");
  });

  it("never breaks a number, a name or a date's parts across lines (2026年3月31 / 日)", async () => {
    // Names of different lengths move the line ends through the dates and numbers of the body.
    const names = ["李明", "欧阳明", "欧阳明月", "司马相如文", "买买提·艾力", "阿卜杜热合曼·买买提"];
    for (const volunteerName of names) {
      const parsed = await parse(
        await renderCertificatePdf({
          ...base,
          volunteerName,
          periodTo: "2026-12-31",
          activities: [{ date: "2026-06-01", title: "志愿服务", minutes: 7404 }],
          totalMinutes: 7404,
        }),
      );
      const start = parsed.lines.findIndex((line) => line.startsWith("兹证明"));
      const body = parsed.lines.slice(start, start + 4);
      expect(body.join("")).toContain(
        `兹证明${volunteerName}（志愿者编号：ZY-000123）于2026年1月1日至2026年12月31日期间`,
      );
      // A date may break after 年 or 月, never inside a number or between a number and its unit.
      for (const value of [
        volunteerName,
        "ZY-000123",
        "123.4",
        "7,404",
        "2026年",
        "1月",
        "1日",
        "12月",
        "31日",
      ]) {
        expect(
          body.some((line) => line.includes(value)),
          `${volunteerName}: ${value} on one line`,
        ).toBe(true);
      }
      expect(
        body.every((line) => !/^[，。、；：）]/.test(line)),
        `${volunteerName}: punctuation at line start`,
      ).toBe(true);
    }
  });

  it("keeps each English date and number on one line", async () => {
    const names = ["Li Ming", "Ouyang Mingyue", "Sima Xiangru Wen", "Abdurahman Memet", "Zhuge Kongming Jr"];
    for (const volunteerName of names) {
      const parsed = await parse(
        await renderCertificatePdf({
          ...base,
          language: "en",
          volunteerName,
          periodTo: "2026-12-31",
          activities: [{ date: "2026-06-01", title: "Legal advice", minutes: 7404 }],
          totalMinutes: 7404,
        }),
      );
      const start = parsed.lines.findIndex((line) => line.startsWith("Thisistocertify"));
      const body = parsed.lines.slice(start, start + 5);
      for (const value of [
        volunteerName,
        "1 January 2026",
        "31 December 2026",
        "ZY-000123",
        "123.4",
        "7,404",
      ]) {
        const compact = value.replace(/\s+/g, "");
        expect(
          body.some((line) => line.includes(compact)),
          `${volunteerName}: ${value} on one line`,
        ).toBe(true);
      }
    }
  });

  it("stays small: the fonts are subset, not embedded whole", async () => {
    const pdf = await renderCertificatePdf(base);
    const require = createRequire(import.meta.url);
    const fontBytes = statSync(require.resolve(CERTIFICATE_FONT_FILES.regular)).size;
    expect(fontBytes).toBeGreaterThan(5_000_000);
    expect(pdf.length).toBeLessThan(120_000);
  });

  it("writes the English certificate from the en labels", async () => {
    const pdf = await renderCertificatePdf({ ...base, language: "en", volunteerName: "Li Ming" });
    const parsed = await parse(pdf);
    const text = parsed.pageTexts.join(" ").replace(/\s+/g, " ");
    expect(text).toContain("This is to certify that Li Ming");
    expect(text).toContain("from 1 January 2026 to 31 March 2026");
    for (const phrase of [
      "This is to certify that Li Ming (volunteer number ZY-000123) took part in community corrections",
      "with a verified total of 15.83 hours (950 minutes) of service",
      "Certificate no. ZM-2026-7KQ4-M2XD",
      "Issued by (seal): 示范区司法局城关司法所",
      "Person in charge: 王建国",
      "Handled by: 张丽",
      "Date of issue: 2 April 2026",
      "page 1 of 1",
    ]) {
      // Runs of the two weights come back as separate items: compare without whitespace.
      expect(parsed.compact, phrase).toContain(phrase.replace(/\s+/g, ""));
    }
    // Chinese activity titles still render in the English certificate.
    expect(parsed.compact).toContain("社区矫正对象就业指导讲座2.00120");
    expect(parsed.compact).not.toContain("兹证明");
    expect(parsed.info.Language).toBe("en");
    expect(pdf.length).toBeLessThan(120_000);
  });

  it("runs a long record over several pages, repeating the table header and numbering the pages", async () => {
    const many = Array.from({ length: 45 }, (_, i) => ({
      date: `2025-${String((i % 12) + 1).padStart(2, "0")}-${String((i % 28) + 1).padStart(2, "0")}`,
      title: `社区志愿服务第${i + 1}次活动`,
      minutes: 35 + i,
    }));
    const total = many.reduce((sum, activity) => sum + activity.minutes, 0);
    const pdf = await renderCertificatePdf({
      ...base,
      periodFrom: "2025-01-01",
      periodTo: "2025-12-31",
      activities: many,
      totalMinutes: total,
    });
    const parsed = await parse(pdf);
    expect(parsed.pages).toBeGreaterThanOrEqual(2);
    parsed.pageTexts.forEach((text, index) => {
      expect(text.replace(/\s+/g, "")).toContain(`第${index + 1}页，共${parsed.pages}页`);
      expect(text.replace(/\s+/g, "")).toContain("序号日期服务内容时长（小时）分钟");
    });
    expect(
      parsed.pageTexts.slice(1).every((text) => text.replace(/\s+/g, "").includes("服务记录（续）")),
    ).toBe(true);
    for (const activity of many) expect(parsed.compact).toContain(`${activity.title}`);
    // 2,565 minutes = 42.75 h, shown with two decimals; the minutes with a thousands separator.
    expect(total).toBe(2565);
    expect(parsed.compact).toContain("累计服务时长42.75小时（2,565分钟）");
    expect(parsed.compact.match(/合计42\.752,565/g)).toHaveLength(1);
    // The signatures come once, after the table.
    expect(parsed.compact.match(/经办人：张丽/g)).toHaveLength(1);
    expect(parsed.compact.indexOf("合计")).toBeLessThan(parsed.compact.indexOf("经办人"));
    expect(pdf.length).toBeLessThan(200_000);
  });

  it("cuts an overlong free description so its row still fits on a page", async () => {
    const description = "协助开展入矫教育、心理疏导、法治宣传和就业指导。".repeat(60);
    const pdf = await renderCertificatePdf({
      ...base,
      activities: [{ date: "2026-01-08", title: description, minutes: 60 }],
      totalMinutes: 60,
    });
    const parsed = await parse(pdf);
    expect(parsed.pages).toBe(1);
    const cut = [...description].slice(0, MAX_ACTIVITY_TITLE_LENGTH - 1).join("");
    expect(parsed.compact).toContain(`${cut}…1.0060`);
    expect(parsed.compact).not.toContain(description.slice(0, MAX_ACTIVITY_TITLE_LENGTH + 10));
  });

  it("shows a moment as its date in Asia/Shanghai", () => {
    expect(formatCertificateDate(new Date("2026-03-31T16:30:00Z"), "zh-CN")).toBe("2026年4月1日");
    expect(formatCertificateDate("2026-03-31", "en")).toBe("31 March 2026");
  });

  it("refuses inconsistent or malformed data rather than print a wrong certificate", async () => {
    await expect(renderCertificatePdf({ ...base, totalMinutes: 951 })).rejects.toThrow(/not the sum/);
    await expect(renderCertificatePdf({ ...base, periodTo: "2025-12-31" })).rejects.toThrow(/ends before/);
    await expect(renderCertificatePdf({ ...base, periodFrom: "2026-02-30" })).rejects.toThrow(/No such date/);
    await expect(renderCertificatePdf({ ...base, issuedOn: "02/04/2026" })).rejects.toThrow(/YYYY-MM-DD/);
    await expect(renderCertificatePdf({ ...base, verificationUrl: "javascript:alert(1)" })).rejects.toThrow(
      /http/,
    );
    await expect(renderCertificatePdf({ ...base, certificateNumber: " " })).rejects.toThrow(
      /certificateNumber/,
    );
    await expect(
      renderCertificatePdf({ ...base, language: "fr" as CertificatePdfData["language"] }),
    ).rejects.toThrow(/language/);
    await expect(
      renderCertificatePdf({ ...base, activities: [{ ...activities[0]!, minutes: -5 }], totalMinutes: -5 }),
    ).rejects.toThrow(RangeError);
  });
});

/** Renders one page to pixels (pdf.js on @napi-rs/canvas) and reads the QR code on it with jsQR. */
async function decodeQrOnPage(pdf: Buffer, pageNumber: number): Promise<string | null> {
  const document = await openPdf(pdf);
  try {
    const page = await document.getPage(pageNumber);
    // 3× (216 dpi): about 6 px a module for the 80 pt symbol, as a phone camera would see it.
    const viewport = page.getViewport({ scale: 3 });
    const factory = document.canvasFactory as {
      create(width: number, height: number): { canvas: unknown; context: CanvasRenderingContext2D };
    };
    const { canvas, context } = factory.create(Math.ceil(viewport.width), Math.ceil(viewport.height));
    await page.render({ canvas: canvas as HTMLCanvasElement, canvasContext: context, viewport }).promise;
    const image = context.getImageData(0, 0, Math.ceil(viewport.width), Math.ceil(viewport.height));
    return jsQR(new Uint8ClampedArray(image.data), image.width, image.height)?.data ?? null;
  } finally {
    await document.destroy();
  }
}

/** Each table row's hours figure (the column before the minutes), read back from the text. */
function rowHours(compact: string, titles: readonly string[]): number[] {
  return titles.map((title) => {
    const match = new RegExp(`${title}(\\d+\\.\\d{2})`).exec(compact);
    if (!match) throw new Error(`No hours after ${title}`);
    return Number(match[1]);
  });
}

describe("certificate defects found as a user", () => {
  it("encodes the verification URL in a QR code that a decoder reads from the rendered page", async () => {
    const pdf = await renderCertificatePdf(base);
    expect(await decodeQrOnPage(pdf, 1)).toBe(base.verificationUrl);
  });

  it("keeps four modules of quiet zone around the QR code", () => {
    expect(QR_QUIET_ZONE_MODULES).toBe(4);
  });

  it("shows rows that add up to the shown total, even beside a record of a few minutes", async () => {
    const mixed = [
      { date: "2026-01-08", title: "法律咨询值班", minutes: 150 },
      { date: "2026-01-09", title: "补录签到", minutes: 1 },
      { date: "2026-01-10", title: "社区走访", minutes: 20 },
      { date: "2026-01-11", title: "普法讲座", minutes: 55 },
    ];
    const total = mixed.reduce((sum, activity) => sum + activity.minutes, 0);
    const parsed = await parse(
      await renderCertificatePdf({ ...base, activities: mixed, totalMinutes: total }),
    );
    const shownTotal = Number(/累计服务时长(\d+\.\d{2})小时/.exec(parsed.compact)?.[1]);
    const rows = rowHours(
      parsed.compact,
      mixed.map((activity) => activity.title),
    );
    expect(rows.every((hours) => hours > 0)).toBe(true);
    expect(Math.round(rows.reduce((sum, hours) => sum + hours, 0) * 100)).toBe(Math.round(shownTotal * 100));
    expect(parsed.compact).toContain(`合计${shownTotal.toFixed(2)}${total}`);
  });

  it("never leaves the signature block alone on a page: the last rows go with it", async () => {
    for (const count of [14, 15, 16, 17, 18]) {
      const rows = Array.from({ length: count }, (_, i) => ({
        date: `2026-01-${String(i + 1).padStart(2, "0")}`,
        title: `第${i + 1}次社区服务活动`,
        minutes: 60,
      }));
      const parsed = await parse(
        await renderCertificatePdf({ ...base, activities: rows, totalMinutes: 60 * count }),
      );
      const signaturePage = parsed.pageTexts.findIndex((text) => text.includes("经办人"));
      const pageText = parsed.pageTexts[signaturePage]!.replace(/\s+/g, "");
      expect(pageText, `${count} rows`).toContain(`第${count}次社区服务活动`);
      expect(pageText, `${count} rows`).toContain(`第${count - 1}次社区服务活动`);
    }
  });
});
