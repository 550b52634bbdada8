import type { ReactNode } from "react";
import { FieldErrorMessage, FieldHint } from "./FieldParts";
import { useField } from "./field-state";

/** Hours and minutes in two boxes; the error (key `name`, default `duration`) belongs to both. */
export function DurationField({
  name = "duration",
  legend,
  hint,
  hoursLabel,
  minutesLabel,
  defaults,
}: {
  name?: string;
  legend: ReactNode;
  hint?: ReactNode;
  hoursLabel: ReactNode;
  minutesLabel: ReactNode;
  defaults?: { hours: number; minutes: number };
}) {
  const group = useField(name, Boolean(hint));
  const hours = useField("hours");
  const minutes = useField("minutes");
  const error = group.error ?? hours.error ?? minutes.error;
  const describedBy = [hint ? `${group.id}-hint` : null, error ? `${group.id}-error` : null]
    .filter(Boolean)
    .join(" ");
  const box = (field: typeof hours, part: "hours" | "minutes", label: ReactNode) => (
    <>
      <label htmlFor={field.id}>{label}</label>
      <input
        id={field.id}
        inputMode="numeric"
        size={4}
        maxLength={4}
        autoComplete="off"
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy || undefined}
        {...field.register(part)}
        defaultValue={
          typeof field.echoed === "string" ? field.echoed : defaults ? String(defaults[part]) : undefined
        }
      />
    </>
  );
  return (
    <fieldset className={`field${error ? " field--invalid" : ""}`} id={group.id} tabIndex={-1}>
      <legend>{legend}</legend>
      <FieldHint id={group.id}>{hint}</FieldHint>
      <div className="form--inline">
        {box(hours, "hours", hoursLabel)}
        {box(minutes, "minutes", minutesLabel)}
      </div>
      <FieldErrorMessage id={group.id} error={error} />
    </fieldset>
  );
}
