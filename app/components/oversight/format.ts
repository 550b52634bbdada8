import type { TFunction } from "i18next";
import type { FigureUnit } from "~/domains/oversight/figures";
import { dateTimeFormat, numberFormat } from "~/utils/intl";

const number = (value: number, language: string, digits = 0) =>
  numberFormat(language, { maximumFractionDigits: digits }).format(value);

/** A figure's value as shown (hours from minutes, durations in minutes / hours / days, shares in %). */
export function formatFigure(value: number | null, unit: FigureUnit, language: string, t: TFunction): string {
  if (value === null) return t("oversight:units.none");
  switch (unit) {
    case "count":
      return number(value, language);
    case "hours":
      return t("oversight:units.hours", { value: number(value / 60, language, 1) });
    case "duration":
      if (value < 120) return t("oversight:units.minutes", { value: number(value, language) });
      if (value < 48 * 60) return t("oversight:units.hours", { value: number(value / 60, language, 1) });
      return t("oversight:units.days", { value: number(value / 1440, language, 1) });
    case "rate":
      return t("oversight:units.percent", { value: number(value * 100, language, 1) });
  }
}

/** A period key (`2026-11`, `2026`) as words in the reader's language. */
export function formatPeriod(key: string, language: string): string {
  const [year, month] = key.split("-").map(Number) as [number, number | undefined];
  if (!month)
    return dateTimeFormat(language, { year: "numeric", timeZone: "UTC" }).format(Date.UTC(year, 0, 1));
  return dateTimeFormat(language, { year: "numeric", month: "long", timeZone: "UTC" }).format(
    Date.UTC(year, month - 1, 1),
  );
}
