import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { SubmitButton } from "~/components/form/ValidatedForm";
import { QualificationSummary, type QualificationView } from "./QualificationSummary";

type Qualification = QualificationView & { id: string };

/** The volunteer's qualifications; staff who decide registrations verify or reject pending ones. */
export function QualificationReview({
  qualifications,
  canDecide,
}: {
  qualifications: Qualification[];
  canDecide: boolean;
}) {
  const { t } = useTranslation("volunteers");
  return (
    <section className="section" aria-labelledby="qualifications-title">
      <h2 id="qualifications-title">{t("staff.qualificationsTitle")}</h2>
      {qualifications.length === 0 ? (
        <p className="empty-state">{t("staff.noQualifications")}</p>
      ) : (
        <ul className="list">
          {qualifications.map((qualification) => (
            <li key={qualification.id} className="list__item">
              <QualificationSummary qualification={qualification} />
              {canDecide && qualification.status === "pending" ? (
                <Form method="post" className="actions">
                  <input type="hidden" name="intent" value="qualification" />
                  <input type="hidden" name="qualificationId" value={qualification.id} />
                  <SubmitButton name="decision" value="verify">
                    {t("qualifications.verify")}
                  </SubmitButton>
                  <SubmitButton name="decision" value="reject" className="button">
                    {t("qualifications.reject")}
                  </SubmitButton>
                </Form>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
