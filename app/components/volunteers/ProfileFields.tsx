import { useTranslation } from "react-i18next";
import { dayParts, weekDays } from "~/domains/volunteers/volunteer-profile";

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

function FieldError({ id, error }: { id: string; error?: string }) {
  const { t } = useTranslation(["common", "validation"]);
  if (!error) return null;
  return (
    <p className="field__error" id={id} role="alert">
      {t(error)}
    </p>
  );
}

/** A fieldset of checkboxes sharing one name; `checked` are the values ticked. */
export function CheckboxGroup({
  name,
  legend,
  hint,
  options,
  checked,
  error,
}: {
  name: string;
  legend: string;
  hint?: string;
  options: { value: string; label: string }[];
  checked: readonly string[];
  error?: string;
}) {
  const describedBy = [hint ? `field-${name}-hint` : null, error ? `field-${name}-error` : null]
    .filter(Boolean)
    .join(" ");
  return (
    <fieldset
      className={`preferences${error ? " field--invalid" : ""}`}
      aria-describedby={describedBy || undefined}
    >
      <legend>{legend}</legend>
      {hint ? (
        <p className="field__hint" id={`field-${name}-hint`}>
          {hint}
        </p>
      ) : null}
      <div className="checkbox-grid">
        {options.map((option) => (
          <div key={option.value} className="checkbox">
            <input
              id={`field-${name}-${option.value}`}
              type="checkbox"
              name={name}
              value={option.value}
              defaultChecked={checked.includes(option.value)}
            />
            <label htmlFor={`field-${name}-${option.value}`}>{option.label}</label>
          </div>
        ))}
      </div>
      <FieldError id={`field-${name}-error`} error={error} />
    </fieldset>
  );
}

/** Service offices as checkboxes, one group per district. */
export function OfficeCheckboxes({
  name,
  legend,
  groups,
  checked,
  error,
  exclude,
}: {
  name: string;
  legend: string;
  groups: OfficeGroup[];
  checked: readonly string[];
  error?: string;
  exclude?: string;
}) {
  const { t } = useTranslation("volunteers");
  return (
    <fieldset
      className={`preferences${error ? " field--invalid" : ""}`}
      aria-describedby={error ? `field-${name}-error` : undefined}
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
                    id={`field-${name}-${office.id}`}
                    type="checkbox"
                    name={name}
                    value={office.id}
                    defaultChecked={checked.includes(office.id)}
                  />
                  <label htmlFor={`field-${name}-${office.id}`}>{office.name}</label>
                </div>
              ))}
          </div>
        </div>
      ))}
      <FieldError id={`field-${name}-error`} error={error} />
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
  error,
}: {
  name: string;
  label: string;
  hint?: string;
  groups: OfficeGroup[];
  value: string;
  error?: string;
}) {
  const { t } = useTranslation("volunteers");
  const id = `field-${name}`;
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ");
  return (
    <div className={`field${error ? " field--invalid" : ""}`}>
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <p className="field__hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      <select
        id={id}
        name={name}
        defaultValue={value}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy || undefined}
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
      <FieldError id={`${id}-error`} error={error} />
    </div>
  );
}

/** Seven days × morning / afternoon / evening, as a table of checkboxes (`mon-am` …). */
export function AvailabilityGrid({
  legend,
  hint,
  checked,
  error,
}: {
  legend: string;
  hint?: string;
  checked: readonly string[];
  error?: string;
}) {
  const { t } = useTranslation("volunteers");
  return (
    <fieldset
      className={`preferences${error ? " field--invalid" : ""}`}
      aria-describedby={
        [hint ? "field-availability-hint" : null, error ? "field-availability-error" : null]
          .filter(Boolean)
          .join(" ") || undefined
      }
    >
      <legend>{legend}</legend>
      {hint ? (
        <p className="field__hint" id="field-availability-hint">
          {hint}
        </p>
      ) : null}
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
                      name="availability"
                      value={value}
                      defaultChecked={checked.includes(value)}
                      aria-label={t("slot", { day: t(`days.${day}`), part: t(`parts.${part}`) })}
                    />
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
      <FieldError id="field-availability-error" error={error} />
    </fieldset>
  );
}
