import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { FormError, Notice, TextField } from "~/components/forms";
import {
  AvailabilityGrid,
  CheckboxGroup,
  groupOffices,
  OfficeCheckboxes,
  OfficeSelect,
} from "~/components/volunteers/ProfileFields";
import { normalizeResidentId, parseResidentId } from "~/domains/subjects/resident-id";
import { qualificationKinds, volunteerSkills } from "~/domains/volunteers/activity-options";
import { hoursOf } from "~/domains/volunteers/format";
import { parseProfileForm, profileEcho } from "~/utils/profile-form.server";
import { qualificationSchema } from "~/domains/volunteers/profile-validation";
import {
  addQualification,
  listQualifications,
  removeQualification,
} from "~/domains/volunteers/qualifications.server";
import {
  getOwnProfile,
  submitVolunteerProfile,
  verifiedOffices,
  volunteerProfileStatus,
} from "~/domains/volunteers/registration.server";
import {
  identityLocked,
  maskIdNumber,
  VOLUNTEER_TERMS_VERSION,
} from "~/domains/volunteers/volunteer-profile";
import { i18nServer } from "~/i18n.server";
import { getDb } from "~/utils/db.server";
import { formFailure, readFormData } from "~/utils/forms.server";
import { requirePermission } from "~/utils/permissions.server";
import { formatCalendarDate } from "~/utils/dates";
import { QualificationSummary } from "~/components/volunteers/QualificationSummary";
import { redirectWithFlash } from "~/utils/flash.server";

export const handle = { i18n: ["common", "volunteers", "validation"] };

const PERMISSION = "register:volunteer-profile:own";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, PERMISSION);
  const db = await getDb();
  const [profile, offices, t] = await Promise.all([
    getOwnProfile(db, user.id),
    verifiedOffices(db),
    i18nServer.getFixedT(request, "volunteers"),
  ]);
  const locked = identityLocked(profile?.status ?? null);
  return {
    title: t("profile.title"),
    termsVersion: VOLUNTEER_TERMS_VERSION,
    locked,
    profile: profile
      ? {
          status: profile.status,
          volunteerNumber: profile.volunteerNumber,
          legalName: profile.legalName,
          // The full number only while the volunteer may still correct it.
          idNumber: locked ? maskIdNumber(profile.idNumber) : profile.idNumber,
          gender: profile.gender as "male" | "female",
          birthDate: profile.birthDate,
          phone: profile.phone,
          homeOfficeId: profile.homeOfficeId,
          homeOfficeName: profile.homeOfficeName,
          serviceOfficeIds: profile.serviceOfficeIds,
          skills: profile.skills,
          languages: profile.languages,
          availability: profile.availability,
          emergencyContactName: profile.emergencyContactName,
          emergencyContactPhone: profile.emergencyContactPhone,
          rejectReason: profile.rejectReason,
          approvedMinutes: profile.approvedMinutes,
        }
      : null,
    offices: groupOffices(offices),
    qualifications: profile
      ? (await listQualifications(db, user.id)).map((row) => ({
          ...row,
          createdAt: row.createdAt.toISOString(),
        }))
      : [],
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

const intentSchema = z.object({ intent: z.enum(["profile", "addQualification", "removeQualification"]) });

export async function action({ request }: ActionFunctionArgs) {
  const user = await requirePermission(request, PERMISSION);
  const formData = await readFormData(request);
  const intent = intentSchema.safeParse(Object.fromEntries(formData));
  if (!intent.success) return formFailure(formData, {}, 400, "validation:form.invalid");
  const db = await getDb();

  if (intent.data.intent === "addQualification") {
    const parsed = qualificationSchema.safeParse(Object.fromEntries(formData));
    if (!parsed.success) {
      const errors: Record<string, string> = {};
      for (const issue of parsed.error.issues) errors[String(issue.path[0] ?? "form")] ??= issue.message;
      return formFailure(formData, errors);
    }
    const result = await addQualification(db, user.id, parsed.data);
    if (!result.ok)
      return result.field
        ? formFailure(formData, { [result.field]: result.error })
        : formFailure(formData, {}, 409, result.error);
    return redirectWithFlash(request, "/volunteer/profile#qualifications", {
      kind: "success",
      message: "volunteers:qualifications.added",
    });
  }

  if (intent.data.intent === "removeQualification") {
    const id = z.uuid().safeParse(formData.get("qualificationId"));
    if (!id.success || !(await removeQualification(db, user.id, id.data)))
      return formFailure(formData, {}, 404, "volunteers:errors.qualificationNotFound");
    return redirectWithFlash(request, "/volunteer/profile#qualifications", {
      kind: "success",
      message: "volunteers:qualifications.removed",
    });
  }

  const locked = identityLocked(await volunteerProfileStatus(db, user.id));
  const parsed = parseProfileForm(formData, locked);
  if (!parsed.success) return parsed.failure;
  const result = await submitVolunteerProfile(
    db,
    { id: user.id, email: user.email, language: user.language },
    parsed.data,
  );
  if (!result.ok)
    return result.field
      ? formFailure(profileEcho(formData), { [result.field]: result.error })
      : formFailure(profileEcho(formData), {}, 409, result.error);
  const notice = locked ? "saved" : result.created ? "submitted" : "resubmitted";
  return redirectWithFlash(request, "/volunteer/profile", {
    kind: "success",
    message: `volunteers:profile.${notice}`,
  });
}

/** The ID number field, with the gender and birth date read from it as the volunteer types. */
function IdNumberField({
  defaultValue,
  state,
}: {
  defaultValue: string;
  state?: { errors?: Record<string, string> };
}) {
  const { t, i18n } = useTranslation("volunteers");
  const [value, setValue] = useState(defaultValue);
  const parsed = parseResidentId(normalizeResidentId(value), new Date());
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
        state={state}
        defaultValue={defaultValue}
        onChange={(event) => setValue(event.currentTarget.value)}
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

export default function VolunteerProfile() {
  const { t, i18n } = useTranslation("volunteers");
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { profile, locked } = data;
  const failure = result && "errors" in result ? result : undefined;
  const profileState = failure && (failure.values.intent ?? "profile") === "profile" ? failure : undefined;
  const qualificationState =
    failure && failure.values.intent !== "profile" && failure.values.intent !== undefined
      ? failure
      : undefined;
  const typed = profileState?.values;
  const list = (field: "skills" | "serviceOfficeIds" | "availability") =>
    typed ? (typed[field] ?? "").split(",").filter(Boolean) : (profile?.[field] ?? []);
  const value = (field: string, stored: string | undefined) => typed?.[field] ?? stored ?? "";
  const submitLabel = !profile
    ? t("profile.submitNew")
    : locked
      ? t("profile.submitLocked")
      : profile.status === "rejected"
        ? t("profile.submitAgain")
        : t("profile.submitPending");

  return (
    <section className="container page page--medium">
      <h1>{data.title}</h1>
      {profile ? (
        <section aria-labelledby="status-title" className="section">
          <h2 id="status-title" className="h3">
            {t("profile.statusLabel")}{" "}
            <span className={`badge badge--${profile.status === "approved" ? "verified" : profile.status}`}>
              {t(`statuses.${profile.status}`)}
            </span>
          </h2>
          {profile.status === "pending" ? (
            <Notice>{t("profile.statusPending", { office: profile.homeOfficeName })}</Notice>
          ) : null}
          {profile.status === "approved" ? (
            <Notice kind="success">{t("profile.statusApproved", { number: profile.volunteerNumber })}</Notice>
          ) : null}
          {profile.status === "rejected" ? (
            <Notice kind="error">{t("profile.statusRejected", { reason: profile.rejectReason })}</Notice>
          ) : null}
          {profile.status === "suspended" ? (
            <Notice kind="error">
              {t("profile.statusSuspended", { reason: profile.rejectReason, office: profile.homeOfficeName })}
            </Notice>
          ) : null}
        </section>
      ) : null}
      <p>{!profile ? t("profile.leadNew") : locked ? t("profile.leadLocked") : t("profile.leadEdit")}</p>

      <div className="panel">
        <FormError state={profileState} />
        <Form method="post" className="form volunteer-form" noValidate>
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
                  state={profileState}
                  defaultValue={value("legalName", profile?.legalName)}
                />
                <IdNumberField defaultValue={value("idNumber", profile?.idNumber)} state={profileState} />
              </>
            )}
          </fieldset>

          <fieldset className="preferences">
            <legend>{t("profile.contactLegend")}</legend>
            <TextField
              name="phone"
              type="tel"
              required
              autoComplete="tel"
              label={t("fields.phone")}
              state={profileState}
              defaultValue={value("phone", profile?.phone)}
            />
            <TextField
              name="languages"
              label={t("fields.languages")}
              hint={t("profile.languagesHint")}
              state={profileState}
              defaultValue={value("languages", profile?.languages.join("，"))}
            />
          </fieldset>

          <CheckboxGroup
            name="skills"
            legend={t("profile.skillsLegend")}
            options={volunteerSkills.map((skill) => ({ value: skill, label: t(`skills.${skill}`) }))}
            checked={list("skills")}
            error={profileState?.errors.skills}
          />

          {locked ? null : (
            <OfficeSelect
              name="homeOfficeId"
              label={t("fields.homeOffice")}
              hint={t("profile.homeOfficeHint")}
              groups={data.offices}
              value={value("homeOfficeId", profile?.homeOfficeId)}
              error={profileState?.errors.homeOfficeId}
            />
          )}
          <OfficeCheckboxes
            name="serviceOfficeIds"
            legend={t("profile.serviceOfficesLegend")}
            groups={data.offices}
            checked={list("serviceOfficeIds")}
            exclude={locked ? profile?.homeOfficeId : undefined}
            error={profileState?.errors.serviceOfficeIds}
          />

          <AvailabilityGrid
            legend={t("profile.availabilityLegend")}
            hint={t("profile.availabilityHint")}
            checked={list("availability")}
            error={profileState?.errors.availability}
          />

          <fieldset className="preferences">
            <legend>{t("profile.emergencyLegend")}</legend>
            <TextField
              name="emergencyContactName"
              required
              maxLength={50}
              label={t("fields.emergencyContactName")}
              state={profileState}
              defaultValue={value("emergencyContactName", profile?.emergencyContactName)}
            />
            <TextField
              name="emergencyContactPhone"
              type="tel"
              required
              label={t("fields.emergencyContactPhone")}
              state={profileState}
              defaultValue={value("emergencyContactPhone", profile?.emergencyContactPhone)}
            />
          </fieldset>

          {locked ? null : (
            <section className="terms" aria-labelledby="terms-title">
              <h2 id="terms-title" className="h3">
                {t("terms.title", { version: data.termsVersion })}
              </h2>
              <div className="terms__text" tabIndex={0} role="region" aria-labelledby="terms-title">
                {(["p1", "p2", "p3", "p4", "p5"] as const).map((key) => (
                  <p key={key}>{t(`terms.${key}`)}</p>
                ))}
              </div>
              <div className={`field${profileState?.errors.acceptVolunteerTerms ? " field--invalid" : ""}`}>
                <div className="checkbox">
                  <input
                    id="field-acceptVolunteerTerms"
                    type="checkbox"
                    name="acceptVolunteerTerms"
                    value="on"
                    defaultChecked={typed?.acceptVolunteerTerms === "on"}
                    aria-invalid={profileState?.errors.acceptVolunteerTerms ? true : undefined}
                    aria-describedby={
                      profileState?.errors.acceptVolunteerTerms
                        ? "field-acceptVolunteerTerms-error"
                        : undefined
                    }
                  />
                  <label htmlFor="field-acceptVolunteerTerms">{t("terms.accept")}</label>
                </div>
                {profileState?.errors.acceptVolunteerTerms ? (
                  <p className="field__error" id="field-acceptVolunteerTerms-error" role="alert">
                    {t(profileState.errors.acceptVolunteerTerms, { ns: "validation" })}
                  </p>
                ) : null}
              </div>
            </section>
          )}

          <button type="submit" className="button button--primary">
            {submitLabel}
          </button>
        </Form>
      </div>

      <section className="section" id="qualifications" aria-labelledby="qualifications-title">
        <h2 id="qualifications-title">{t("qualifications.title")}</h2>
        <p>{t("qualifications.lead")}</p>
        {!profile ? (
          <p className="empty-state">{t("qualifications.profileFirst")}</p>
        ) : (
          <div className="form">
            {qualificationState?.values.intent === "removeQualification" ? (
              <FormError state={qualificationState} />
            ) : null}
            {data.qualifications.length === 0 ? (
              <p className="empty-state">{t("qualifications.empty")}</p>
            ) : (
              <ul className="list">
                {data.qualifications.map((qualification) => (
                  <li key={qualification.id} className="list__item">
                    <QualificationSummary qualification={qualification} />
                    {qualification.status !== "verified" ? (
                      <Form method="post">
                        <input type="hidden" name="intent" value="removeQualification" />
                        <input type="hidden" name="qualificationId" value={qualification.id} />
                        <button type="submit" className="button">
                          {t("qualifications.remove")}
                        </button>
                      </Form>
                    ) : null}
                  </li>
                ))}
              </ul>
            )}
            <Form
              key={data.qualifications.length}
              method="post"
              className="panel form"
              noValidate
              aria-labelledby="add-qualification-title"
            >
              <h3 id="add-qualification-title">{t("qualifications.addTitle")}</h3>
              {qualificationState?.values.intent === "addQualification" ? (
                <FormError state={qualificationState} />
              ) : null}
              <input type="hidden" name="intent" value="addQualification" />
              <KindSelect
                state={
                  qualificationState?.values.intent === "addQualification" ? qualificationState : undefined
                }
              />
              <TextField
                name="certificateNumber"
                required
                maxLength={100}
                label={t("qualifications.certificateNumber")}
                state={
                  qualificationState?.values.intent === "addQualification" ? qualificationState : undefined
                }
              />
              <TextField
                name="issuedBy"
                required
                maxLength={100}
                label={t("qualifications.issuedBy")}
                state={
                  qualificationState?.values.intent === "addQualification" ? qualificationState : undefined
                }
              />
              <TextField
                name="expiresOn"
                type="date"
                label={t("qualifications.expiresOn")}
                hint={t("qualifications.expiresOnHint")}
                state={
                  qualificationState?.values.intent === "addQualification" ? qualificationState : undefined
                }
              />
              <button type="submit" className="button button--primary">
                {t("qualifications.add")}
              </button>
            </Form>
          </div>
        )}
      </section>
    </section>
  );
}

function KindSelect({
  state,
}: {
  state?: { errors: Record<string, string>; values: Record<string, string> };
}) {
  const { t } = useTranslation(["volunteers", "validation"]);
  const error = state?.errors.kind;
  return (
    <div className={`field${error ? " field--invalid" : ""}`}>
      <label htmlFor="field-kind">{t("qualifications.kind")}</label>
      <select
        id="field-kind"
        name="kind"
        defaultValue={state?.values.kind ?? ""}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? "field-kind-error" : undefined}
      >
        <option value="">{t("qualifications.chooseKind")}</option>
        {qualificationKinds.map((kind) => (
          <option key={kind} value={kind}>
            {t(`qualifications.kinds.${kind}`)}
          </option>
        ))}
      </select>
      {error ? (
        <p className="field__error" id="field-kind-error" role="alert">
          {t(error)}
        </p>
      ) : null}
    </div>
  );
}
