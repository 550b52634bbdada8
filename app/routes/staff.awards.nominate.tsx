import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { periodLabel } from "~/components/awards/labels";
import { FormError } from "~/components/forms";
import { getAwardType } from "~/domains/awards/award-types.server";
import { scopeQuery } from "~/domains/awards/eligibility.server";
import { evaluate } from "~/domains/awards/eligibility";
import {
  candidateFigures,
  type FigureNomineeKind,
  nomineeKindsWithFigures,
} from "~/domains/awards/figures.server";
import { nominate } from "~/domains/awards/nominations.server";
import { periodOf } from "~/domains/awards/periods";
import { nominationSchema } from "~/domains/awards/validation";
import { hoursOf } from "~/domains/volunteers/format";
import { i18nServer } from "~/i18n.server";
import { getDb } from "~/utils/db.server";
import { formFailure, parseForm } from "~/utils/forms.server";
import { forbidden, notFound, requirePermission } from "~/utils/permissions.server";

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
    ...scopeQuery(user.actor, type.nomineeKind as FigureNomineeKind, period),
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
  const eligibility = evaluate(
    { minutes: type.minMinutes, activities: type.minActivities },
    candidate.figures,
  );
  return {
    title: t("nominate.title"),
    type: { id: type.id, nameZh: type.nameZh, nameEn: type.nameEn, nomineeKind: type.nomineeKind },
    period: period.key,
    candidate,
    eligible: eligibility.eligible,
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export async function action({ request }: ActionFunctionArgs) {
  const parsed = await parseForm(request, nominationSchema);
  const raw = parsed.success
    ? { type: parsed.data.awardTypeId, period: parsed.data.periodKey, nominee: parsed.data.nomineeId }
    : {
        type: parsed.formData.get("awardTypeId"),
        period: parsed.formData.get("periodKey"),
        nominee: parsed.formData.get("nomineeId"),
      };
  const { user } = await candidateOf(request, raw);
  if (!parsed.success) return parsed.failure;
  const result = await nominate(await getDb(), user.actor, parsed.data);
  if (!result.ok) {
    if (result.notFound) notFound();
    return formFailure(
      parsed.formData,
      result.field ? { [result.field]: result.error } : {},
      400,
      result.field ? undefined : result.error,
    );
  }
  return redirect(`/staff/nominations/${result.id}?created=1`);
}

export default function Nominate() {
  const { t, i18n } = useTranslation(["awards", "validation"]);
  const data = useLoaderData<typeof loader>();
  const state = useActionData<typeof action>();
  const statementError = state?.errors?.statement;
  const otherError = state?.errors?.nomineeId ?? state?.errors?.awardTypeId ?? state?.errors?.periodKey;
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
        <dt>{t("figure.minutes")}</dt>
        <dd>{t("figure.hours", { hours: hoursOf(data.candidate.figures.minutes ?? 0, i18n.language) })}</dd>
        <dt>{t("figure.activities")}</dt>
        <dd>{data.candidate.figures.activities ?? 0}</dd>
      </dl>
      {!data.eligible ? <p className="alert alert--error">{t("awards:errors.notEligible")}</p> : null}
      <div className="panel">
        <FormError state={state} />
        {otherError ? (
          <p className="alert alert--error" role="alert">
            {t(otherError)}
          </p>
        ) : null}
        <Form method="post" className="form" noValidate>
          <input type="hidden" name="awardTypeId" value={data.type.id} />
          <input type="hidden" name="periodKey" value={data.period} />
          <input type="hidden" name="nomineeId" value={data.candidate.id} />
          <div className={`field${statementError ? " field--invalid" : ""}`}>
            <label htmlFor="field-statement">{t("nominate.statement")}</label>
            <p className="field__hint" id="field-statement-hint">
              {t("nominate.statementHint")}
            </p>
            <textarea
              id="field-statement"
              name="statement"
              rows={6}
              maxLength={2000}
              defaultValue={state?.values?.statement}
              aria-invalid={statementError ? true : undefined}
              aria-describedby={`field-statement-hint${statementError ? " field-statement-error" : ""}`}
            />
            {statementError ? (
              <p className="field__error" id="field-statement-error" role="alert">
                {t(statementError)}
              </p>
            ) : null}
          </div>
          {data.type.nomineeKind === "volunteer" ? (
            <div className="field field--checkbox">
              <input
                id="field-publishFullName"
                type="checkbox"
                name="publishFullName"
                defaultChecked={state?.values?.publishFullName === "on"}
              />
              <label htmlFor="field-publishFullName">{t("nominate.publishFullName")}</label>
            </div>
          ) : null}
          <p className="field__hint">{t("nominate.evidenceNote")}</p>
          <button type="submit" className="button button--primary" disabled={!data.eligible}>
            {t("nominate.submit")}
          </button>
        </Form>
      </div>
    </section>
  );
}
