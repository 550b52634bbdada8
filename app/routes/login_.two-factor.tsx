// File name "login_.two-factor": the trailing underscore keeps /login/two-factor out of the login
// page's layout (login.tsx has no <Outlet />, so nested it would show the login form instead).
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, type ShouldRevalidateFunction, useActionData, useLoaderData } from "@remix-run/react";
import QRCode from "qrcode";
import { useTranslation } from "react-i18next";
import { redirectWithFlash } from "~/utils/flash.server";
import { FormError, TextField } from "~/components/forms";
import { invalidateSession, markSessionTwoFactorVerified } from "~/domains/accounts/sessions.server";
import {
  recordSecondFactorFailure,
  secondFactorLocked,
} from "~/domains/accounts/second-factor-limits.server";
import { twoFactorRequired } from "~/domains/accounts/roles";
import {
  cancelTwoFactorSetup,
  confirmTwoFactorSetup,
  twoFactorEnrolment,
  verifySecondFactor,
} from "~/domains/accounts/two-factor.server";
import { totpCodeSchema } from "~/domains/accounts/validation";
import { i18nServer } from "~/i18n.server";
import { getDb } from "~/utils/db.server";
import { formFailure, parseForm, readFormData } from "~/utils/forms.server";
import { safeRedirectPath } from "~/utils/redirect";
import { clearSessionCookie, getCurrentSession } from "~/utils/session.server";

export const handle = { i18n: ["common", "accounts", "validation"] };

/** The half-signed-in step: give the second factor, or (bureau admins without one) enrol first. */
async function requireHalfSession(request: Request) {
  const current = await getCurrentSession(request);
  if (!current) throw redirect("/login");
  if (current.session.twoFactorVerified) throw redirect("/dashboard");
  return current;
}

export async function loader({ request }: LoaderFunctionArgs) {
  const { user } = await requireHalfSession(request);
  const t = await i18nServer.getFixedT(request, "accounts");
  if (user.totpEnabled)
    return { title: t("twoFactor.title"), mode: "verify" as const, secret: null, qr: null };
  const setup = await twoFactorEnrolment(await getDb(), user, t("twoFactor.issuer"));
  return {
    title: t("twoFactor.setupTitle"),
    mode: "setup" as const,
    optional: !twoFactorRequired(user.role),
    secret: setup.secret,
    qr: await QRCode.toDataURL(setup.uri, { margin: 1, width: 200 }),
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

/**
 * After enrolment the session is verified, so reloading this route's data would redirect away
 * before the recovery codes were read: keep the page until the user continues.
 */
export const shouldRevalidate: ShouldRevalidateFunction = ({ actionResult, defaultShouldRevalidate }) =>
  actionResult && typeof actionResult === "object" && "recoveryCodes" in actionResult
    ? false
    : defaultShouldRevalidate;

export async function action({ request }: ActionFunctionArgs) {
  const { user, session } = await requireHalfSession(request);
  if ((await readFormData(request.clone())).get("intent") === "cancel") {
    // Staff who may go without a second factor can abandon enrolment and keep their session.
    const db = await getDb();
    if (user.totpEnabled || !(await cancelTwoFactorSetup(db, user)))
      throw new Response("Forbidden", { status: 403 });
    await markSessionTwoFactorVerified(db, session.id);
    throw redirect("/account");
  }
  const parsed = await parseForm(request, totpCodeSchema);
  if (!parsed.success) return parsed.failure;
  const db = await getDb();
  const redirectTo = safeRedirectPath(new URL(request.url).searchParams.get("redirectTo"), "/dashboard");
  // Past the account's limit of wrong codes not even the right one is checked (finding 3).
  if (await secondFactorLocked(db, user.id)) {
    await invalidateSession(db, session.id);
    throw secondFactorEnded(request);
  }
  const wrongCode = async () => {
    const failure = await recordSecondFactorFailure(db, { id: session.id, userId: user.id });
    if (failure.sessionEnded) throw secondFactorEnded(request);
    return formFailure(parsed.formData, { code: "accounts:twoFactor.wrongCode" });
  };
  if (user.totpEnabled) {
    if (!(await verifySecondFactor(db, user.id, parsed.data.code))) return wrongCode();
    await markSessionTwoFactorVerified(db, session.id);
    throw redirect(redirectTo);
  }
  const recoveryCodes = await confirmTwoFactorSetup(db, user.id, parsed.data.code);
  if (!recoveryCodes) return wrongCode();
  await markSessionTwoFactorVerified(db, session.id);
  return { recoveryCodes, redirectTo };
}

/** The half-signed-in session is over: back to the password, with a notice. */
function secondFactorEnded(request: Request) {
  return redirectWithFlash(
    request,
    "/login",
    { kind: "error", message: "accounts:login.twoFactorEnded" },
    { headers: { "Set-Cookie": clearSessionCookie(request) } },
  );
}

export default function TwoFactor() {
  const { t } = useTranslation("accounts");
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const state = result && "errors" in result ? result : undefined;
  if (result && "recoveryCodes" in result) {
    return (
      <section className="container page page--narrow">
        <h1>{t("twoFactor.recoveryTitle")}</h1>
        <p>{t("twoFactor.recoveryLead")}</p>
        <ul className="recovery-codes">
          {result.recoveryCodes.map((code) => (
            <li key={code}>
              <code>{code}</code>
            </li>
          ))}
        </ul>
        <Link to={result.redirectTo} className="button button--primary">
          {t("twoFactor.continue")}
        </Link>
      </section>
    );
  }
  return (
    <section className="container page page--narrow">
      <h1>{data.title}</h1>
      {data.mode === "setup" ? (
        <>
          <p>{t("twoFactor.setupLead")}</p>
          {data.qr ? <img src={data.qr} alt={t("twoFactor.qrAlt")} width={200} height={200} /> : null}
          <p>
            {t("twoFactor.secretLabel")} <code>{data.secret}</code>
          </p>
        </>
      ) : (
        <p>{t("twoFactor.verifyLead")}</p>
      )}
      <div className="panel">
        <FormError state={state} />
        <Form method="post" className="form" noValidate>
          <TextField
            name="code"
            autoComplete="one-time-code"
            required
            maxLength={11}
            label={t("twoFactor.codeLabel")}
            hint={data.mode === "verify" ? t("twoFactor.codeHint") : undefined}
            state={state}
          />
          <button type="submit" className="button button--primary">
            {t("twoFactor.submit")}
          </button>
        </Form>
      </div>
      {data.optional ? (
        <Form method="post" className="form-links">
          <input type="hidden" name="intent" value="cancel" />
          <button type="submit" className="button">
            {t("twoFactor.cancel")}
          </button>
        </Form>
      ) : null}
    </section>
  );
}
