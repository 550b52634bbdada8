import { useTranslation } from "react-i18next";
import { MultilineText } from "~/components/MultilineText";
import { formatActivityPeriod } from "~/domains/volunteers/activity-time";
import { listOf } from "~/utils/list-format";

/** What the activity page shows of an activity (its loader's serialized view). */
export interface ActivityView {
  id: string;
  title: string;
  description: string;
  category: string;
  place: string;
  officeName: string;
  organizerName: string;
  startsAt: string;
  endsAt: string;
  capacity: number;
  confirmedCount: number;
  waitlisted: number;
  requiredSkills: string[];
  requiredQualification: string | null;
  insuranceRequired: boolean;
  status: string;
  cancelReason: string | null;
  started: boolean;
}

export const placesLeftOf = (activity: Pick<ActivityView, "capacity" | "confirmedCount">) =>
  Math.max(0, activity.capacity - activity.confirmedCount);

/** Time, place, organizer, places and requirements, then the description. */
export function ActivityDetails({ activity }: { activity: ActivityView }) {
  const { t, i18n } = useTranslation("activities");
  const placesLeft = placesLeftOf(activity);
  return (
    <>
      <dl className="facts">
        <dt>{t("fields.time")}</dt>
        <dd>
          {formatActivityPeriod(activity.startsAt, activity.endsAt, i18n.language)} {t("detail.beijingTime")}
        </dd>
        <dt>{t("fields.place")}</dt>
        <dd>
          {activity.place} · {activity.officeName}
        </dd>
        <dt>{t("fields.organizer")}</dt>
        <dd>{activity.organizerName}</dd>
        <dt>{t("fields.category")}</dt>
        <dd>{t(`categories.${activity.category}`)}</dd>
        <dt>{t("fields.places")}</dt>
        <dd>
          {placesLeft > 0
            ? t("places.left", { left: placesLeft, capacity: activity.capacity })
            : t("places.full", { capacity: activity.capacity })}
          {activity.waitlisted > 0 ? ` · ${t("places.waitlist", { waitlisted: activity.waitlisted })}` : ""}
        </dd>
        {activity.requiredSkills.length > 0 ? (
          <>
            <dt>{t("fields.requiredSkills")}</dt>
            <dd>
              {listOf(
                activity.requiredSkills.map((skill) => t(`skills.${skill}`)),
                i18n.language,
              )}
            </dd>
          </>
        ) : null}
        {activity.requiredQualification ? (
          <>
            <dt>{t("fields.requiredQualification")}</dt>
            <dd>{t(`qualifications.${activity.requiredQualification}`)}</dd>
          </>
        ) : null}
        <dt>{t("fields.insuranceRequired")}</dt>
        <dd>{activity.insuranceRequired ? t("detail.yes") : t("detail.no")}</dd>
      </dl>
      <section className="section" aria-labelledby="description-title">
        <h2 id="description-title">{t("fields.description")}</h2>
        <MultilineText text={activity.description} />
      </section>
    </>
  );
}
