import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { NewPasswordFields } from "~/components/form/fields";
import { useValidatedForm } from "~/components/form/useValidatedForm";
import { SubmitButton, ValidatedForm } from "~/components/form/ValidatedForm";
import { Notice } from "~/components/Notice";
import { isResetTokenUsable, resetPassword } from "~/domains/accounts/accounts.server";
import { passwordResetSchema } from "~/domains/accounts/validation";
import { i18nServer } from "~/i18n.server";
import { getDb } from "~/utils/db.server";
import { searchParamsOf } from "~/utils/forms.server";
import { parseSubmission, submissionFailure } from "~/utils/forms.server";
import { clearSessionCookie } from "~/utils/session.server";
import { redirectWithFlash } from "~/utils/flash.server";

export const handle = { i18n: ["common", "accounts", "validation"] };

export async function loader({ request }: LoaderFunctionArgs) {
  const token = searchParamsOf(request).get("token") ?? "";
  const t = await i18nServer.getFixedT(request, "accounts");
  const usable = token ? await isResetTokenUsable(await getDb(), token) : false;
  return { title: t("reset.title"), token: usable ? token : null };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export async function action({ request }: ActionFunctionArgs) {
  const parsed = await parseSubmission(request, passwordResetSchema);
  if (!parsed.success) return parsed.failure;
  const { data, formData } = parsed;
  if (!(await resetPassword(await getDb(), data.token, data.password))) {
    return submissionFailure(formData, {}, { formError: "accounts:reset.invalid" });
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

/** The schema loads with zod on the first validation, not with the page (first-load JS budget). */
const loadPasswordResetSchema = () =>
  import("~/domains/accounts/validation").then((module) => module.passwordResetSchema);

export default function ResetPassword() {
  const { t } = useTranslation("accounts");
  const { token } = useLoaderData<typeof loader>();
  const form = useValidatedForm({ schema: loadPasswordResetSchema });
  return (
    <section className="container page page--narrow">
      <h1>{t("reset.title")}</h1>
      {token ? (
        <div className="panel">
          <ValidatedForm form={form}>
            <input type="hidden" name="token" value={token} />
            <NewPasswordFields
              label={t("fields.newPassword")}
              confirmLabel={t("fields.newPasswordConfirm")}
              hint={t("hints.password")}
            />
            <SubmitButton>{t("reset.submit")}</SubmitButton>
          </ValidatedForm>
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
