import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CheckboxGroup, SelectField } from "~/components/employment/fields";
import { FormError, TextField } from "~/components/forms";
import { getCandidate, saveCandidateProfile } from "~/domains/employment/candidates.server";
import { listDistricts } from "~/domains/employment/enterprise.server";
import { availabilities, educationLevels, jobCategories } from "~/domains/employment/taxonomy";
import { candidateProfileSchema } from "~/domains/employment/validation";
import { i18nServer } from "~/i18n.server";
import { getDb } from "~/utils/db.server";
import { employmentActorOf, parseEmploymentForm } from "~/utils/employment.server";
import { requirePermission } from "~/utils/permissions.server";
import { readFormData, searchParamsOf } from "~/utils/forms.server";
import { CASE_CODE_PATTERN } from "~/domains/subjects/case-code-pattern";

/** A case code from the path (`XXXX-XXXX-XXXX`), or 404 before any query. */
function caseCodeParam(params: Readonly<Record<string, string | undefined>>): string {
  const value = (params.caseCode ?? "").toUpperCase();
  if (!CASE_CODE_PATTERN.test(value)) throw new Response("Not Found", { status: 404 });
  return value;
}

export const handle = { i18n: ["common", "employment"] };

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
    saved: searchParamsOf(request).has("saved"),
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requirePermission(request, "manage:candidate-profile:office");
  const formData = await readFormData(request);
  const parsed = parseEmploymentForm(formData, candidateProfileSchema, [
    "workHistoryCategories",
    "desiredCategories",
  ]);
  if (!parsed.success) return parsed.failure;
  const caseCode = caseCodeParam(params);
  const result = await saveCandidateProfile(await getDb(), {
    actor: employmentActorOf(user, request),
    caseCode,
    profile: parsed.data,
  });
  if (!result.ok) throw new Response("Not Found", { status: 404 });
  return redirect(`/staff/employment/candidates/${caseCode}?saved=1`);
}

export default function CandidateProfile() {
  const { t } = useTranslation("employment");
  const data = useLoaderData<typeof loader>();
  const state = useActionData<typeof action>();
  const categories = jobCategories.map((value) => ({ value, label: t(`categories.${value}`) }));
  return (
    <section className="container page page--narrow">
      <p>
        <Link to="/staff/employment/referrals">{t("browse.back")}</Link>
      </p>
      <h1>{data.title}</h1>
      <p>{t("candidate.lead")}</p>
      {data.saved ? (
        <div className="alert alert--success" role="status">
          {t("candidate.saved")}
        </div>
      ) : null}
      <div className="panel">
        <FormError state={state} />
        <Form method="post" className="form" noValidate>
          <TextField
            name="skills"
            label={t("candidate.skills")}
            hint={t("candidate.skillsHint")}
            maxLength={300}
            state={state}
            defaultValue={data.profile?.skills}
          />
          <SelectField
            name="educationLevel"
            label={t("candidate.education")}
            state={state}
            defaultValue={data.profile?.educationLevel ?? "junior_secondary"}
            options={educationLevels.map((value) => ({ value, label: t(`education.${value}`) }))}
          />
          <CheckboxGroup
            name="workHistoryCategories"
            legend={t("candidate.history")}
            options={categories}
            checked={data.profile?.workHistoryCategories ?? []}
            state={state}
          />
          <CheckboxGroup
            name="desiredCategories"
            legend={t("candidate.desired")}
            options={categories}
            checked={data.profile?.desiredCategories ?? []}
            state={state}
          />
          <SelectField
            name="availability"
            label={t("candidate.availability")}
            state={state}
            defaultValue={data.profile?.availability ?? "full_time"}
            options={availabilities.map((value) => ({ value, label: t(`availability.${value}`) }))}
          />
          <SelectField
            name="preferredDistrictId"
            label={t("candidate.district")}
            state={state}
            defaultValue={data.profile?.preferredDistrictId ?? ""}
            options={[
              { value: "", label: "—" },
              ...data.districts.map((district) => ({ value: district.id, label: district.name })),
            ]}
          />
          <button type="submit" className="button button--primary">
            {t("candidate.save")}
          </button>
        </Form>
      </div>
    </section>
  );
}
