import type { TFunction } from "i18next";
import { Fragment } from "react";
import { useTranslation } from "react-i18next";
import {
  type Criteria,
  type FigureKey,
  type Figures,
  figureKeys,
  figuresOfKind,
} from "~/domains/awards/eligibility";
import { hoursOf } from "~/domains/volunteers/format";

/** A figure as shown: service minutes in hours, every other figure a count. */
export function figureText(t: TFunction, figure: FigureKey, value: number, language: string): string {
  return figure === "minutes" ? t("awards:figure.hours", { hours: hoursOf(value, language) }) : String(value);
}

/** "at least 50 service hours and at least 2 placements" — the criteria of a type that apply. */
export function criteriaText(t: TFunction, criteria: Criteria): string {
  return figureKeys
    .filter((figure) => criteria[figure] != null)
    .map((figure) =>
      figure === "minutes"
        ? t("awards:figure.minutesAtLeast", { hours: criteria.minutes! / 60 })
        : t(`awards:figure.${figure}AtLeast`, { count: criteria[figure]! }),
    )
    .join(t("awards:types.and"));
}

/** The figures of a nominee of `kind`, as definition-list entries. */
export function FigureFacts({ kind, figures }: { kind: string; figures: Figures }) {
  const { t, i18n } = useTranslation("awards");
  const keys = figuresOfKind[kind as keyof typeof figuresOfKind] ?? [];
  return (
    <>
      {keys.map((figure) => (
        <Fragment key={figure}>
          <dt>{t(`figure.${figure}`)}</dt>
          <dd>{figureText(t, figure, figures[figure] ?? 0, i18n.language)}</dd>
        </Fragment>
      ))}
    </>
  );
}
