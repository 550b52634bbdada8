import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { i18nServer } from "~/i18n.server";
import { requireAnonymous } from "~/utils/permissions.server";

export const handle = { i18n: ["common", "accounts"] };

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAnonymous(request);
  const t = await i18nServer.getFixedT(request, "accounts");
  return { title: t("register.title") };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export default function RegisterChooser() {
  const { t } = useTranslation("accounts");
  return (
    <section className="container page page--narrow">
      <h1>{t("register.title")}</h1>
      <p>{t("register.lead")}</p>
      <div className="form">
        <Link to="/register/volunteer" className="button button--primary">
          {t("register.asVolunteer")}
        </Link>
        <Link to="/register/organization" className="button">
          {t("register.asOrganization")}
        </Link>
      </div>
      <p className="field__hint">{t("register.staffNote")}</p>
      <p className="form-links">
        <Link to="/login">{t("register.haveAccount")}</Link>
      </p>
    </section>
  );
}
