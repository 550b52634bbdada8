import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CheckboxGroupField, DateField, SelectField, TextField } from "~/components/form/fields";
import { useValidatedForm } from "~/components/form/useValidatedForm";
import { SubmitButton, ValidatedForm } from "~/components/form/ValidatedForm";
import { SubmissionKey } from "~/components/SubmissionKey";
import { consentDataCategories } from "~/domains/subjects/options";
import { formatDateTime } from "~/utils/dates";
import { listOf } from "~/utils/list-format";

/** The schema loads with zod on the first validation, not with the page (first-load JS budget). */
const loadConsentSchema = () =>
  import("~/domains/subjects/validation").then((module) => module.consentFormSchema);

export interface ConsentView {
  id: string;
  recipientName: string;
  purpose: string;
  dataCategories: string[];
  state: "active" | "expired" | "withdrawn";
  expiresAt: string;
  withdrawnAt: string | null;
}

/** The consent ledger of a case: who may see which fields, until when; recording and withdrawing. */
export function SubjectConsents({
  consents,
  recipients,
  canManage,
  canRecord,
  submissionKey,
}: {
  consents: ConsentView[];
  recipients: { id: string; name: string }[];
  canManage: boolean;
  /** A new consent only for an active case. */
  canRecord: boolean;
  submissionKey: string;
}) {
  const { t, i18n } = useTranslation("subjects");
  return (
    <section className="section" aria-labelledby="consents-title">
      <h2 id="consents-title">{t("consent.title")}</h2>
      <p>{t("consent.lead")}</p>
      {/* A grid of its own: the ledger and the form below it keep apart. */}
      <div className="form">
        {consents.length === 0 ? (
          <p className="empty-state">{t("consent.empty")}</p>
        ) : (
          <ul className="list">
            {consents.map((consent) => (
              <li key={consent.id} className="list__item">
                <strong>{consent.recipientName}</strong> · {consent.purpose}{" "}
                <span className={`badge${consent.state === "active" ? " badge--verified" : ""}`}>
                  {t(`consent.states.${consent.state}`)}
                </span>
                <p className="list__meta">
                  {t("consent.fields", {
                    fields: listOf(
                      consent.dataCategories.map((category) => t(`categories.${category}`)),
                      i18n.language,
                    ),
                  })}{" "}
                  · {t("consent.until", { date: formatDateTime(consent.expiresAt, i18n.language) })}
                  {consent.withdrawnAt
                    ? ` · ${t("consent.withdrawnAt", { date: formatDateTime(consent.withdrawnAt, i18n.language) })}`
                    : ""}
                </p>
                {canManage && consent.state === "active" ? (
                  <Form method="post">
                    <input type="hidden" name="consentId" value={consent.id} />
                    <SubmitButton name="intent" value="withdraw" className="button">
                      {t("consent.withdraw")}
                    </SubmitButton>
                  </Form>
                ) : null}
              </li>
            ))}
          </ul>
        )}
        {canManage && canRecord ? (
          // Keyed by the number of consents: a recorded consent empties the form for the next one.
          <ConsentForm key={consents.length} recipients={recipients} submissionKey={submissionKey} />
        ) : null}
      </div>
    </section>
  );
}

/** Records a new consent; its idempotency key makes a double click record one. */
function ConsentForm({
  recipients,
  submissionKey,
}: {
  recipients: { id: string; name: string }[];
  submissionKey: string;
}) {
  const { t } = useTranslation("subjects");
  const form = useValidatedForm({ schema: loadConsentSchema, id: "consent" });
  return (
    <ValidatedForm form={form} className="panel form">
      <h3>{t("consent.recordTitle")}</h3>
      <input type="hidden" name="intent" value="consent" />
      <SubmissionKey value={submissionKey} />
      <SelectField
        name="recipientOrganizationId"
        label={t("consent.recipient")}
        placeholder={t("consent.chooseRecipient")}
        options={recipients.map((recipient) => ({ value: recipient.id, label: recipient.name }))}
      />
      <TextField name="consentPurpose" required maxLength={200} label={t("fields.purpose")} />
      <CheckboxGroupField
        name="dataCategories"
        label={t("consent.categoriesLegend")}
        options={consentDataCategories.map((category) => ({
          value: category,
          label: t(`categories.${category}`),
        }))}
      />
      <DateField name="expiresOn" required label={t("consent.expiresOn")} />
      <SubmitButton>{t("consent.record")}</SubmitButton>
    </ValidatedForm>
  );
}
