import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CheckboxField } from "~/components/form/fields";
import { useValidatedForm } from "~/components/form/useValidatedForm";
import { SubmitButton, ValidatedForm } from "~/components/form/ValidatedForm";
import { isJusticeRole } from "~/domains/accounts/roles";
import { getNotificationPreferences } from "~/domains/notifications/inbox.server";
import {
  type PreferenceChoiceError,
  saveNotificationPreferences,
} from "~/domains/notifications/preferences.server";
import { preferencesFormSchema } from "~/domains/notifications/preferences-form";
import { i18nServer } from "~/i18n.server";
import { getDb } from "~/utils/db.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { parseSubmission, submissionFailure } from "~/utils/forms.server";
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

/** The schema loads with zod on the first validation, not with the page (first-load JS budget). */
const loadPreferencesFormSchema = () =>
  import("~/domains/notifications/preferences-form").then((module) => module.preferencesFormSchema);

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const parsed = await parseSubmission(request, preferencesFormSchema);
  if (!parsed.success) return parsed.failure;
  const { formData } = parsed;
  const kinds = [...new Set(parsed.data.kind)];
  const badField = [...formData.keys()].find((key) => key !== "kind" && !KIND_FIELD.test(key));
  if (badField) return submissionFailure(formData, {}, { formError: "notifications:settings.errors.form" });
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
    return submissionFailure(formData, errors, { formError: "notifications:settings.errors.form" });
  }
  return redirectWithFlash(request, "/settings/notifications", {
    kind: "success",
    message: "notifications:settings.saved",
  });
}

export default function NotificationSettings() {
  const { t } = useTranslation("notifications");
  const data = useLoaderData<typeof loader>();
  const form = useValidatedForm({ schema: loadPreferencesFormSchema });
  return (
    <section className="container page page--narrow" aria-labelledby="settings-title">
      <h1 id="settings-title">{data.title}</h1>
      <p>{t("settings.lead")}</p>
      <ValidatedForm form={form}>
        {data.choices.map((choice) => (
          <fieldset key={choice.kind} className="preferences">
            <legend>{t(`kinds.${choice.kind}`)}</legend>
            <input type="hidden" name="kind" value={choice.kind} />
            <CheckboxField
              name={`email:${choice.kind}`}
              label={t("settings.email")}
              defaultChecked={choice.emailEnabled}
            />
            {data.digestAvailable ? (
              <CheckboxField
                name={`digest:${choice.kind}`}
                label={t("settings.digest")}
                hint={t("settings.digestHint")}
                defaultChecked={choice.weeklyDigest}
              />
            ) : null}
          </fieldset>
        ))}
        <SubmitButton>{t("settings.save")}</SubmitButton>
      </ValidatedForm>
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
