import { z } from "zod";
import { ActivityFacts, activityFields, activitySample } from "../components/activity";
import { ActionButton, EmailLayout, Paragraph } from "../components/layout";
import { defineEmail } from "../define";

const key = (name: string) => `email.activity-withdrawal.${name}`;

/** To the organizer's people: a volunteer withdrew (and who took the place from the waitlist). */
export const activityWithdrawal = defineEmail({
  schema: z.object({
    ...activityFields,
    volunteerName: z.string().min(1),
    volunteerNumber: z.string().nullish(),
    promotedName: z.string().nullish(),
    placesLeft: z.number().int().nonnegative(),
  }),
  security: false,
  audience: ["provider", "staff"],
  subject: (t) => t(key("subject")),
  preview: (t) => t(key("preview")),
  element: (context, data) => {
    const { t } = context;
    const volunteer = data.volunteerNumber
      ? `${data.volunteerName}（${data.volunteerNumber}）`
      : data.volunteerName;
    return (
      <EmailLayout context={context} preview={t(key("preview"))} heading={t(key("heading"))} security={false}>
        <Paragraph>{t(key("intro"), { volunteer })}</Paragraph>
        <ActivityFacts context={context} data={data} />
        <Paragraph>
          {data.promotedName
            ? t(key("promoted"), { name: data.promotedName })
            : t(key("placesLeft"), { places: data.placesLeft })}
        </Paragraph>
        <ActionButton context={context} href={data.url} label={t(key("button"))} />
      </EmailLayout>
    );
  },
  sample: {
    ...activitySample,
    volunteerName: "王晓燕",
    volunteerNumber: "V2026000123",
    promotedName: "李明",
    placesLeft: 0,
  },
});
