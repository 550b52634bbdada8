import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data as withStatus } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { periodLabel, typeName } from "~/components/awards/labels";
import { awardByNumber } from "~/domains/awards/honour-roll.server";
import { isAwardNumber } from "~/domains/awards/nominations.server";
import { normalizeCertificateNumber, verifyCertificate } from "~/domains/volunteers/certificates.server";
import { hoursOf } from "~/domains/volunteers/format";
import { i18nServer } from "~/i18n.server";
import { getDb } from "~/utils/db.server";
import { periodKeyOf } from "~/domains/awards/periods";

export const handle = { i18n: ["common", "certificates", "awards"] };

/** Public: confirms a certificate's number, masked name, volunteer number, period, hours and issuer. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const number = normalizeCertificateNumber(params.number ?? "");
  const t = await i18nServer.getFixedT(request, "certificates");
  const db = await getDb();
  // Commendation certificates (BZ-…) are verified against the awards; service certificates (ZM-…) here.
  const award = isAwardNumber(number) ? await awardByNumber(db, number) : null;
  const certificate = award ? null : await verifyCertificate(db, number);
  const body = {
    title: t("pages.verify.title"),
    number,
    certificate,
    award: award
      ? {
          name: award.name,
          typeNameZh: award.typeNameZh,
          typeNameEn: award.typeNameEn,
          periodKey: periodKeyOf(award.periodStart, award.periodEnd),
          issuer: award.districtName,
          revoked: award.status === "revoked",
        }
      : null,
  };
  // An unknown number is a 404 (the page still explains what that means).
  return certificate || award ? body : withStatus(body, { status: 404 });
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data?.title },
  { name: "robots", content: "noindex" },
];

export default function CertificateVerification() {
  const { t, i18n } = useTranslation("certificates");
  const { title, number, certificate, award } = useLoaderData<typeof loader>();
  return (
    <section className="container page page--narrow">
      <h1>{title}</h1>
      {award ? (
        <div className="panel">
          <p className={`alert alert--${award.revoked ? "error" : "success"}`} role="status">
            {award.revoked ? t("awards:verify.revoked") : t("awards:verify.valid")}
          </p>
          <dl className="facts">
            <dt>{t("pages.fields.number")}</dt>
            <dd>
              <code>{number}</code>
            </dd>
            <dt>{t("awards:verify.nominee")}</dt>
            <dd>{award.name}</dd>
            <dt>{t("awards:eligibility.type")}</dt>
            <dd>{typeName(award, i18n.language)}</dd>
            <dt>{t("awards:eligibility.period")}</dt>
            <dd>{periodLabel(t, award.periodKey)}</dd>
            <dt>{t("pages.fields.issuer")}</dt>
            <dd>{award.issuer}</dd>
          </dl>
        </div>
      ) : certificate ? (
        <div className="panel">
          <p className="alert alert--success" role="status">
            {t("pages.verify.valid")}
          </p>
          <dl className="facts">
            <dt>{t("pages.fields.number")}</dt>
            <dd>
              <code>{certificate.number}</code>
            </dd>
            <dt>{t("pages.fields.volunteer")}</dt>
            <dd>
              {certificate.maskedName} ({certificate.volunteerNumber})
            </dd>
            <dt>{t("pages.fields.period")}</dt>
            <dd>
              {certificate.periodFrom} – {certificate.periodTo}
            </dd>
            <dt>{t("pages.fields.hours")}</dt>
            <dd>{t("pages.hoursValue", { hours: hoursOf(certificate.totalMinutes, i18n.language) })}</dd>
            <dt>{t("pages.fields.issuer")}</dt>
            <dd>{certificate.issuer}</dd>
            <dt>{t("pages.fields.issuedAt")}</dt>
            <dd>
              {new Intl.DateTimeFormat(i18n.language, {
                timeZone: "Asia/Shanghai",
                dateStyle: "long",
              }).format(new Date(certificate.issuedAt))}
            </dd>
          </dl>
          <p className="field__hint">{t("pages.verify.privacy")}</p>
        </div>
      ) : (
        <div className="panel">
          <p className="alert alert--error" role="alert">
            {t("pages.verify.unknown", { number })}
          </p>
        </div>
      )}
      <p>
        <Link to="/verify">{t("pages.verify.another")}</Link>
      </p>
    </section>
  );
}
