import { z } from "zod";
import {
  ACTIVITY_CAPACITY_MAX,
  ACTIVITY_DESCRIPTION_MAX,
  ACTIVITY_MAX_MINUTES,
  ACTIVITY_PLACE_MAX,
  ACTIVITY_TITLE_MAX,
  CANCEL_REASON_MAX,
  activityCategories,
  qualificationKinds,
  volunteerSkills,
} from "./activity-options";
import { parseShanghaiDateTime } from "./activity-time";

export {
  ACTIVITY_DESCRIPTION_MAX,
  ACTIVITY_PLACE_MAX,
  ACTIVITY_TITLE_MAX,
  CANCEL_REASON_MAX,
} from "./activity-options";

const shanghaiDateTime = z
  .string({ error: "validation:activityTime.invalid" })
  .transform((value, context) => {
    const instant = parseShanghaiDateTime(value);
    if (!instant) {
      context.addIssue({ code: "custom", message: "validation:activityTime.invalid" });
      return z.NEVER;
    }
    return instant;
  });

/**
 * The activity form. Parse `{ ...Object.fromEntries(formData), requiredSkills: formData.getAll(…) }`:
 * skills are several checkboxes. Times are Beijing `datetime-local` values; "not in the past" and
 * "capacity not below the confirmed sign-ups" depend on the stored activity and are checked by the
 * domain (activities.server.ts).
 */
export const activitySchema = z
  .object({
    title: z
      .string({ error: "validation:activityTitle.required" })
      .trim()
      .min(2, { error: "validation:activityTitle.required" })
      .max(ACTIVITY_TITLE_MAX, { error: "validation:activityTitle.tooLong" }),
    description: z
      .string({ error: "validation:activityDescription.required" })
      .trim()
      .min(2, { error: "validation:activityDescription.required" })
      .max(ACTIVITY_DESCRIPTION_MAX, { error: "validation:activityDescription.tooLong" }),
    category: z.enum(activityCategories, { error: "validation:activityCategory.invalid" }),
    place: z
      .string({ error: "validation:activityPlace.required" })
      .trim()
      .min(2, { error: "validation:activityPlace.required" })
      .max(ACTIVITY_PLACE_MAX, { error: "validation:activityPlace.tooLong" }),
    officeId: z.uuid({ error: "validation:activityOffice.required" }),
    startsAt: shanghaiDateTime,
    endsAt: shanghaiDateTime,
    capacity: z.coerce
      .number({ error: "validation:activityCapacity.invalid" })
      .int({ error: "validation:activityCapacity.invalid" })
      .min(1, { error: "validation:activityCapacity.invalid" })
      .max(ACTIVITY_CAPACITY_MAX, { error: "validation:activityCapacity.invalid" }),
    requiredSkills: z
      .array(z.enum(volunteerSkills, { error: "validation:activitySkills.invalid" }))
      .max(volunteerSkills.length, { error: "validation:activitySkills.invalid" })
      .transform((skills) => [...new Set(skills)]),
    requiredQualification: z
      .union([z.literal(""), z.enum(qualificationKinds)], {
        error: "validation:activityQualification.invalid",
      })
      .optional()
      .transform((value) => (value ? value : null)),
    insuranceRequired: z
      .string()
      .optional()
      .transform((value) => value === "on" || value === "true"),
  })
  .superRefine((value, context) => {
    if (value.endsAt.getTime() <= value.startsAt.getTime()) {
      context.addIssue({
        code: "custom",
        path: ["endsAt"],
        message: "validation:activityTime.endBeforeStart",
      });
    } else if (value.endsAt.getTime() - value.startsAt.getTime() > ACTIVITY_MAX_MINUTES * 60_000) {
      context.addIssue({ code: "custom", path: ["endsAt"], message: "validation:activityTime.tooLong" });
    }
  });
export type ActivityInput = z.infer<typeof activitySchema>;

export const cancelActivitySchema = z.object({
  reason: z
    .string({ error: "validation:cancelReason.required" })
    .trim()
    .min(2, { error: "validation:cancelReason.required" })
    .max(CANCEL_REASON_MAX, { error: "validation:cancelReason.tooLong" }),
});
