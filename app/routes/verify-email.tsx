import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { FormError, Notice, TextField } from "~/components/forms";
import {
  resendVerification,
  verifyEmailByCode,
  verifyEmailByToken,
} from "~/domains/accounts/accounts.server";
import { publicPostLimits } from "~/domains/accounts/request-limits";
import { emailVerificationCodeSchema } from "~/domains/accounts/validation";
import { i18nServer } from "~/i18n.server";
import { getDb } from "~/utils/db.server";
import { formFailure, parseForm, readFormData } from "~/utils/forms.server";
import { limitPublicPost, retryAfterHeaders } from "~/utils/rate-limit.server";
import { linkContext } from "~/utils/request.server";
import { redirectWithFlash } from "~/utils/flash.server";

/** Passes on the Retry-After of a 429. */
export const headers = retryAfterHeaders;

export const handle = { i18n: ["common", "accounts", "validation"] };

/** Opening the emailed link only shows a button: mail scanners that prefetch links verify nothing. */
export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const t = await i18nServer.getFixedT(request, "accounts");
  return {
    title: t("verify.title"),
    email: url.searchParams.get("email") ?? "",
    token: url.searchParams.get("token") ?? "",
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

const intentSchema = z.object({ intent: z.enum(["code", "link", "resend"]) });

export async function action({ request }: ActionFunctionArgs) {
  const db = await getDb();
  const intent = intentSchema.safeParse(Object.fromEntries(await request.clone().formData()));
  if (!intent.success) throw new Response("Bad Request", { status: 400 });
  if (intent.data.intent === "link") {
    const token = String((await readFormData(request)).get("token") ?? "");
    return (await verifyEmailByToken(db, token))
      ? redirectWithFlash(request, "/login", { kind: "success", message: "accounts:verify.done" })
      : { linkInvalid: true };
  }
  if (intent.data.intent === "resend") {
    const formData = await readFormData(request);
    const email = z.email().safeParse(
      String(formData.get("email") ?? "")
        .trim()
        .toLowerCase(),
    );
    const limited = await limitPublicPost(request, formData, {
      address: publicPostLimits.verifyEmailIp,
      email: email.success ? [publicPostLimits.verifyEmailEmail, email.data] : undefined,
    });
    if (limited) return limited;
    if (email.success) await resendVerification(db, email.data, linkContext(request));
    return { resent: true };
  }
  const parsed = await parseForm(
    request,
    emailVerificationCodeSchema.extend({ email: z.email("validation:email.invalid") }),
  );
  if (!parsed.success) return parsed.failure;
  const { data, formData } = parsed;
  const limited = await limitPublicPost(request, formData, {
    address: publicPostLimits.verifyEmailIp,
    email: [publicPostLimits.verifyEmailEmail, data.email],
  });
  if (limited) return limited;
  if (!(await verifyEmailByCode(db, data.email.toLowerCase(), data.code))) {
    return formFailure(formData, { code: "accounts:verify.invalid" });
  }
  return redirectWithFlash(request, "/login", { kind: "success", message: "accounts:verify.done" });
}

export default function VerifyEmail() {
  const { t } = useTranslation("accounts");
  const { email, token } = useLoaderData<typeof loader>();
  const state = useActionData<typeof action>();
  const formState = state && "errors" in state ? state : undefined;
  return (
    <section className="container page page--narrow">
      <h1>{t("verify.title")}</h1>
      {state && "linkInvalid" in state ? <Notice kind="error">{t("verify.linkInvalid")}</Notice> : null}
      {state && "resent" in state ? <Notice kind="success">{t("verify.resent")}</Notice> : null}
      {token ? (
        <Form method="post" className="panel form">
          <input type="hidden" name="intent" value="link" />
          <input type="hidden" name="token" value={token} />
          <button type="submit" className="button button--primary">
            {t("verify.submit")}
          </button>
        </Form>
      ) : (
        <>
          <p>{t("verify.sent")}</p>
          <div className="panel">
            <FormError state={formState} />
            <Form method="post" className="form" noValidate>
              <input type="hidden" name="intent" value="code" />
              <TextField
                name="email"
                type="email"
                autoComplete="email"
                required
                defaultValue={email}
                label={t("fields.email")}
                state={formState}
              />
              <TextField
                name="code"
                inputMode="numeric"
                autoComplete="one-time-code"
                pattern="[0-9]{6}"
                maxLength={6}
                required
                label={t("fields.code")}
                hint={t("hints.code")}
                state={formState}
              />
              <button type="submit" className="button button--primary">
                {t("verify.submit")}
              </button>
            </Form>
          </div>
          <Form method="post" className="form-links">
            <input type="hidden" name="intent" value="resend" />
            <input type="hidden" name="email" value={email} />
            <button type="submit" className="button">
              {t("verify.resend")}
            </button>
          </Form>
        </>
      )}
    </section>
  );
}
