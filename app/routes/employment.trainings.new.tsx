import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { TrainingOfferForm } from "~/components/employment/OfferForms";
import { listDistricts } from "~/domains/employment/enterprise.server";
import { createTrainingOffer } from "~/domains/employment/offers.server";
import { trainingOfferSchema } from "~/domains/employment/validation";
import { createOnce } from "~/domains/submissions.server";
import { i18nServer } from "~/i18n.server";
import { getDb } from "~/utils/db.server";
import { employmentActorOf, employmentRefusal } from "~/utils/employment.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { parseSubmission, submissionFailure } from "~/utils/forms.server";
import { notFound, requirePermission } from "~/utils/permissions.server";
import { newSubmissionKey, submissionKeyOf } from "~/utils/submission-key.server";

export const handle = { i18n: ["common", "employment", "validation"] };

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "manage:employment-offer:organization");
  const t = await i18nServer.getFixedT(request, "employment");
  return {
    title: t("training.newTitle"),
    districts: await listDistricts(await getDb()),
    districtId: user.actor.districtId,
    submissionKey: newSubmissionKey(),
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export async function action({ request }: ActionFunctionArgs) {
  const user = await requirePermission(request, "manage:employment-offer:organization");
  const parsed = await parseSubmission(request, trainingOfferSchema);
  if (!parsed.success) return parsed.failure;
  const key = submissionKeyOf(parsed.formData);
  if (!key) return submissionFailure(parsed.values, {}, { formError: "validation:form.invalid" });
  // One offer per rendered form, however often it is sent (double click, retry, replay).
  const once = await createOnce(
    await getDb(),
    { userId: user.id, key, entity: "training-offer" },
    (db) => createTrainingOffer(db, { actor: employmentActorOf(user, request), offer: parsed.data }),
    (result) => (result.ok ? result.id : null),
  );
  const saved = (id: string) =>
    redirectWithFlash(request, `/employment/trainings/${id}`, {
      kind: "success",
      message: "employment:done.trainingCreated",
    });
  if (once.replayed) return saved(once.entityId);
  const result = once.result;
  if (result.ok) return saved(result.id);
  if (result.notFound) notFound();
  return employmentRefusal(parsed.values, result);
}

export default function NewTrainingOffer() {
  const { t } = useTranslation("employment");
  const data = useLoaderData<typeof loader>();
  return (
    <section className="container page page--narrow">
      <h1>{data.title}</h1>
      <p>{t("training.newLead")}</p>
      <div className="panel">
        <TrainingOfferForm
          districts={data.districts}
          initial={{ districtId: data.districtId }}
          submitLabel={t("job.saveDraft")}
          submissionKey={data.submissionKey}
        />
      </div>
    </section>
  );
}
