import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { publicTotals } from "~/domains/oversight/dashboard.server";
import { suppressSmall } from "~/domains/oversight/figures";
import { i18nServer } from "~/i18n.server";
import { getDb } from "~/utils/db.server";
import { numberFormat } from "~/utils/intl";

export const handle = { i18n: ["common", "oversight"] };

export async function loader({ request }: LoaderFunctionArgs) {
  const t = await i18nServer.getFixedT(request);
  // Aggregates of the summary rows only, each below 5 withheld (it could point at a person).
  const totals = await publicTotals(await getDb());
  return {
    title: t("landing.title"),
    description: t("app.tagline"),
    totals: {
      volunteers: suppressSmall(totals.volunteers),
      hours: suppressSmall(Math.floor(totals.minutes / 60)),
      organizations: suppressSmall(totals.organizations),
      consultations: suppressSmall(totals.consultations),
    },
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data?.title },
  { name: "description", content: data?.description },
];

const audiences = ["volunteer", "enterprise", "lawFirm", "organization", "staff"] as const;
const steps = ["need", "match", "refer", "follow"] as const;
const principles = ["privacy", "fairness", "records"] as const;

const totalKeys = ["volunteers", "hours", "organizations", "consultations"] as const;

export default function Landing() {
  const { t, i18n } = useTranslation();
  const { totals } = useLoaderData<typeof loader>();
  const number = numberFormat(i18n.language, {});
  return (
    <>
      <section className="hero">
        <div className="container">
          <h1>{t("landing.title")}</h1>
          <p className="hero__tagline">{t("app.tagline")}</p>
          <p className="hero__lead">{t("landing.heroLead")}</p>
          <p className="hero__note">{t("landing.heroNote")}</p>
        </div>
      </section>

      <section className="container section" aria-labelledby="totals-title">
        <h2 id="totals-title">{t("oversight:public.title")}</h2>
        <ul className="card-grid">
          {totalKeys.map((key) => (
            <li key={key} className="card card--plain">
              <p className="oversight__value" data-total={key}>
                {totals[key] === null ? t("oversight:public.suppressed") : number.format(totals[key])}
              </p>
              <p>{t(`oversight:public.${key}`)}</p>
            </li>
          ))}
        </ul>
        <p className="field__hint">{t("oversight:public.note")}</p>
      </section>

      <section className="container section" aria-labelledby="audiences-title">
        <h2 id="audiences-title">{t("landing.audiencesTitle")}</h2>
        <ul className="card-grid">
          {audiences.map((audience) => (
            <li key={audience} id={audience} className="card">
              <h3>{t(`landing.audience.${audience}.title`)}</h3>
              <p>{t(`landing.audience.${audience}.body`)}</p>
            </li>
          ))}
        </ul>
      </section>

      <section className="section section--tinted" aria-labelledby="how-title">
        <div className="container">
          <h2 id="how-title">{t("landing.howTitle")}</h2>
          <ol className="steps">
            {steps.map((step) => (
              <li key={step} className="steps__item">
                <h3>{t(`landing.steps.${step}.title`)}</h3>
                <p>{t(`landing.steps.${step}.body`)}</p>
              </li>
            ))}
          </ol>
        </div>
      </section>

      <section className="container section" aria-labelledby="principles-title">
        <h2 id="principles-title">{t("landing.principlesTitle")}</h2>
        <ul className="card-grid card-grid--three">
          {principles.map((principle) => (
            <li key={principle} className="card card--plain">
              <h3>{t(`landing.principles.${principle}.title`)}</h3>
              <p>{t(`landing.principles.${principle}.body`)}</p>
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}
