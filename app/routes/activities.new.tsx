import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ActivityForm } from "~/components/volunteers/ActivityForm";
import { createActivity, officesForOrganizer } from "~/domains/volunteers/activities.server";
import { requireOrganizer } from "~/utils/organizer.server";
import { activityFormRefusal, parseActivityForm } from "~/utils/activity-form.server";
import { toShanghaiInputValue } from "~/domains/volunteers/activity-time";
import { i18nServer } from "~/i18n.server";
import { getDb } from "~/utils/db.server";
import * as clock from "~/utils/clock.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { createOnce } from "~/domains/submissions.server";
import { submissionFailure } from "~/utils/forms.server";
import { newSubmissionKey, submissionKeyOf } from "~/utils/submission-key.server";

export const handle = { i18n: ["common", "activities", "validation"] };

export async function loader({ request }: LoaderFunctionArgs) {
  const { scope, actor } = await requireOrganizer(request);
  const offices = await officesForOrganizer(await getDb(), scope, actor);
  const t = await i18nServer.getFixedT(request, "activities");
  return {
    title: t("new.title"),
    offices,
    minStart: toShanghaiInputValue(clock.now()),
    submissionKey: newSubmissionKey(),
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export async function action({ request }: ActionFunctionArgs) {
  const { scope, actor } = await requireOrganizer(request);
  const parsed = await parseActivityForm(request);
  if (!parsed.success) return parsed.failure;
  const key = submissionKeyOf(parsed.formData);
  if (!key) return submissionFailure(parsed.values, {}, { formError: "validation:form.invalid" });
  const once = await createOnce(
    await getDb(),
    { userId: actor.id, key, entity: "activity" },
    (db) => createActivity(db, { actor, scope, activity: parsed.data }),
    (created) => (created.ok ? created.id : null),
  );
  if (once.replayed)
    return redirectWithFlash(request, `/activities/${once.entityId}`, {
      kind: "success",
      message: "activities:detail.created",
    });
  const result = once.result;
  if (!result.ok) {
    if (result.notFound) throw new Response("Not Found", { status: 404 });
    return activityFormRefusal(parsed.values, result);
  }
  return redirectWithFlash(request, `/activities/${result.id}`, {
    kind: "success",
    message: "activities:detail.created",
  });
}

export default function NewActivity() {
  const { t } = useTranslation("activities");
  const data = useLoaderData<typeof loader>();
  return (
    <section className="container page page--narrow">
      <h1>{data.title}</h1>
      <p>{t("new.lead")}</p>
      <div className="panel">
        <ActivityForm
          offices={data.offices}
          minStart={data.minStart}
          submitLabel={t("new.submit")}
          submissionKey={data.submissionKey}
          initial={{
            title: "",
            description: "",
            category: "community",
            officeId: data.offices.length === 1 ? data.offices[0]!.id : "",
            place: "",
            startsAt: "",
            endsAt: "",
            capacity: "10",
            requiredSkills: "",
            requiredQualification: "",
            insuranceRequired: "",
          }}
        />
      </div>
    </section>
  );
}
