import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { NewPasswordFields } from "~/components/form/fields";
import { useValidatedForm } from "~/components/form/useValidatedForm";
import { SubmitButton, ValidatedForm } from "~/components/form/ValidatedForm";
import { Notice } from "~/components/Notice";
import { acceptInvitation, invitationInvitee } from "~/domains/accounts/invitations.server";
import { passwordResetSchema } from "~/domains/accounts/validation";
import { i18nServer } from "~/i18n.server";
import { getDb } from "~/utils/db.server";
import { parseSubmission, submissionFailure } from "~/utils/forms.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { searchParamsOf } from "~/utils/forms.server";

export const handle = { i18n: ["common", "accounts", "validation"] };

export async function loader({ request }: LoaderFunctionArgs) {
  const token = searchParamsOf(request).get("token") ?? "";
  const t = await i18nServer.getFixedT(request, "accounts");
  const invitee = token ? await invitationInvitee(await getDb(), token) : null;
  return { title: t("invitation.title"), token: invitee ? token : null, invitee };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export async function action({ request }: ActionFunctionArgs) {
  // The same fields as a password reset: a one-time token and a new password, twice.
  const parsed = await parseSubmission(request, passwordResetSchema);
  if (!parsed.success) return parsed.failure;
  if (!(await acceptInvitation(await getDb(), parsed.data.token, parsed.data.password))) {
    return submissionFailure(parsed.formData, {}, { formError: "accounts:invitation.invalid" });
  }
  return redirectWithFlash(request, "/login", { kind: "success", message: "accounts:login.passwordChanged" });
}

/** The schema loads with zod on the first validation, not with the page (first-load JS budget). */
const loadPasswordResetSchema = () =>
  import("~/domains/accounts/validation").then((module) => module.passwordResetSchema);

export default function Invitation() {
  const { t } = useTranslation("accounts");
  const { token, invitee } = useLoaderData<typeof loader>();
  const form = useValidatedForm({ schema: loadPasswordResetSchema });
  if (!token || !invitee) {
    return (
      <section className="container page page--narrow">
        <h1>{t("invitation.title")}</h1>
        <Notice kind="error">{t("invitation.invalid")}</Notice>
      </section>
    );
  }
  return (
    <section className="container page page--narrow">
      <h1>{t("invitation.title")}</h1>
      <p>{t("invitation.lead", { name: invitee.displayName, email: invitee.email })}</p>
      <div className="panel">
        <ValidatedForm form={form}>
          <input type="hidden" name="token" value={token} />
          <NewPasswordFields
            label={t("fields.password")}
            confirmLabel={t("fields.passwordConfirm")}
            hint={t("hints.password")}
          />
          <SubmitButton>{t("invitation.submit")}</SubmitButton>
        </ValidatedForm>
      </div>
    </section>
  );
}
