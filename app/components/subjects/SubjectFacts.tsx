import { useTranslation } from "react-i18next";
import { listOf } from "~/utils/list-format";

/** The case as staff see it without revealing who the person is: status, area, level and period. */
export function SubjectFacts({
  subject,
}: {
  subject: {
    status: string;
    area: string;
    gender: string;
    supervisionLevel: string;
    correctionStart: string;
    correctionEnd: string;
    languages: string[];
  };
}) {
  const { t, i18n } = useTranslation("subjects");
  return (
    <dl className="facts">
      <dt>{t("fields.status")}</dt>
      <dd>{t(`statuses.${subject.status}`)}</dd>
      <dt>{t("fields.area")}</dt>
      <dd>{subject.area}</dd>
      <dt>{t("fields.gender")}</dt>
      <dd>{t(`genders.${subject.gender}`)}</dd>
      <dt>{t("fields.supervisionLevel")}</dt>
      <dd>{t(`levels.${subject.supervisionLevel}`)}</dd>
      <dt>{t("fields.period")}</dt>
      <dd>
        {subject.correctionStart} – {subject.correctionEnd}
      </dd>
      {subject.languages.length > 0 ? (
        <>
          <dt>{t("fields.languages")}</dt>
          <dd>{listOf(subject.languages, i18n.language)}</dd>
        </>
      ) : null}
    </dl>
  );
}
