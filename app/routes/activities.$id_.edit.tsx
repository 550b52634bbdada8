import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Notice } from "~/components/Notice";
import { ActivityForm } from "~/components/volunteers/ActivityForm";
import {
  getActivityForOrganizer,
  officesForOrganizer,
  updateActivity,
} from "~/domains/volunteers/activities.server";
import { requireOrganizer } from "~/utils/organizer.server";
import { activityFormRefusal, parseActivityForm } from "~/utils/activity-form.server";
import { toShanghaiInputValue } from "~/domains/volunteers/activity-time";
import { i18nServer } from "~/i18n.server";
import { getDb } from "~/utils/db.server";
import { notFound } from "~/utils/permissions.server";
import * as clock from "~/utils/clock.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { uuidParam } from "~/utils/params.server";

export const handle = { i18n: ["common", "activities", "validation"] };

/** The organizer's own activity, or 404: another office's or organization's is not revealed. */
async function loadOwnActivity(request: Request, id: string) {
  const organizer = await requireOrganizer(request);
  const activity = await getActivityForOrganizer(await getDb(), id, organizer.scope, organizer.actor);
  if (!activity) notFound();
  return { ...organizer, activity };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { scope, actor, activity } = await loadOwnActivity(request, uuidParam(params));
  const offices = await officesForOrganizer(await getDb(), scope, actor);
  const t = await i18nServer.getFixedT(request, "activities");
  const editable = activity.status === "scheduled" && activity.startsAt.getTime() > clock.nowMs();
  return {
    title: t("edit.title", { title: activity.title }),
    id: activity.id,
    editable,
    confirmedCount: activity.confirmedCount,
    offices,
    minStart: toShanghaiInputValue(clock.now()),
    initial: {
      title: activity.title,
      description: activity.description,
      category: activity.category,
      officeId: activity.officeId,
      place: activity.place,
      startsAt: toShanghaiInputValue(activity.startsAt),
      endsAt: toShanghaiInputValue(activity.endsAt),
      capacity: String(activity.capacity),
      requiredSkills: activity.requiredSkills.join(","),
      requiredQualification: activity.requiredQualification ?? "",
      insuranceRequired: activity.insuranceRequired ? "on" : "",
    },
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export async function action({ request, params }: ActionFunctionArgs) {
  const { scope, actor, activity } = await loadOwnActivity(request, uuidParam(params));
  const parsed = await parseActivityForm(request);
  if (!parsed.success) return parsed.failure;
  const result = await updateActivity(await getDb(), {
    id: activity.id,
    actor,
    scope,
    activity: parsed.data,
  });
  if (!result.ok) {
    if (result.notFound) notFound();
    return activityFormRefusal(parsed.values, result);
  }
  return redirectWithFlash(request, `/activities/${activity.id}`, {
    kind: "success",
    message: "activities:detail.updated",
  });
}

export default function EditActivity() {
  const { t } = useTranslation("activities");
  const data = useLoaderData<typeof loader>();
  return (
    <section className="container page page--narrow">
      <h1>{data.title}</h1>
      <p>
        <Link to={`/activities/${data.id}`}>{t("edit.back")}</Link>
      </p>
      {data.editable ? (
        <>
          <p>{t("edit.lead", { confirmed: data.confirmedCount })}</p>
          <div className="panel">
            <ActivityForm
              offices={data.offices}
              minStart={data.minStart}
              submitLabel={t("edit.submit")}
              initial={data.initial}
            />
          </div>
        </>
      ) : (
        <Notice>{t("edit.notEditable")}</Notice>
      )}
    </section>
  );
}
