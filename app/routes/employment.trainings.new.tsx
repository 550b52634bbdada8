import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { TrainingOfferForm } from "~/components/employment/OfferForms";
import { listDistricts } from "~/domains/employment/enterprise.server";
import { createTrainingOffer } from "~/domains/employment/offers.server";
import { trainingOfferSchema } from "~/domains/employment/validation";
import { i18nServer } from "~/i18n.server";
import { getDb } from "~/utils/db.server";
import { employmentActorOf, employmentRefusal, parseEmploymentForm } from "~/utils/employment.server";
import { requirePermission } from "~/utils/permissions.server";
import { readFormData } from "~/utils/forms.server";

export const handle = { i18n: ["common", "employment"] };

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "manage:employment-offer:organization");
  const t = await i18nServer.getFixedT(request, "employment");
  return {
    title: t("training.newTitle"),
    districts: await listDistricts(await getDb()),
    districtId: user.actor.districtId,
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export async function action({ request }: ActionFunctionArgs) {
  const user = await requirePermission(request, "manage:employment-offer:organization");
  const formData = await readFormData(request);
  const parsed = parseEmploymentForm(formData, trainingOfferSchema);
  if (!parsed.success) return parsed.failure;
  const result = await createTrainingOffer(await getDb(), {
    actor: employmentActorOf(user, request),
    offer: parsed.data,
  });
  if (!result.ok) {
    if (result.notFound) throw new Response("Not Found", { status: 404 });
    return employmentRefusal(formData, result);
  }
  return redirect(`/employment/trainings/${result.id}`);
}

export default function NewTrainingOffer() {
  const { t } = useTranslation("employment");
  const data = useLoaderData<typeof loader>();
  const state = useActionData<typeof action>();
  return (
    <section className="container page page--narrow">
      <h1>{data.title}</h1>
      <p>{t("training.newLead")}</p>
      <div className="panel">
        <TrainingOfferForm
          state={state}
          districts={data.districts}
          initial={{ districtId: data.districtId }}
          submitLabel={t("job.saveDraft")}
        />
      </div>
    </section>
  );
}
