import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useTranslation } from "react-i18next";
import { i18nServer } from "~/i18n.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const t = await i18nServer.getFixedT(request);
  return { title: t("landing.title"), description: t("app.tagline") };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data?.title },
  { name: "description", content: data?.description },
];

const audiences = ["volunteer", "enterprise", "lawFirm", "organization", "staff"] as const;
const steps = ["need", "match", "refer", "follow"] as const;
const principles = ["privacy", "fairness", "records"] as const;

export default function Landing() {
  const { t } = useTranslation();
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
