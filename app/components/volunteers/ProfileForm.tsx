import { useTranslation } from "react-i18next";
import { CheckboxField, CheckboxGroupField, TextField } from "~/components/form/fields";
import { useField } from "~/components/form/field-state";
import { useValidatedForm } from "~/components/form/useValidatedForm";
import { SubmitButton, ValidatedForm } from "~/components/form/ValidatedForm";
import { normalizeResidentId, parseResidentId } from "~/domains/subjects/resident-id";
import { volunteerSkills } from "~/domains/volunteers/activity-options";
import { hoursOf } from "~/domains/volunteers/format";
import { formatCalendarDate } from "~/utils/dates";
import { AvailabilityGrid, type OfficeGroup, OfficeCheckboxes, OfficeSelect } from "./ProfileFields";

/** The schemas load with zod on the first validation, not with the page (first-load JS budget). */
const profileValidation = () => import("~/domains/volunteers/profile-validation");
const loadProfileSchema = () => profileValidation().then((module) => module.volunteerProfileSchema);
const loadContactSchema = () => profileValidation().then((module) => module.volunteerContactSchema);

/** The volunteer's stored profile as the page shows it (the ID number masked once locked). */
export interface OwnProfileView {
  status: string;
  volunteerNumber: string | null;
  legalName: string;
  idNumber: string;
  gender: "male" | "female";
  birthDate: string;
  phone: string;
  homeOfficeId: string;
  homeOfficeName: string;
  serviceOfficeIds: string[];
  skills: string[];
  languages: string[];
  availability: string[];
  emergencyContactName: string;
  emergencyContactPhone: string;
  approvedMinutes: number;
}

/**
 * The registration form: everything while it may still be corrected, or (identity locked after
 * approval) only what a volunteer may change at any time. Validated in the browser with the schema
 * the action uses for the same state.
 */
export function ProfileForm({
  profile,
  locked,
  offices,
  termsVersion,
}: {
  profile: OwnProfileView | null;
  locked: boolean;
  offices: OfficeGroup[];
  termsVersion: string;
}) {
  const { t, i18n } = useTranslation("volunteers");
  const form = useValidatedForm({
    schema: locked ? loadContactSchema : loadProfileSchema,
    id: "profile",
    defaultValues: {
      legalName: profile?.legalName ?? "",
      idNumber: profile && !locked ? profile.idNumber : "",
      phone: profile?.phone ?? "",
      languages: profile?.languages.join("，") ?? "",
      emergencyContactName: profile?.emergencyContactName ?? "",
      emergencyContactPhone: profile?.emergencyContactPhone ?? "",
    },
  });
  const submitLabel = !profile
    ? t("profile.submitNew")
    : locked
      ? t("profile.submitLocked")
      : profile.status === "rejected"
        ? t("profile.submitAgain")
        : t("profile.submitPending");
  return (
    <ValidatedForm form={form} className="form volunteer-form">
      <input type="hidden" name="intent" value="profile" />
      <fieldset className="preferences">
        <legend>{t("profile.identityLegend")}</legend>
        {locked && profile ? (
          <dl className="facts">
            <dt>{t("fields.legalName")}</dt>
            <dd>{profile.legalName}</dd>
            <dt>{t("fields.idNumber")}</dt>
            <dd>
              <code>{profile.idNumber}</code>
            </dd>
            <dt>{t("fields.gender")}</dt>
            <dd>{t(`genders.${profile.gender}`)}</dd>
            <dt>{t("fields.birthDate")}</dt>
            <dd>{formatCalendarDate(profile.birthDate, i18n.language)}</dd>
            <dt>{t("fields.homeOffice")}</dt>
            <dd>{profile.homeOfficeName}</dd>
            {profile.volunteerNumber ? (
              <>
                <dt>{t("fields.volunteerNumber")}</dt>
                <dd>
                  <code>{profile.volunteerNumber}</code>
                </dd>
                <dt>{t("fields.totals")}</dt>
                <dd>{t("profile.hours", { hours: hoursOf(profile.approvedMinutes, i18n.language) })}</dd>
              </>
            ) : null}
          </dl>
        ) : (
          <>
            <TextField
              name="legalName"
              required
              maxLength={50}
              autoComplete="name"
              label={t("fields.legalName")}
            />
            <IdNumberField />
          </>
        )}
      </fieldset>

      <fieldset className="preferences">
        <legend>{t("profile.contactLegend")}</legend>
        <TextField name="phone" type="tel" required autoComplete="tel" label={t("fields.phone")} />
        <TextField name="languages" label={t("fields.languages")} hint={t("profile.languagesHint")} />
      </fieldset>

      <CheckboxGroupField
        name="skills"
        label={t("profile.skillsLegend")}
        options={volunteerSkills.map((skill) => ({ value: skill, label: t(`skills.${skill}`) }))}
        defaultValue={profile?.skills ?? []}
      />

      {locked ? null : (
        <OfficeSelect
          name="homeOfficeId"
          label={t("fields.homeOffice")}
          hint={t("profile.homeOfficeHint")}
          groups={offices}
          value={profile?.homeOfficeId ?? ""}
        />
      )}
      <OfficeCheckboxes
        name="serviceOfficeIds"
        legend={t("profile.serviceOfficesLegend")}
        groups={offices}
        checked={profile?.serviceOfficeIds ?? []}
        exclude={locked ? profile?.homeOfficeId : undefined}
      />

      <AvailabilityGrid
        legend={t("profile.availabilityLegend")}
        hint={t("profile.availabilityHint")}
        checked={profile?.availability ?? []}
      />

      <fieldset className="preferences">
        <legend>{t("profile.emergencyLegend")}</legend>
        <TextField
          name="emergencyContactName"
          required
          maxLength={50}
          label={t("fields.emergencyContactName")}
        />
        <TextField
          name="emergencyContactPhone"
          type="tel"
          required
          label={t("fields.emergencyContactPhone")}
        />
      </fieldset>

      {locked ? null : (
        <section className="terms" aria-labelledby="terms-title">
          <h2 id="terms-title" className="h3">
            {t("terms.title", { version: termsVersion })}
          </h2>
          <div className="terms__text" tabIndex={0} role="region" aria-labelledby="terms-title">
            {(["p1", "p2", "p3", "p4", "p5"] as const).map((key) => (
              <p key={key}>{t(`terms.${key}`)}</p>
            ))}
          </div>
          <CheckboxField name="acceptVolunteerTerms" label={t("terms.accept")} />
        </section>
      )}

      <SubmitButton>{submitLabel}</SubmitButton>
    </ValidatedForm>
  );
}

/** The ID number field, with the gender and birth date read from it as the volunteer types. */
function IdNumberField() {
  const { t, i18n } = useTranslation("volunteers");
  const field = useField("idNumber");
  const watched = field.watch("idNumber") as unknown;
  const echoed = typeof field.echoed === "string" ? field.echoed : "";
  const parsed = parseResidentId(
    normalizeResidentId(typeof watched === "string" ? watched : echoed),
    new Date(),
  );
  return (
    <>
      <TextField
        name="idNumber"
        required
        maxLength={20}
        autoComplete="off"
        spellCheck={false}
        label={t("fields.idNumber")}
        hint={t("profile.identityHint")}
      />
      {parsed.ok ? (
        <p className="field__hint" aria-live="polite">
          {t("profile.derived", {
            gender: t(`genders.${parsed.gender}`),
            birthDate: formatCalendarDate(parsed.birthDate, i18n.language),
          })}
        </p>
      ) : null}
    </>
  );
}
