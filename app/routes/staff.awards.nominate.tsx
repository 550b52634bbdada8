import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { periodLabel } from "~/components/awards/labels";
import { FigureFacts } from "~/components/awards/figures";
import { CheckboxField, TextareaField } from "~/components/form/fields";
import { useValidatedForm } from "~/components/form/useValidatedForm";
import { SubmitButton, ValidatedForm } from "~/components/form/ValidatedForm";
import { SubmissionKey } from "~/components/SubmissionKey";
import { getAwardType } from "~/domains/awards/award-types.server";
import { scopeQuery } from "~/domains/awards/eligibility.server";
import { criteriaOf, evaluate } from "~/domains/awards/eligibility";
import {
  candidateFigures,
  type FigureNomineeKind,
  nomineeKindsWithFigures,
} from "~/domains/awards/figures.server";
import { nominate } from "~/domains/awards/nominations.server";
import { periodOf } from "~/domains/awards/periods";
import { nominationSchema } from "~/domains/awards/validation";
import { calendarDateOf } from "~/domains/calendar/working-days";
import { createOnce } from "~/domains/submissions.server";
import { i18nServer } from "~/i18n.server";
import { getDb } from "~/utils/db.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { parseSubmission, submissionFailure } from "~/utils/forms.server";
import { forbidden, notFound, requirePermission } from "~/utils/permissions.server";
import * as clock from "~/utils/clock.server";
import { newSubmissionKey, submissionKeyOf } from "~/utils/submission-key.server";

export const handle = { i18n: ["common", "awards", "validation"] };

const querySchema = z.object({
  type: z.uuid(),
  period: z.string().regex(/^\d{4}(-H[12])?$/),
  nominee: z.uuid(),
});

async function candidateOf(request: Request, query: Record<string, unknown>) {
  const user = await requirePermission(request, "nominate:award:office");
  if (!user.districtId || !user.organizationId) forbidden();
  const parsed = querySchema.safeParse(query);
  // No candidate named: a malformed link or form, not a missing object.
  if (!parsed.success) throw new Response("Bad Request", { status: 400 });
  const db = await getDb();
  const type = await getAwardType(db, user.districtId, parsed.data.type);
  const period = type ? periodOf(type.periodKind, parsed.data.period) : null;
  if (!type || !type.active || !period || !nomineeKindsWithFigures.includes(type.nomineeKind)) notFound();
  const [candidate] = await candidateFigures(db, {
    ...scopeQuery(user.actor, type.nomineeKind as FigureNomineeKind, period, calendarDateOf(clock.now())),
    nomineeId: parsed.data.nominee,
  });
  if (!candidate) notFound();
  return { user, type, period, candidate };
}

export async function loader({ request }: LoaderFunctionArgs) {
  const { type, period, candidate } = await candidateOf(
    request,
    Object.fromEntries(new URL(request.url).searchParams),
  );
  const t = await i18nServer.getFixedT(request, "awards");
  return {
    title: t("nominate.title"),
    type: { id: type.id, nameZh: type.nameZh, nameEn: type.nameEn, nomineeKind: type.nomineeKind },
    period: period.key,
    candidate,
    eligible: evaluate(criteriaOf(type), candidate.figures).eligible,
    submissionKey: newSubmissionKey(),
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

const created = (request: Request, id: string) =>
  redirectWithFlash(request, `/staff/nominations/${id}`, {
    kind: "success",
    message: "awards:nomination.done.created",
  });

export async function action({ request }: ActionFunctionArgs) {
  const parsed = await parseSubmission(request, nominationSchema);
  const { values } = parsed;
  // The candidate named by the form is checked (scope, 404) before anything else is answered.
  const { user } = await candidateOf(request, {
    type: values.awardTypeId,
    period: values.periodKey,
    nominee: values.nomineeId,
  });
  if (!parsed.success) return parsed.failure;
  const key = submissionKeyOf(parsed.formData);
  if (!key) return submissionFailure(values, {}, { formError: "validation:form.invalid" });
  // One nomination per rendered form, however often it is sent (double click, retry, replay).
  const once = await createOnce(
    await getDb(),
    { userId: user.id, key, entity: "nomination" },
    (db) => nominate(db, user.actor, parsed.data),
    (result) => (result.ok ? result.id : null),
  );
  if (once.replayed) return created(request, once.entityId);
  const result = once.result;
  if (!result.ok) {
    if (result.notFound) notFound();
    return result.field === "statement"
      ? submissionFailure(values, { statement: result.error })
      : submissionFailure(values, {}, { formError: result.error });
  }
  return created(request, result.id);
}

const loadNominationSchema = () =>
  import("~/domains/awards/validation").then((module) => module.nominationSchema);

export default function Nominate() {
  const { t, i18n } = useTranslation(["awards", "validation"]);
  const data = useLoaderData<typeof loader>();
  const form = useValidatedForm({ schema: loadNominationSchema });
  return (
    <section className="container page page--narrow">
      <p>
        <Link to={`/staff/awards?type=${data.type.id}&period=${data.period}`}>{t("evidence.back")}</Link>
      </p>
      <h1>{data.title}</h1>
      <dl className="facts">
        <dt>{t("nominate.candidate")}</dt>
        <dd>{data.candidate.name}</dd>
        <dt>{t("eligibility.type")}</dt>
        <dd>{i18n.language === "en" ? data.type.nameEn : data.type.nameZh}</dd>
        <dt>{t("eligibility.period")}</dt>
        <dd>{periodLabel(t, data.period)}</dd>
        <FigureFacts kind={data.type.nomineeKind} figures={data.candidate.figures} />
      </dl>
      {!data.eligible ? <p className="alert alert--error">{t("awards:errors.notEligible")}</p> : null}
      <div className="panel">
        <ValidatedForm form={form}>
          <SubmissionKey value={data.submissionKey} />
          <input type="hidden" name="awardTypeId" value={data.type.id} />
          <input type="hidden" name="periodKey" value={data.period} />
          <input type="hidden" name="nomineeId" value={data.candidate.id} />
          <TextareaField
            name="statement"
            label={t("nominate.statement")}
            hint={t("nominate.statementHint")}
            rows={6}
            maxLength={2000}
          />
          {data.type.nomineeKind === "volunteer" ? (
            <CheckboxField name="publishFullName" label={t("nominate.publishFullName")} />
          ) : null}
          <p className="field__hint">{t("nominate.evidenceNote")}</p>
          <SubmitButton disabled={!data.eligible}>{t("nominate.submit")}</SubmitButton>
        </ValidatedForm>
      </div>
    </section>
  );
}
