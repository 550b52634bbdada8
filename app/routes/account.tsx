import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { NewPasswordFields, SelectField, TextField } from "~/components/form/fields";
import { useValidatedForm } from "~/components/form/useValidatedForm";
import { SubmitButton, ValidatedForm } from "~/components/form/ValidatedForm";
import { changePassword, updateProfile } from "~/domains/accounts/accounts.server";
import { DISPLAY_NAME_MAX_LENGTH } from "~/domains/accounts/limits";
import { isJusticeRole, twoFactorRequired } from "~/domains/accounts/roles";
import { requireSecondFactorAgain } from "~/domains/accounts/sessions.server";
import { disableTwoFactor, verifySecondFactor } from "~/domains/accounts/two-factor.server";
import { changePasswordSchema, profileSchema, totpCodeSchema } from "~/domains/accounts/validation";
import { supportedLanguages } from "~/i18n";
import { i18nServer, languageCookie } from "~/i18n.server";
import { getDb } from "~/utils/db.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { readFormData, submissionFailure, validateSubmission } from "~/utils/forms.server";
import { requirePermission, requireSession } from "~/utils/permissions.server";
import { userAgent } from "~/utils/request.server";
import { clientIp, sessionCookie } from "~/utils/session.server";

export const handle = { i18n: ["common", "accounts", "validation"] };

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "update:profile:own");
  const t = await i18nServer.getFixedT(request, "accounts");
  return {
    title: t("account.title"),
    displayName: user.displayName,
    email: user.email,
    language: user.language,
    twoFactorEnabled: user.totpEnabled,
    twoFactorRequired: twoFactorRequired(user.role),
    twoFactorAllowed: isJusticeRole(user.role),
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

/** The page's forms; each posts its id as `intent` (written out in its markup), and a refusal names its form. */
const PROFILE = "profile";
const PASSWORD = "password";
const DISABLE_TWO_FACTOR = "disable-two-factor";

export async function action({ request }: ActionFunctionArgs) {
  const user = await requirePermission(request, "update:profile:own");
  const formData = await readFormData(request);
  const intent = formData.get("intent");
  const db = await getDb();
  const saved = (message: string, headers?: HeadersInit) =>
    redirectWithFlash(request, "/account", { kind: "success", message }, { headers });

  if (intent === "enable-two-factor") {
    // Enrolment happens on the second-factor page; this session passes through it again.
    const { session } = await requireSession(request);
    if (user.totpEnabled) throw new Response("Conflict", { status: 409 });
    await requireSecondFactorAgain(db, session.id);
    throw redirect("/login/two-factor?redirectTo=/account");
  }
  if (intent === DISABLE_TWO_FACTOR) {
    const parsed = await validateSubmission(formData, totpCodeSchema, intent);
    if (!parsed.success) return parsed.failure;
    if (!(await verifySecondFactor(db, user.id, parsed.data.code)))
      return submissionFailure(parsed.values, { code: "accounts:twoFactor.wrongCode" }, { form: intent });
    if (!(await disableTwoFactor(db, user))) throw new Response("Forbidden", { status: 403 });
    return saved("accounts:account.twoFactorDisabled");
  }
  if (intent === PROFILE) {
    const parsed = await validateSubmission(formData, profileSchema, intent);
    if (!parsed.success) return parsed.failure;
    await updateProfile(db, user.id, parsed.data);
    return saved("accounts:account.profileSaved", {
      "Set-Cookie": await languageCookie.serialize(parsed.data.language),
    });
  }
  if (intent !== PASSWORD) throw new Response("Bad Request", { status: 400 });
  const parsed = await validateSubmission(formData, changePasswordSchema, intent);
  if (!parsed.success) return parsed.failure;
  const result = await changePassword(db, {
    userId: user.id,
    currentPassword: parsed.data.currentPassword,
    newPassword: parsed.data.newPassword,
    ipAddress: clientIp(request),
    userAgent: userAgent(request),
  });
  if (!result.ok)
    return submissionFailure(
      parsed.values,
      { currentPassword: "accounts:account.wrongCurrentPassword" },
      { form: intent },
    );
  // Redirected (not rendered in place), so a browser without JavaScript also loads the page with the
  // new session: the old one ended with all others, and rendering here would reload with it.
  return saved("accounts:account.passwordChangedHere", {
    "Set-Cookie": sessionCookie(request, result.token, result.expiresAt),
  });
}

/** The schemas load with zod on the first validation, not with the page. */
const validation = () => import("~/domains/accounts/validation");
const loadProfileSchema = () => validation().then((module) => module.profileSchema);
const loadPasswordSchema = () => validation().then((module) => module.changePasswordSchema);
const loadCodeSchema = () => validation().then((module) => module.totpCodeSchema);

export default function Account() {
  const { t } = useTranslation("accounts");
  const { t: tc } = useTranslation("common");
  const data = useLoaderData<typeof loader>();
  const profileForm = useValidatedForm({
    schema: loadProfileSchema,
    id: PROFILE,
    defaultValues: { displayName: data.displayName, language: data.language },
  });
  const passwordForm = useValidatedForm({ schema: loadPasswordSchema, id: PASSWORD });
  const twoFactorForm = useValidatedForm({ schema: loadCodeSchema, id: DISABLE_TWO_FACTOR });
  return (
    <section className="container page page--narrow">
      <h1>{t("account.title")}</h1>

      <h2>{t("account.profileTitle")}</h2>
      <ValidatedForm form={profileForm} className="panel form">
        <input type="hidden" name="intent" value="profile" />
        <p>
          {t("fields.email")}: <strong>{data.email}</strong>
        </p>
        <TextField
          name="displayName"
          required
          maxLength={DISPLAY_NAME_MAX_LENGTH}
          label={t("fields.displayName")}
        />
        <SelectField
          name="language"
          label={t("fields.language")}
          options={supportedLanguages.map((language) => ({
            value: language,
            label: tc(`language.${language}`),
            lang: language,
          }))}
        />
        <SubmitButton>{t("account.saveProfile")}</SubmitButton>
      </ValidatedForm>

      <h2 className="section">{t("account.passwordTitle")}</h2>
      <ValidatedForm form={passwordForm} className="panel form">
        <input type="hidden" name="intent" value="password" />
        <TextField
          name="currentPassword"
          type="password"
          autoComplete="current-password"
          required
          label={t("fields.currentPassword")}
        />
        <NewPasswordFields
          name="newPassword"
          confirmName="newPasswordConfirm"
          label={t("fields.newPassword")}
          confirmLabel={t("fields.newPasswordConfirm")}
          hint={t("hints.password")}
        />
        <SubmitButton>{t("account.changePassword")}</SubmitButton>
      </ValidatedForm>

      {data.twoFactorAllowed ? (
        <>
          <h2 className="section">{t("account.twoFactorTitle")}</h2>
          {data.twoFactorEnabled ? (
            data.twoFactorRequired ? (
              <p>{t("account.twoFactorRequired")}</p>
            ) : (
              <ValidatedForm form={twoFactorForm} className="panel form">
                <p>{t("account.twoFactorOn")}</p>
                <input type="hidden" name="intent" value="disable-two-factor" />
                <TextField
                  name="code"
                  autoComplete="one-time-code"
                  required
                  maxLength={11}
                  label={t("twoFactor.codeLabel")}
                  hint={t("twoFactor.codeHint")}
                />
                <SubmitButton className="button">{t("account.twoFactorDisable")}</SubmitButton>
              </ValidatedForm>
            )
          ) : (
            <Form method="post" className="panel form">
              <p>{t("account.twoFactorOff")}</p>
              <SubmitButton name="intent" value="enable-two-factor">
                {t("account.twoFactorEnable")}
              </SubmitButton>
            </Form>
          )}
        </>
      ) : null}

      <h2 className="section">{t("account.sessionsTitle")}</h2>
      <p>{t("account.sessionsLead")}</p>
      <Form method="post" action="/logout">
        <input type="hidden" name="everywhere" value="1" />
        <button type="submit" className="button">
          {t("account.logoutEverywhere")}
        </button>
      </Form>
    </section>
  );
}
