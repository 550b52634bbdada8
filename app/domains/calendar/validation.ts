import { z } from "zod";
import { CALENDAR_NAME_MAX_LENGTH, CALENDAR_YEAR_MAX, CALENDAR_YEAR_MIN } from "./limits";
import { calendarDayKinds, isWeekend } from "./working-days";

/** The years the calendar page and its form accept. */
export { CALENDAR_NAME_MAX_LENGTH, CALENDAR_YEAR_MAX, CALENDAR_YEAR_MIN } from "./limits";

const calendarDate = z
  .string({ error: "calendar:errors.dayRequired" })
  .trim()
  .min(1, { error: "calendar:errors.dayRequired" })
  .pipe(z.iso.date({ error: "calendar:errors.dayInvalid" }))
  .refine(
    (day) => {
      const year = Number(day.slice(0, 4));
      return year >= CALENDAR_YEAR_MIN && year <= CALENDAR_YEAR_MAX;
    },
    { error: "calendar:errors.dayOutOfRange" },
  );

/** One exception of the working-day calendar, as the admin form posts it. */
export const calendarDaySchema = z
  .object({
    day: calendarDate,
    kind: z.enum(calendarDayKinds, { error: "calendar:errors.kindInvalid" }),
    name: z
      .string({ error: "calendar:errors.nameRequired" })
      .trim()
      .min(1, { error: "calendar:errors.nameRequired" })
      .max(CALENDAR_NAME_MAX_LENGTH, { error: "calendar:errors.nameTooLong" }),
  })
  // A weekday is a working day anyway: a make-up day (调休) is always a Saturday or Sunday. Checked
  // whenever the date itself is valid, so a wrong name does not hide it (every error at once).
  .check(
    z.refine((value) => value.kind !== "workday" || isWeekend(value.day), {
      error: "calendar:errors.workdayOnWeekday",
      path: ["kind"],
      when: (payload) => {
        const value = payload.value as { day?: unknown; kind?: unknown };
        return (
          value.kind === "workday" &&
          typeof value.day === "string" &&
          !payload.issues.some((issue) => issue.path?.[0] === "day")
        );
      },
    }),
  );
export type CalendarDayInput = z.infer<typeof calendarDaySchema>;

export const calendarRemovalSchema = z.object({ day: calendarDate });

/** `?year=` of the page: a year in range, or none. */
export const calendarYearSchema = z.coerce
  .number()
  .int()
  .min(CALENDAR_YEAR_MIN)
  .max(CALENDAR_YEAR_MAX)
  .optional()
  .catch(undefined);
