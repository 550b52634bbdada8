import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { Notice } from "~/components/Notice";
import { ProfileForm } from "~/components/volunteers/ProfileForm";
import { groupOffices } from "~/components/volunteers/ProfileFields";
import { ProfileQualifications } from "~/components/volunteers/ProfileQualifications";
import { ProfileStatus } from "~/components/volunteers/ProfileStatus";
import { createOnce } from "~/domains/submissions.server";
import {
  qualificationSchema,
  volunteerContactSchema,
  volunteerProfileSchema,
} from "~/domains/volunteers/profile-validation";
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
import { redirectWithFlash } from "~/utils/flash.server";
import { readFormData, submissionFailure, validateSubmission } from "~/utils/forms.server";
import { requirePermission } from "~/utils/permissions.server";
import { newSubmissionKey, submissionKeyOf } from "~/utils/submission-key.server";

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
    // The add-qualification form's idempotency key: a double click adds one.
    submissionKey: newSubmissionKey(),
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

const intentSchema = z.object({ intent: z.enum(["profile", "addQualification", "removeQualification"]) });

export async function action({ request }: ActionFunctionArgs) {
  const user = await requirePermission(request, PERMISSION);
  const formData = await readFormData(request);
  const intent = intentSchema.safeParse(Object.fromEntries(formData));
  if (!intent.success) return submissionFailure(formData, {}, { formError: "validation:form.invalid" });
  const db = await getDb();

  if (intent.data.intent === "addQualification") {
    const form = "addQualification";
    const parsed = await validateSubmission(formData, qualificationSchema, form);
    if (!parsed.success) return parsed.failure;
    const key = submissionKeyOf(formData);
    if (!key) return submissionFailure(parsed.values, {}, { formError: "validation:form.invalid", form });
    const once = await createOnce(
      db,
      { userId: user.id, key, entity: "qualification" },
      (tx) => addQualification(tx, user.id, parsed.data),
      (result) => (result.ok ? result.id : null),
    );
    if (!once.replayed && !once.result.ok)
      return once.result.field
        ? submissionFailure(parsed.values, { [once.result.field]: once.result.error }, { form })
        : submissionFailure(parsed.values, {}, { status: 409, formError: once.result.error, form });
    return redirectWithFlash(request, "/volunteer/profile#qualifications", {
      kind: "success",
      message: "volunteers:qualifications.added",
    });
  }

  if (intent.data.intent === "removeQualification") {
    const id = z.uuid().safeParse(formData.get("qualificationId"));
    if (!id.success || !(await removeQualification(db, user.id, id.data)))
      return submissionFailure(
        formData,
        {},
        { status: 404, formError: "volunteers:errors.qualificationNotFound", form: "removeQualification" },
      );
    return redirectWithFlash(request, "/volunteer/profile#qualifications", {
      kind: "success",
      message: "volunteers:qualifications.removed",
    });
  }

  // An approved (or suspended) volunteer's identity is locked: only the contact fields are read.
  const locked = identityLocked(await volunteerProfileStatus(db, user.id));
  const form = "profile";
  const parsed = locked
    ? await validateSubmission(formData, volunteerContactSchema, form)
    : await validateSubmission(formData, volunteerProfileSchema, form);
  if (!parsed.success) return parsed.failure;
  const result = await submitVolunteerProfile(
    db,
    { id: user.id, email: user.email, language: user.language },
    locked
      ? { kind: "contact", ...(parsed.data as z.output<typeof volunteerContactSchema>) }
      : { kind: "registration", ...(parsed.data as z.output<typeof volunteerProfileSchema>) },
  );
  if (!result.ok)
    return result.field
      ? submissionFailure(parsed.values, { [result.field]: result.error }, { form })
      : submissionFailure(parsed.values, {}, { status: 409, formError: result.error, form });
  const notice = locked ? "saved" : result.created ? "submitted" : "resubmitted";
  return redirectWithFlash(request, "/volunteer/profile", {
    kind: "success",
    message: `volunteers:profile.${notice}`,
  });
}

export default function VolunteerProfile() {
  const { t } = useTranslation(["volunteers", "validation"]);
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { profile, locked } = data;
  // A refusal of no form with fields (removing a qualification): above the list.
  const removeError = result && result.form === "removeQualification" ? result.formError : undefined;
  return (
    <section className="container page page--medium">
      <h1>{data.title}</h1>
      {profile ? <ProfileStatus profile={profile} /> : null}
      <p>{!profile ? t("profile.leadNew") : locked ? t("profile.leadLocked") : t("profile.leadEdit")}</p>
      <div className="panel">
        <ProfileForm
          profile={profile}
          locked={locked}
          offices={data.offices}
          termsVersion={data.termsVersion}
        />
      </div>
      {removeError ? <Notice kind="error">{t(removeError)}</Notice> : null}
      <ProfileQualifications
        hasProfile={Boolean(profile)}
        qualifications={data.qualifications}
        submissionKey={data.submissionKey}
      />
    </section>
  );
}
