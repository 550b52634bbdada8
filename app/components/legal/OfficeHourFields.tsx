import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { TextField } from "~/components/form/fields";

/**
 * The daily time range of office hours, in Beijing time: a rule's hours (legal.office-hours.new) and
 * an extra range of one date (legal.office-hours.$id) are typed the same way and checked by the same
 * schema rules (`legal:validation.time`, `legal:validation.timeOrder`).
 */
export function OfficeHourTimeFields({
  hint,
  required = false,
  defaultStart,
  defaultEnd,
}: {
  hint?: ReactNode;
  required?: boolean;
  defaultStart?: string;
  defaultEnd?: string;
}) {
  const { t } = useTranslation("legal");
  return (
    <>
      <TextField
        name="startTime"
        type="time"
        label={t("fields.startTime")}
        hint={hint}
        required={required}
        defaultValue={defaultStart}
      />
      <TextField
        name="endTime"
        type="time"
        label={t("fields.endTime")}
        required={required}
        defaultValue={defaultEnd}
      />
    </>
  );
}

/** The weekday codes of RRULE's BYDAY, Monday first. */
export const weekdayCodes = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"] as const;
