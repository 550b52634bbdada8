import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormError, Notice, TextField } from "~/components/forms";
import { isResetTokenUsable, resetPassword } from "~/domains/accounts/accounts.server";
import { passwordResetSchema } from "~/domains/accounts/validation";
import { i18nServer } from "~/i18n.server";
import { getDb } from "~/utils/db.server";
import { formFailure, parseForm } from "~/utils/forms.server";
import { clearSessionCookie } from "~/utils/session.server";
import { redirectWithFlash } from "~/utils/flash.server";

export const handle = { i18n: ["common", "accounts", "validation"] };

export async function loader({ request }: LoaderFunctionArgs) {
  const token = new URL(request.url).searchParams.get("token") ?? "";
  const t = await i18nServer.getFixedT(request, "accounts");
  const usable = token ? await isResetTokenUsable(await getDb(), token) : false;
  return { title: t("reset.title"), token: usable ? token : null };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export async function action({ request }: ActionFunctionArgs) {
  const parsed = await parseForm(request, passwordResetSchema);
  if (!parsed.success) return parsed.failure;
  const { data, formData } = parsed;
  if (!(await resetPassword(await getDb(), data.token, data.password))) {
    return formFailure(formData, {}, 400, "accounts:reset.invalid");
  }
  return redirectWithFlash(
    request,
    "/login",
    { kind: "success", message: "accounts:login.passwordChanged" },
    {
      headers: { "Set-Cookie": clearSessionCookie(request) },
    },
  );
}

export default function ResetPassword() {
  const { t } = useTranslation("accounts");
  const { token } = useLoaderData<typeof loader>();
  const state = useActionData<typeof action>();
  return (
    <section className="container page page--narrow">
      <h1>{t("reset.title")}</h1>
      {token ? (
        <div className="panel">
          <FormError state={state} />
          <Form method="post" className="form" noValidate>
            <input type="hidden" name="token" value={token} />
            <TextField
              name="password"
              type="password"
              autoComplete="new-password"
              required
              label={t("fields.newPassword")}
              hint={t("hints.password")}
              state={state}
            />
            <TextField
              name="passwordConfirm"
              type="password"
              autoComplete="new-password"
              required
              label={t("fields.newPasswordConfirm")}
              state={state}
            />
            <button type="submit" className="button button--primary">
              {t("reset.submit")}
            </button>
          </Form>
        </div>
      ) : (
        <>
          <Notice kind="error">{t("reset.invalid")}</Notice>
          <Link to="/forgot-password">{t("reset.requestAgain")}</Link>
        </>
      )}
    </section>
  );
}
