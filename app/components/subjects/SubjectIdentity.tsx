import { useTranslation } from "react-i18next";
import { TextField } from "~/components/form/fields";
import { useValidatedForm } from "~/components/form/useValidatedForm";
import { SubmitButton, ValidatedForm } from "~/components/form/ValidatedForm";

/** The schema loads with zod on the first validation, not with the page (first-load JS budget). */
const loadRevealSchema = () => import("~/domains/subjects/validation").then((module) => module.revealSchema);

export interface SubjectIdentityView {
  name: string;
  idNumber: string;
  phone: string;
  address: string;
  birthDate: string;
  minor: boolean;
}

/**
 * Who the person is, shown only after staff give the purpose of looking (the view is audited). The
 * identity comes back in the action's answer only: never in a URL, a cookie or a flash.
 */
export function SubjectIdentity({ identity }: { identity?: SubjectIdentityView }) {
  const { t } = useTranslation("subjects");
  return (
    <section className="section" aria-labelledby="identity-title">
      <h2 id="identity-title">{t("detail.identityTitle")}</h2>
      {identity ? (
        <dl className="facts facts--identity">
          <dt>{t("fields.name")}</dt>
          <dd>{identity.name}</dd>
          <dt>{t("fields.idNumber")}</dt>
          <dd>{identity.idNumber}</dd>
          <dt>{t("fields.phone")}</dt>
          <dd>{identity.phone}</dd>
          <dt>{t("fields.address")}</dt>
          <dd>{identity.address}</dd>
          <dt>{t("fields.birthDate")}</dt>
          <dd>
            {identity.birthDate}
            {identity.minor ? <span className="badge badge--pending"> {t("detail.minor")}</span> : null}
          </dd>
        </dl>
      ) : (
        <>
          <p>{t("detail.identityLead")}</p>
          <RevealForm />
        </>
      )}
    </section>
  );
}

function RevealForm() {
  const { t } = useTranslation("subjects");
  const form = useValidatedForm({ schema: loadRevealSchema, id: "reveal" });
  return (
    <ValidatedForm form={form} className="panel form">
      <input type="hidden" name="intent" value="reveal" />
      <TextField name="purpose" required maxLength={200} label={t("fields.purpose")} />
      <SubmitButton>{t("detail.reveal")}</SubmitButton>
    </ValidatedForm>
  );
}
