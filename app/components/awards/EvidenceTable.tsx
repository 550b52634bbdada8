import { useTranslation } from "react-i18next";
import type { FigureKey } from "~/domains/awards/eligibility";
import type { EvidenceRow, EvidenceSource } from "~/domains/awards/figures.server";
import { hoursOf } from "~/domains/volunteers/format";
import { formatCalendarDate } from "~/utils/dates";

/** The order the sources of evidence are listed in. */
export const evidenceSources: readonly EvidenceSource[] = [
  "hour_record",
  "activity",
  "placement",
  "consultation",
  "referral",
];

/**
 * One kind of record behind a nominee's figures, row by row (the evidence page): an anchor per
 * source (`#evidence-placement`) so the eligibility view links each figure to its rows.
 */
export function EvidenceTable({ source, rows }: { source: EvidenceSource; rows: EvidenceRow[] }) {
  const { t, i18n } = useTranslation(["awards", "legal"]);
  const language = i18n.language;
  const withMinutes = source === "hour_record" || source === "activity";
  const withCase = source !== "hour_record" && source !== "activity";
  const totalMinutes = rows.reduce((sum, row) => sum + (row.minutes ?? 0), 0);
  const heading = `evidence-${source}`;
  return (
    <section aria-labelledby={heading}>
      <h2 id={heading}>
        {t(`awards:evidence.source.${source}`)}{" "}
        <small>({t("awards:evidence.count", { count: rows.length })})</small>
      </h2>
      <table className="table">
        <thead>
          <tr>
            <th scope="col">{t("awards:evidence.date")}</th>
            <th scope="col">{t("awards:evidence.item")}</th>
            {source === "consultation" ? <th scope="col">{t("awards:evidence.topic")}</th> : null}
            {withCase ? <th scope="col">{t("awards:evidence.caseCode")}</th> : null}
            {source === "placement" ? <th scope="col">{t("awards:evidence.retention")}</th> : null}
            {withMinutes ? <th scope="col">{t("awards:figure.minutes")}</th> : null}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.id}>
              <td>{formatCalendarDate(row.date, language)}</td>
              <td>{language === "en" && row.titleEn ? row.titleEn : row.title}</td>
              {source === "consultation" ? <td>{row.topic ? t(`legal:topics.${row.topic}`) : ""}</td> : null}
              {withCase ? <td>{row.caseCode ?? "—"}</td> : null}
              {source === "placement" ? (
                <td>
                  {row.retained.length > 0
                    ? t("awards:evidence.retainedMarks", { marks: row.retained.join(" / ") })
                    : t("awards:evidence.notYetRetained")}
                </td>
              ) : null}
              {withMinutes ? (
                <td>{t("awards:figure.hours", { hours: hoursOf(row.minutes ?? 0, language) })}</td>
              ) : null}
            </tr>
          ))}
        </tbody>
        {withMinutes ? (
          <tfoot>
            <tr>
              <th scope="row" colSpan={2}>
                {t("awards:evidence.total")}
              </th>
              <td>{t("awards:figure.hours", { hours: hoursOf(totalMinutes, language) })}</td>
            </tr>
          </tfoot>
        ) : null}
      </table>
    </section>
  );
}

/** The records a figure of a nominee of `kind` counts (its anchor on the evidence page). */
export function sourceOfFigure(kind: string, figure: FigureKey): EvidenceSource {
  if (figure === "minutes" || figure === "activities")
    return kind === "volunteer" ? "hour_record" : "activity";
  if (figure === "consultations") return "consultation";
  if (figure === "referralsResolved") return "referral";
  return "placement";
}
