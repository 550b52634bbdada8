import type { TFunction } from "i18next";
import { categoryLabel } from "~/domains/matching/taxonomy";
import type { FigureRecord } from "~/domains/oversight/records.server";
import { figureOf } from "~/domains/oversight/figures";
import { formatFigure } from "./format";

/** A record's cells as shown and exported: translated status and detail, amounts in their unit. */
export function recordCells(figureKey: string, record: FigureRecord, t: TFunction, language: string) {
  const figure = figureOf(figureKey);
  const detail = figureKey.startsWith("matching.")
    ? categoryLabel(record.detail, language)
    : t(`oversight:details.${record.detail}`, { defaultValue: record.detail });
  const unit = figure && figure.unit !== "rate" && figure.unit !== "count" ? figure.unit : "count";
  return {
    day: record.day,
    officeName: record.officeName,
    reference: record.reference,
    detail,
    status: record.status ? t(`oversight:statuses.${record.status}`, { defaultValue: record.status }) : "",
    amount: record.amount === null ? "" : formatFigure(record.amount, unit, language, t),
  };
}

export const recordColumns = (t: TFunction) => [
  t("oversight:records.day"),
  t("oversight:records.office"),
  t("oversight:records.reference"),
  t("oversight:records.detail"),
  t("oversight:records.status"),
  t("oversight:records.amount"),
];
