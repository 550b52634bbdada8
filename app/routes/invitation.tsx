import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormError, Notice, TextField } from "~/components/forms";
import { acceptInvitation, invitationInvitee } from "~/domains/accounts/invitations.server";
import { passwordResetSchema } from "~/domains/accounts/validation";
import { i18nServer } from "~/i18n.server";
import { getDb } from "~/utils/db.server";
import { formFailure, parseForm } from "~/utils/forms.server";
import { redirectWithFlash } from "~/utils/flash.server";

export const handle = { i18n: ["common", "accounts", "validation"] };

export async function loader({ request }: LoaderFunctionArgs) {
  const token = new URL(request.url).searchParams.get("token") ?? "";
  const t = await i18nServer.getFixedT(request, "accounts");
  const invitee = token ? await invitationInvitee(await getDb(), token) : null;
  return { title: t("invitation.title"), token: invitee ? token : null, invitee };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export async function action({ request }: ActionFunctionArgs) {
  // The same fields as a password reset: a one-time token and a new password, twice.
  const parsed = await parseForm(request, passwordResetSchema);
  if (!parsed.success) return parsed.failure;
  if (!(await acceptInvitation(await getDb(), parsed.data.token, parsed.data.password))) {
    return formFailure(parsed.formData, {}, 400, "accounts:invitation.invalid");
  }
  return redirectWithFlash(request, "/login", { kind: "success", message: "accounts:login.passwordChanged" });
}

export default function Invitation() {
  const { t } = useTranslation("accounts");
  const { token, invitee } = useLoaderData<typeof loader>();
  const state = useActionData<typeof action>();
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
        <FormError state={state} />
        <Form method="post" className="form" noValidate>
          <input type="hidden" name="token" value={token} />
          <TextField
            name="password"
            type="password"
            autoComplete="new-password"
            required
            label={t("fields.password")}
            hint={t("hints.password")}
            state={state}
          />
          <TextField
            name="passwordConfirm"
            type="password"
            autoComplete="new-password"
            required
            label={t("fields.passwordConfirm")}
            state={state}
          />
          <button type="submit" className="button button--primary">
            {t("invitation.submit")}
          </button>
        </Form>
      </div>
    </section>
  );
}
