import { z } from "zod";
import { calendarDayKinds, isWeekend } from "./working-days";

/** The years the calendar page and its form accept. */
export const CALENDAR_YEAR_MIN = 2000;
export const CALENDAR_YEAR_MAX = 2100;

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
      .max(50, { error: "calendar:errors.nameTooLong" }),
  })
  // A weekday is a working day anyway: a make-up day (调休) is always a Saturday or Sunday.
  .refine((value) => value.kind !== "workday" || isWeekend(value.day), {
    error: "calendar:errors.workdayOnWeekday",
    path: ["kind"],
  });
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
