import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Notice } from "~/components/forms";
import { isJusticeRole } from "~/domains/accounts/roles";
import { getNotificationPreferences } from "~/domains/notifications/inbox.server";
import {
  type PreferenceChoiceError,
  saveNotificationPreferences,
} from "~/domains/notifications/preferences.server";
import { i18nServer } from "~/i18n.server";
import { getDb } from "~/utils/db.server";
import { formFailure, readFormData } from "~/utils/forms.server";
import { requireUser } from "~/utils/permissions.server";

export const handle = { i18n: ["common", "notifications"] };

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const t = await i18nServer.getFixedT(request, "notifications");
  // Only the kinds that can reach this user's role.
  const preferences = await getNotificationPreferences(await getDb(), user.id, user.role);
  return {
    title: t("settings.title"),
    // The weekly digest is for justice staff (office staff, bureau and system admins).
    digestAvailable: isJusticeRole(user.role),
    choices: preferences
      .filter((preference) => !preference.locked)
      .map(({ kind, emailEnabled, weeklyDigest }) => ({ kind, emailEnabled, weeklyDigest })),
    securityKinds: preferences.filter((preference) => preference.locked).map(({ kind }) => kind),
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

const errorKeys: Record<PreferenceChoiceError, string> = {
  digest_needs_email: "notifications:settings.errors.digestNeedsEmail",
  digest_staff_only: "notifications:settings.errors.digestStaffOnly",
  unknown_kind: "notifications:settings.errors.unknownKind",
  security_kind: "notifications:settings.errors.securityKind",
  unknown_user: "notifications:settings.errors.unknownKind",
};

/** Field names of the form: `email:<kind>` and `digest:<kind>`, checkboxes posted as "on". */
const KIND_FIELD = /^(email|digest):([a-z0-9-]{1,64})$/;

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const formData = await readFormData(request);
  // Unticked checkboxes are not posted, so the kinds come from the form's hidden `kind` fields.
  const kinds = [...new Set(formData.getAll("kind").filter((value) => typeof value === "string"))];
  const badField = [...formData.keys()].find((key) => key !== "kind" && !KIND_FIELD.test(key));
  if (kinds.length === 0 || kinds.length > 50 || badField) {
    return formFailure(formData, {}, 400, "notifications:settings.errors.form");
  }
  const digestAvailable = isJusticeRole(user.role);
  const result = await saveNotificationPreferences(
    await getDb(),
    user.id,
    kinds.map((kind) => ({
      kind,
      emailEnabled: formData.get(`email:${kind}`) === "on",
      // Others' stored digest choice is left alone; posting one anyway is refused by the domain.
      weeklyDigest:
        digestAvailable || formData.has(`digest:${kind}`)
          ? formData.get(`digest:${kind}`) === "on"
          : undefined,
    })),
  );
  if (!result.ok) {
    const errors = Object.fromEntries(
      result.errors.map((error) => [`${error.field}:${error.kind}`, errorKeys[error.code]]),
    );
    return formFailure(formData, errors, 400, "notifications:settings.errors.form");
  }
  return { saved: true as const };
}

export default function NotificationSettings() {
  const { t } = useTranslation("notifications");
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const failure = result && "errors" in result ? result : undefined;
  // After a rejected post, show what the user ticked rather than what is stored.
  const checked = (field: string, stored: boolean) => (failure ? failure.values[field] === "on" : stored);
  return (
    <section className="container page page--narrow" aria-labelledby="settings-title">
      <h1 id="settings-title">{data.title}</h1>
      <p>{t("settings.lead")}</p>
      {result && "saved" in result ? <Notice kind="success">{t("settings.saved")}</Notice> : null}
      {failure?.formError ? <Notice kind="error">{t(failure.formError)}</Notice> : null}
      <Form method="post" className="form">
        {data.choices.map((choice) => {
          const emailField = `email:${choice.kind}`;
          const digestField = `digest:${choice.kind}`;
          const emailError = failure?.errors[emailField];
          const digestError = failure?.errors[digestField];
          const id = (field: string) => `field-${field.replace(":", "-")}`;
          return (
            <fieldset key={choice.kind} className="preferences">
              <legend>{t(`kinds.${choice.kind}`)}</legend>
              <input type="hidden" name="kind" value={choice.kind} />
              <div className={`checkbox${emailError ? " field--invalid" : ""}`}>
                <input
                  id={id(emailField)}
                  type="checkbox"
                  name={emailField}
                  value="on"
                  defaultChecked={checked(emailField, choice.emailEnabled)}
                  aria-invalid={emailError ? true : undefined}
                  aria-describedby={emailError ? `${id(emailField)}-error` : undefined}
                />
                <label htmlFor={id(emailField)}>{t("settings.email")}</label>
              </div>
              {emailError ? (
                <p className="field__error" id={`${id(emailField)}-error`} role="alert">
                  {t(emailError)}
                </p>
              ) : null}
              {data.digestAvailable ? (
                <>
                  <div className={`checkbox${digestError ? " field--invalid" : ""}`}>
                    <input
                      id={id(digestField)}
                      type="checkbox"
                      name={digestField}
                      value="on"
                      defaultChecked={checked(digestField, choice.weeklyDigest)}
                      aria-invalid={digestError ? true : undefined}
                      aria-describedby={[
                        `${id(digestField)}-hint`,
                        digestError ? `${id(digestField)}-error` : "",
                      ]
                        .join(" ")
                        .trim()}
                    />
                    <label htmlFor={id(digestField)}>{t("settings.digest")}</label>
                  </div>
                  <p className="field__hint" id={`${id(digestField)}-hint`}>
                    {t("settings.digestHint")}
                  </p>
                  {digestError ? (
                    <p className="field__error" id={`${id(digestField)}-error`} role="alert">
                      {t(digestError)}
                    </p>
                  ) : null}
                </>
              ) : null}
            </fieldset>
          );
        })}
        <button type="submit" className="button button--primary">
          {t("settings.save")}
        </button>
      </Form>
      <section className="section" aria-labelledby="security-title">
        <h2 id="security-title">{t("settings.securityTitle")}</h2>
        <p id="security-lead">{t("settings.securityLead")}</p>
        <ul className="list">
          {data.securityKinds.map((kind) => (
            <li key={kind} className="list__item checkbox">
              <input
                id={`field-security-${kind}`}
                type="checkbox"
                checked
                disabled
                readOnly
                aria-describedby="security-lead"
              />
              <label htmlFor={`field-security-${kind}`}>
                {t(`kinds.${kind}`)} · {t("settings.alwaysOn")}
              </label>
            </li>
          ))}
        </ul>
      </section>
      <p className="form-links">
        <Link to="/notifications">{t("settings.back")}</Link>
      </p>
    </section>
  );
}
