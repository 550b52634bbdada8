import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { DateField, SelectField, TextField } from "~/components/form/fields";
import { useValidatedForm } from "~/components/form/useValidatedForm";
import { SubmitButton, ValidatedForm } from "~/components/form/ValidatedForm";
import { SubmissionKey } from "~/components/SubmissionKey";
import { qualificationKinds } from "~/domains/volunteers/activity-options";
import { QUALIFICATION_TEXT_MAX } from "~/domains/volunteers/profile-limits";
import { QualificationSummary, type QualificationView } from "./QualificationSummary";

/** The schema loads with zod on the first validation, not with the page (first-load JS budget). */
const loadQualificationSchema = () =>
  import("~/domains/volunteers/profile-validation").then((module) => module.qualificationSchema);

/** The volunteer's qualifications: those not yet verified can be removed; new ones added for review. */
export function ProfileQualifications({
  hasProfile,
  qualifications,
  submissionKey,
}: {
  hasProfile: boolean;
  qualifications: (QualificationView & { id: string })[];
  submissionKey: string;
}) {
  const { t } = useTranslation("volunteers");
  return (
    <section className="section" id="qualifications" aria-labelledby="qualifications-title">
      <h2 id="qualifications-title">{t("qualifications.title")}</h2>
      <p>{t("qualifications.lead")}</p>
      {!hasProfile ? (
        <p className="empty-state">{t("qualifications.profileFirst")}</p>
      ) : (
        <div className="form">
          {qualifications.length === 0 ? (
            <p className="empty-state">{t("qualifications.empty")}</p>
          ) : (
            <ul className="list">
              {qualifications.map((qualification) => (
                <li key={qualification.id} className="list__item">
                  <QualificationSummary qualification={qualification} />
                  {qualification.status !== "verified" ? (
                    <Form method="post">
                      <input type="hidden" name="qualificationId" value={qualification.id} />
                      <SubmitButton name="intent" value="removeQualification" className="button">
                        {t("qualifications.remove")}
                      </SubmitButton>
                    </Form>
                  ) : null}
                </li>
              ))}
            </ul>
          )}
          {/* Keyed by the count: an added qualification empties the form (and brings a new key). */}
          <AddQualificationForm key={qualifications.length} submissionKey={submissionKey} />
        </div>
      )}
    </section>
  );
}

function AddQualificationForm({ submissionKey }: { submissionKey: string }) {
  const { t } = useTranslation("volunteers");
  const form = useValidatedForm({ schema: loadQualificationSchema, id: "addQualification" });
  return (
    <ValidatedForm form={form} className="panel form" aria-labelledby="add-qualification-title">
      <h3 id="add-qualification-title">{t("qualifications.addTitle")}</h3>
      <input type="hidden" name="intent" value="addQualification" />
      <SubmissionKey value={submissionKey} />
      <SelectField
        name="kind"
        label={t("qualifications.kind")}
        placeholder={t("qualifications.chooseKind")}
        options={qualificationKinds.map((kind) => ({
          value: kind,
          label: t(`qualifications.kinds.${kind}`),
        }))}
      />
      <TextField
        name="certificateNumber"
        required
        maxLength={QUALIFICATION_TEXT_MAX}
        label={t("qualifications.certificateNumber")}
      />
      <TextField
        name="issuedBy"
        required
        maxLength={QUALIFICATION_TEXT_MAX}
        label={t("qualifications.issuedBy")}
      />
      <DateField
        name="expiresOn"
        label={t("qualifications.expiresOn")}
        hint={t("qualifications.expiresOnHint")}
      />
      <SubmitButton>{t("qualifications.add")}</SubmitButton>
    </ValidatedForm>
  );
}
