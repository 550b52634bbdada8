import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CheckboxGroupField, SelectField, TextField } from "~/components/form/fields";
import { useValidatedForm } from "~/components/form/useValidatedForm";
import { SubmitButton, ValidatedForm } from "~/components/form/ValidatedForm";
import { getCandidate, saveCandidateProfile } from "~/domains/employment/candidates.server";
import { listDistricts } from "~/domains/employment/enterprise.server";
import { availabilities, educationLevels, jobCategories } from "~/domains/employment/taxonomy";
import { candidateProfileSchema } from "~/domains/employment/validation";
import { i18nServer } from "~/i18n.server";
import { getDb } from "~/utils/db.server";
import { employmentActorOf } from "~/utils/employment.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { parseSubmission } from "~/utils/forms.server";
import { notFound, requirePermission } from "~/utils/permissions.server";
import { CASE_CODE_PATTERN } from "~/domains/subjects/case-code-pattern";

/** A case code from the path (`XXXX-XXXX-XXXX`), or 404 before any query. */
function caseCodeParam(params: Readonly<Record<string, string | undefined>>): string {
  const value = (params.caseCode ?? "").toUpperCase();
  if (!CASE_CODE_PATTERN.test(value)) notFound();
  return value;
}

export const handle = { i18n: ["common", "employment", "validation"] };

/** Staff keep the non-identifying candidate profile of a subject of their office (shown with referrals). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "manage:candidate-profile:office");
  const db = await getDb();
  const candidate = await getCandidate(db, caseCodeParam(params), user.actor);
  if (!candidate) throw new Response("Not Found", { status: 404 });
  const t = await i18nServer.getFixedT(request, "employment");
  const profile = candidate.profile;
  return {
    title: t("candidate.title", { caseCode: candidate.caseCode }),
    caseCode: candidate.caseCode,
    profile: profile
      ? {
          skills: profile.skills.join("、"),
          educationLevel: profile.educationLevel,
          workHistoryCategories: profile.workHistoryCategories,
          desiredCategories: profile.desiredCategories,
          availability: profile.availability,
          preferredDistrictId: profile.preferredDistrictId ?? "",
        }
      : null,
    districts: await listDistricts(db),
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requirePermission(request, "manage:candidate-profile:office");
  const parsed = await parseSubmission(request, candidateProfileSchema);
  if (!parsed.success) return parsed.failure;
  const caseCode = caseCodeParam(params);
  const result = await saveCandidateProfile(await getDb(), {
    actor: employmentActorOf(user, request),
    caseCode,
    profile: parsed.data,
  });
  if (!result.ok) notFound();
  return redirectWithFlash(request, `/staff/employment/candidates/${caseCode}`, {
    kind: "success",
    message: "employment:candidate.saved",
  });
}

const loadCandidateSchema = () =>
  import("~/domains/employment/validation").then((module) => module.candidateProfileSchema);

export default function CandidateProfile() {
  const { t } = useTranslation("employment");
  const data = useLoaderData<typeof loader>();
  const profile = data.profile;
  const form = useValidatedForm({
    schema: loadCandidateSchema,
    defaultValues: {
      skills: profile?.skills ?? "",
      educationLevel: profile?.educationLevel ?? "junior_secondary",
      availability: profile?.availability ?? "full_time",
      preferredDistrictId: profile?.preferredDistrictId ?? "",
    },
  });
  const categories = jobCategories.map((value) => ({ value, label: t(`categories.${value}`) }));
  return (
    <section className="container page page--narrow">
      <p>
        <Link to="/staff/employment/referrals">{t("browse.back")}</Link>
      </p>
      <h1>{data.title}</h1>
      <p>{t("candidate.lead")}</p>
      <div className="panel">
        <ValidatedForm form={form}>
          <TextField
            name="skills"
            label={t("candidate.skills")}
            hint={t("candidate.skillsHint")}
            maxLength={300}
          />
          <SelectField
            name="educationLevel"
            label={t("candidate.education")}
            options={educationLevels.map((value) => ({ value, label: t(`education.${value}`) }))}
          />
          <CheckboxGroupField
            name="workHistoryCategories"
            label={t("candidate.history")}
            options={categories}
            defaultValue={profile?.workHistoryCategories ?? []}
          />
          <CheckboxGroupField
            name="desiredCategories"
            label={t("candidate.desired")}
            options={categories}
            defaultValue={profile?.desiredCategories ?? []}
          />
          <SelectField
            name="availability"
            label={t("candidate.availability")}
            options={availabilities.map((value) => ({ value, label: t(`availability.${value}`) }))}
          />
          <SelectField
            name="preferredDistrictId"
            label={t("candidate.district")}
            placeholder="—"
            options={data.districts.map((district) => ({ value: district.id, label: district.name }))}
          />
          <SubmitButton>{t("candidate.save")}</SubmitButton>
        </ValidatedForm>
      </div>
    </section>
  );
}
