import { z } from "zod";
import { linkSchema } from "../define";
import { formatShanghaiTime } from "../i18n";
import type { EmailContext } from "./layout";
import { Paragraph } from "./layout";

/** What every activity email says about the activity; times are UTC instants shown in Beijing time. */
export const activityFields = {
  activityTitle: z.string().min(1),
  startsAt: z.iso.datetime({ offset: true }),
  endsAt: z.iso.datetime({ offset: true }),
  place: z.string().min(1),
  /** The activity's page, e.g. `/activities/<id>`. */
  url: linkSchema,
};

export const activitySample = {
  activityTitle: "社区普法宣传：《民法典》进社区",
  startsAt: "2026-05-16T01:30:00.000Z",
  endsAt: "2026-05-16T04:00:00.000Z",
  place: "城关司法所二楼会议室",
  url: "/activities/6f1c2a8e-3b4d-4c5e-9f60-718293a4b5c6",
};

/** Title, time and place, one line each (the activity keys live in `email.activity.*`). */
export function ActivityFacts({
  context,
  data,
}: {
  context: EmailContext;
  data: { activityTitle: string; startsAt: string; endsAt: string; place: string };
}) {
  const { t, language } = context;
  return (
    <>
      <Paragraph>{t("email.activity.title", { title: data.activityTitle })}</Paragraph>
      <Paragraph>
        {t("email.activity.time", {
          start: formatShanghaiTime(data.startsAt, language),
          end: formatShanghaiTime(data.endsAt, language),
        })}
      </Paragraph>
      <Paragraph>{t("email.activity.place", { place: data.place })}</Paragraph>
    </>
  );
}
