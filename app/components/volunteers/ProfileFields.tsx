import { useTranslation } from "react-i18next";
import { FieldErrorMessage, FieldHint } from "~/components/form/FieldParts";
import { useField } from "~/components/form/field-state";
import { dayParts, weekDays } from "~/domains/volunteers/volunteer-profile";

/**
 * The volunteer profile's own fields, inside a <ValidatedForm>: offices grouped by district and the
 * weekly availability grid. Each registers with react-hook-form and shows its error and, after a
 * refusal, what was posted (also with JavaScript off), like the shared fields in ~/components/form.
 */

export interface OfficeGroup {
  districtId: string;
  districtName: string;
  offices: { id: string; name: string }[];
}

/** Offices from a flat, district-ordered list into one group per district. */
export function groupOffices(
  offices: { id: string; name: string; districtId: string; districtName: string }[],
): OfficeGroup[] {
  const groups: OfficeGroup[] = [];
  for (const office of offices) {
    let group = groups.at(-1);
    if (!group || group.districtId !== office.districtId) {
      group = { districtId: office.districtId, districtName: office.districtName, offices: [] };
      groups.push(group);
    }
    group.offices.push({ id: office.id, name: office.name });
  }
  return groups;
}

/** What a multi-value field shows ticked: the posted values after a refusal, else the stored ones. */
function selectedOf(field: ReturnType<typeof useField>, stored: readonly string[]): readonly string[] {
  if (!field.echo) return stored;
  const echoed = field.echoed;
  return Array.isArray(echoed) ? (echoed as string[]) : typeof echoed === "string" ? [echoed] : [];
}

/** Service offices as checkboxes, one group per district. */
export function OfficeCheckboxes({
  name,
  legend,
  groups,
  checked,
  exclude,
}: {
  name: string;
  legend: string;
  groups: OfficeGroup[];
  checked: readonly string[];
  exclude?: string;
}) {
  const { t } = useTranslation("volunteers");
  const field = useField(name);
  const selected = selectedOf(field, checked);
  return (
    <fieldset
      className={`preferences${field.error ? " field--invalid" : ""}`}
      id={field.id}
      tabIndex={-1}
      aria-describedby={field.describedBy}
    >
      <legend>{legend}</legend>
      {groups.length === 0 ? <p className="field__hint">{t("profile.noOffices")}</p> : null}
      {groups.map((group) => (
        <div key={group.districtId} className="checkbox-group">
          <p className="checkbox-group__title">{group.districtName}</p>
          <div className="checkbox-grid">
            {group.offices
              .filter((office) => office.id !== exclude)
              .map((office) => (
                <div key={office.id} className="checkbox">
                  <input
                    id={`${field.id}-${office.id}`}
                    type="checkbox"
                    value={office.id}
                    defaultChecked={selected.includes(office.id)}
                    {...field.register(name)}
                  />
                  <label htmlFor={`${field.id}-${office.id}`}>{office.name}</label>
                </div>
              ))}
          </div>
        </div>
      ))}
      <FieldErrorMessage id={field.id} error={field.error} />
    </fieldset>
  );
}

/** The home office: a select with one option group per district. */
export function OfficeSelect({
  name,
  label,
  hint,
  groups,
  value,
}: {
  name: string;
  label: string;
  hint?: string;
  groups: OfficeGroup[];
  value: string;
}) {
  const { t } = useTranslation("volunteers");
  const field = useField(name, Boolean(hint));
  return (
    <div className={`field${field.error ? " field--invalid" : ""}`}>
      <label htmlFor={field.id}>{label}</label>
      <FieldHint id={field.id}>{hint}</FieldHint>
      <select
        id={field.id}
        aria-invalid={field.error ? true : undefined}
        aria-describedby={field.describedBy}
        {...field.register(name)}
        defaultValue={typeof field.echoed === "string" ? field.echoed : value}
      >
        <option value="">{t("profile.chooseOffice")}</option>
        {groups.map((group) => (
          <optgroup key={group.districtId} label={group.districtName}>
            {group.offices.map((office) => (
              <option key={office.id} value={office.id}>
                {office.name}
              </option>
            ))}
          </optgroup>
        ))}
      </select>
      <FieldErrorMessage id={field.id} error={field.error} />
    </div>
  );
}

/** Seven days × morning / afternoon / evening, as a table of checkboxes (`mon-am` …). */
export function AvailabilityGrid({
  legend,
  hint,
  checked,
}: {
  legend: string;
  hint?: string;
  checked: readonly string[];
}) {
  const { t } = useTranslation("volunteers");
  const field = useField("availability", Boolean(hint));
  const selected = selectedOf(field, checked);
  return (
    <fieldset
      className={`preferences${field.error ? " field--invalid" : ""}`}
      id={field.id}
      tabIndex={-1}
      aria-describedby={field.describedBy}
    >
      <legend>{legend}</legend>
      <FieldHint id={field.id}>{hint}</FieldHint>
      <table className="availability-grid">
        <thead>
          <tr>
            <td />
            {dayParts.map((part) => (
              <th key={part} scope="col">
                {t(`parts.${part}`)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {weekDays.map((day) => (
            <tr key={day}>
              <th scope="row">{t(`days.${day}`)}</th>
              {dayParts.map((part) => {
                const value = `${day}-${part}`;
                return (
                  <td key={part}>
                    <input
                      type="checkbox"
                      value={value}
                      defaultChecked={selected.includes(value)}
                      aria-label={t("slot", { day: t(`days.${day}`), part: t(`parts.${part}`) })}
                      {...field.register("availability")}
                    />
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
      <FieldErrorMessage id={field.id} error={field.error} />
    </fieldset>
  );
}
