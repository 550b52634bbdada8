import { z } from "zod";
import { ActivityFacts, activityFields, activitySample } from "../components/activity";
import { ActionButton, EmailLayout, Paragraph } from "../components/layout";
import { defineEmail } from "../define";
import { formatShanghaiTime } from "../i18n";

const key = (name: string) => `email.activity-changed.${name}`;

/** The time or the place of an activity the volunteer signed up for (or waits for) changed. */
export const activityChanged = defineEmail({
  schema: z.object({
    ...activityFields,
    previousStartsAt: z.iso.datetime({ offset: true }),
    previousEndsAt: z.iso.datetime({ offset: true }),
    previousPlace: z.string().min(1),
  }),
  security: false,
  audience: ["volunteer"],
  subject: (t) => t(key("subject")),
  preview: (t) => t(key("preview")),
  element: (context, data) => {
    const { t, language } = context;
    const timeChanged = data.previousStartsAt !== data.startsAt || data.previousEndsAt !== data.endsAt;
    return (
      <EmailLayout context={context} preview={t(key("preview"))} heading={t(key("heading"))} security={false}>
        <Paragraph>{t(key("intro"))}</Paragraph>
        <ActivityFacts context={context} data={data} />
        {timeChanged ? (
          <Paragraph>
            {t(key("previousTime"), {
              start: formatShanghaiTime(data.previousStartsAt, language),
              end: formatShanghaiTime(data.previousEndsAt, language),
            })}
          </Paragraph>
        ) : null}
        {data.previousPlace !== data.place ? (
          <Paragraph>{t(key("previousPlace"), { place: data.previousPlace })}</Paragraph>
        ) : null}
        <Paragraph>{t(key("withdraw"))}</Paragraph>
        <ActionButton context={context} href={data.url} label={t(key("button"))} />
      </EmailLayout>
    );
  },
  sample: {
    ...activitySample,
    previousStartsAt: "2026-05-15T01:30:00.000Z",
    previousEndsAt: "2026-05-15T04:00:00.000Z",
    previousPlace: "城关司法所一楼大厅",
  },
});
