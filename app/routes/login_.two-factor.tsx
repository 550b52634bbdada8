// File name "login_.two-factor": the trailing underscore keeps /login/two-factor out of the login
// page's layout (login.tsx has no <Outlet />, so nested it would show the login form instead).
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, type ShouldRevalidateFunction, useActionData, useLoaderData } from "@remix-run/react";
import QRCode from "qrcode";
import { useTranslation } from "react-i18next";
import { TextField } from "~/components/form/fields";
import { useValidatedForm } from "~/components/form/useValidatedForm";
import { SubmitButton, ValidatedForm } from "~/components/form/ValidatedForm";
import { redirectWithFlash } from "~/utils/flash.server";
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
import { readFormData, searchParamsOf, submissionFailure, validateSubmission } from "~/utils/forms.server";
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
  const formData = await readFormData(request);
  if (formData.get("intent") === "cancel") {
    // Staff who may go without a second factor can abandon enrolment and keep their session.
    const db = await getDb();
    if (user.totpEnabled || !(await cancelTwoFactorSetup(db, user)))
      throw new Response("Forbidden", { status: 403 });
    await markSessionTwoFactorVerified(db, session.id);
    throw redirect("/account");
  }
  // A code that cannot be one is refused before anything is counted or checked.
  const parsed = await validateSubmission(formData, totpCodeSchema);
  if (!parsed.success) return parsed.failure;
  const db = await getDb();
  const redirectTo = safeRedirectPath(searchParamsOf(request).get("redirectTo"), "/dashboard");
  // Past the account's limit of wrong codes not even the right one is checked (finding 3).
  if (await secondFactorLocked(db, user.id)) {
    await invalidateSession(db, session.id);
    throw secondFactorEnded(request);
  }
  const wrongCode = async () => {
    const failure = await recordSecondFactorFailure(db, { id: session.id, userId: user.id });
    if (failure.sessionEnded) throw secondFactorEnded(request);
    return submissionFailure(parsed.values, { code: "accounts:twoFactor.wrongCode" });
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

/** The schema loads with zod on the first validation, not with the page. */
const loadCodeSchema = () => import("~/domains/accounts/validation").then((module) => module.totpCodeSchema);

export default function TwoFactor() {
  const { t } = useTranslation("accounts");
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const form = useValidatedForm({ schema: loadCodeSchema });
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
        <ValidatedForm form={form}>
          <TextField
            name="code"
            autoComplete="one-time-code"
            required
            maxLength={11}
            label={t("twoFactor.codeLabel")}
            hint={data.mode === "verify" ? t("twoFactor.codeHint") : undefined}
          />
          <SubmitButton>{t("twoFactor.submit")}</SubmitButton>
        </ValidatedForm>
      </div>
      {data.optional ? (
        <Form method="post" className="form-links">
          <SubmitButton name="intent" value="cancel" className="button">
            {t("twoFactor.cancel")}
          </SubmitButton>
        </Form>
      ) : null}
    </section>
  );
}
