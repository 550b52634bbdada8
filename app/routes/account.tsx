import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect, data as respond } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { FormError, Notice, TextField } from "~/components/forms";
import { changePassword, updateProfile } from "~/domains/accounts/accounts.server";
import { isJusticeRole, twoFactorRequired } from "~/domains/accounts/roles";
import { requireSecondFactorAgain } from "~/domains/accounts/sessions.server";
import { disableTwoFactor, verifySecondFactor } from "~/domains/accounts/two-factor.server";
import { changePasswordSchema, profileSchema, totpCodeSchema } from "~/domains/accounts/validation";
import { supportedLanguages } from "~/i18n";
import { i18nServer, languageCookie } from "~/i18n.server";
import { getDb } from "~/utils/db.server";
import { formFailure, parseForm, readFormData } from "~/utils/forms.server";
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

const intentSchema = z.object({
  intent: z.enum(["profile", "password", "enable-two-factor", "disable-two-factor"]),
});

export async function action({ request }: ActionFunctionArgs) {
  const user = await requirePermission(request, "update:profile:own");
  const intent = intentSchema.safeParse(Object.fromEntries(await readFormData(request.clone())));
  if (!intent.success) throw new Response("Bad Request", { status: 400 });
  const db = await getDb();
  if (intent.data.intent === "enable-two-factor") {
    // Enrolment happens on the second-factor page; this session passes through it again.
    const { session } = await requireSession(request);
    if (user.totpEnabled) throw new Response("Conflict", { status: 409 });
    await requireSecondFactorAgain(db, session.id);
    throw redirect("/login/two-factor?redirectTo=/account");
  }
  if (intent.data.intent === "disable-two-factor") {
    const parsed = await parseForm(request, totpCodeSchema);
    if (!parsed.success) return parsed.failure;
    if (!(await verifySecondFactor(db, user.id, parsed.data.code))) {
      return formFailure(parsed.formData, { code: "accounts:twoFactor.wrongCode" });
    }
    if (!(await disableTwoFactor(db, user))) throw new Response("Forbidden", { status: 403 });
    return { intent: "disable-two-factor" as const, saved: true };
  }
  if (intent.data.intent === "profile") {
    const parsed = await parseForm(request, profileSchema);
    if (!parsed.success) return parsed.failure;
    const { data } = parsed;
    await updateProfile(db, user.id, data);
    return respond(
      { intent: "profile" as const, saved: true },
      { headers: { "Set-Cookie": await languageCookie.serialize(data.language) } },
    );
  }
  const parsed = await parseForm(request, changePasswordSchema);
  if (!parsed.success) return parsed.failure;
  const { data, formData } = parsed;
  const result = await changePassword(db, {
    userId: user.id,
    currentPassword: data.currentPassword,
    newPassword: data.newPassword,
    ipAddress: clientIp(request),
    userAgent: userAgent(request),
  });
  if (!result.ok) return formFailure(formData, { currentPassword: "accounts:account.wrongCurrentPassword" });
  // Redirected (not rendered in place), so a browser without JavaScript also loads the page with the
  // new session: the old one ended with all others, and rendering here would reload with it.
  throw redirect("/account?saved=password", {
    headers: { "Set-Cookie": sessionCookie(request, result.token, result.expiresAt) },
  });
}

export default function Account() {
  const { t } = useTranslation("accounts");
  const { t: tc } = useTranslation("common");
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const failure = result && "errors" in result ? result : undefined;
  const profileState = failure && failure.values.intent === "profile" ? failure : undefined;
  const passwordState = failure && failure.values.intent === "password" ? failure : undefined;
  const twoFactorState = failure && failure.values.intent === "disable-two-factor" ? failure : undefined;
  const [params] = useSearchParams();
  const saved =
    result && "saved" in result ? result.intent : params.get("saved") === "password" ? "password" : null;
  return (
    <section className="container page page--narrow">
      <h1>{t("account.title")}</h1>

      <h2>{t("account.profileTitle")}</h2>
      {saved === "profile" ? <Notice kind="success">{t("account.profileSaved")}</Notice> : null}
      <Form method="post" className="panel form" noValidate>
        <input type="hidden" name="intent" value="profile" />
        <p>
          {t("fields.email")}: <strong>{data.email}</strong>
        </p>
        <TextField
          name="displayName"
          required
          maxLength={50}
          defaultValue={data.displayName}
          label={t("fields.displayName")}
          state={profileState}
        />
        <div className="field">
          <label htmlFor="field-language">{t("fields.language")}</label>
          <select id="field-language" name="language" defaultValue={data.language}>
            {supportedLanguages.map((language) => (
              <option key={language} value={language} lang={language}>
                {tc(`language.${language}`)}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="button button--primary">
          {t("account.saveProfile")}
        </button>
      </Form>

      <h2 className="section">{t("account.passwordTitle")}</h2>
      {saved === "password" ? <Notice kind="success">{t("account.passwordChangedHere")}</Notice> : null}
      <Form method="post" className="panel form" noValidate>
        <FormError state={passwordState} />
        <input type="hidden" name="intent" value="password" />
        <TextField
          name="currentPassword"
          type="password"
          autoComplete="current-password"
          required
          label={t("fields.currentPassword")}
          state={passwordState}
        />
        <TextField
          name="newPassword"
          type="password"
          autoComplete="new-password"
          required
          label={t("fields.newPassword")}
          hint={t("hints.password")}
          state={passwordState}
        />
        <TextField
          name="newPasswordConfirm"
          type="password"
          autoComplete="new-password"
          required
          label={t("fields.newPasswordConfirm")}
          state={passwordState}
        />
        <button type="submit" className="button button--primary">
          {t("account.changePassword")}
        </button>
      </Form>

      {data.twoFactorAllowed ? (
        <>
          <h2 className="section">{t("account.twoFactorTitle")}</h2>
          {saved === "disable-two-factor" ? (
            <Notice kind="success">{t("account.twoFactorDisabled")}</Notice>
          ) : null}
          {data.twoFactorEnabled ? (
            data.twoFactorRequired ? (
              <p>{t("account.twoFactorRequired")}</p>
            ) : (
              <Form method="post" className="panel form" noValidate>
                <p>{t("account.twoFactorOn")}</p>
                <input type="hidden" name="intent" value="disable-two-factor" />
                <TextField
                  name="code"
                  autoComplete="one-time-code"
                  required
                  maxLength={11}
                  label={t("twoFactor.codeLabel")}
                  hint={t("twoFactor.codeHint")}
                  state={twoFactorState}
                />
                <button type="submit" className="button">
                  {t("account.twoFactorDisable")}
                </button>
              </Form>
            )
          ) : (
            <Form method="post" className="panel form">
              <p>{t("account.twoFactorOff")}</p>
              <input type="hidden" name="intent" value="enable-two-factor" />
              <button type="submit" className="button button--primary">
                {t("account.twoFactorEnable")}
              </button>
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
