import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { FieldErrorMessage, FieldHint } from "~/components/form/FieldParts";
import { useField } from "~/components/form/field-state";
import { categoryLabel, serviceCategories } from "~/domains/matching/taxonomy";

/**
 * The two grouped tick-box fields of the provider declaration, on the shared form state (the shared
 * CheckboxGroupField is one flat list): categories grouped under their top-level category, and the
 * service area (the whole district, or some of its offices). Each posts a checkbox group, ticks what
 * is saved (or what was posted, after a refusal) and shows its translated error. As in the shared
 * field, `defaultChecked` comes after the registration: remix-hook-form's register adds a
 * `defaultChecked` of its own (undefined for a group), which would otherwise untick every box.
 */

/** What is ticked: the echo of a refused post, else the saved declaration. */
function ticked(field: ReturnType<typeof useField>, saved: readonly string[]): readonly string[] {
  if (!field.echo) return saved;
  const echoed = field.echoed;
  return Array.isArray(echoed)
    ? echoed.filter((item) => typeof item === "string")
    : echoed
      ? [String(echoed)]
      : [];
}

export function CategoryChoices({
  name = "categoryIds",
  topIds,
  saved,
  legend,
  hint,
}: {
  name?: string;
  /** The top-level categories this provider's kind may serve. */
  topIds: readonly string[];
  saved: readonly string[];
  legend: string;
  hint?: string;
}) {
  const { t, i18n } = useTranslation("matching");
  const field = useField(name, Boolean(hint));
  const selected = ticked(field, saved);
  let index = 0;
  const box = (id: string, label: ReactNode) => {
    const boxId = `${field.id}-${index++}`;
    return (
      <div className="checkbox" key={id}>
        <input
          id={boxId}
          type="checkbox"
          value={id}
          aria-invalid={field.error ? true : undefined}
          {...field.register(name)}
          defaultChecked={selected.includes(id)}
        />
        <label htmlFor={boxId}>{label}</label>
      </div>
    );
  };
  return (
    <fieldset
      className={`field${field.error ? " field--invalid" : ""}`}
      id={field.id}
      aria-describedby={field.describedBy}
      tabIndex={-1}
    >
      <legend>{legend}</legend>
      <FieldHint id={field.id}>{hint}</FieldHint>
      <div className="checkbox-grid">
        {topIds.map((topId) => (
          <div key={topId} className="checkbox-group">
            {box(
              topId,
              <strong>{t("form.generalCategory", { category: categoryLabel(topId, i18n.language) })}</strong>,
            )}
            {serviceCategories
              .filter((category) => category.parentId === topId)
              .map((category) => box(category.id, categoryLabel(category.id, i18n.language)))}
          </div>
        ))}
      </div>
      <FieldErrorMessage id={field.id} error={field.error} />
    </fieldset>
  );
}

export function ServiceAreaChoices({
  offices,
  savedOfficeIds,
  savedCoversDistrict,
  legend,
  districtLabel,
}: {
  offices: readonly { id: string; name: string }[];
  savedOfficeIds: readonly string[];
  savedCoversDistrict: boolean;
  legend: string;
  districtLabel: string;
}) {
  const area = useField("officeIds");
  const district = useField("coversDistrict");
  const selected = ticked(area, savedOfficeIds);
  const coversDistrict = district.echo
    ? district.echoed === "on" || district.echoed === "true"
    : savedCoversDistrict;
  const error = area.error ?? district.error;
  return (
    <fieldset
      className={`field${error ? " field--invalid" : ""}`}
      id={area.id}
      aria-describedby={error ? `${area.id}-error` : undefined}
      tabIndex={-1}
    >
      <legend>{legend}</legend>
      <div className="checkbox">
        <input
          id={district.id}
          type="checkbox"
          value="on"
          aria-invalid={district.error ? true : undefined}
          // The area rule names the offices: ticking the district clears it there.
          {...district.register("coversDistrict", { deps: ["officeIds"] })}
          defaultChecked={coversDistrict}
        />
        <label htmlFor={district.id}>{districtLabel}</label>
      </div>
      {offices.map((office, index) => (
        <div className="checkbox" key={office.id}>
          <input
            id={`${area.id}-${index}`}
            type="checkbox"
            value={office.id}
            aria-invalid={area.error ? true : undefined}
            {...area.register("officeIds")}
            defaultChecked={selected.includes(office.id)}
          />
          <label htmlFor={`${area.id}-${index}`}>{office.name}</label>
        </div>
      ))}
      <FieldErrorMessage id={area.id} error={error} />
    </fieldset>
  );
}
