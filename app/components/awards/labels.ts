import type { TFunction } from "i18next";

/** `2026` → "2026 年度", `2026-H1` → "2026 年上半年" (awards namespace). */
export function periodLabel(t: TFunction, key: string): string {
  const [year, half] = key.split("-H");
  return t(half ? `awards:periodLabel.half${half}` : "awards:periodLabel.year", { year });
}

/** The configured name of a type in the reader's language. */
export function typeName(
  type: { typeNameZh?: string; typeNameEn?: string; nameZh?: string; nameEn?: string },
  language: string,
) {
  return language === "en" ? (type.typeNameEn ?? type.nameEn ?? "") : (type.typeNameZh ?? type.nameZh ?? "");
}
