import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { DecisionForm } from "~/components/awards/DecisionForm";
import { NominationFacts, NominationHistory } from "~/components/awards/NominationDetail";
import { Objections, resolutionFormId } from "~/components/awards/Objections";
import type { Figures } from "~/domains/awards/eligibility";
import { decideNomination, getNomination, resolveObjection } from "~/domains/awards/nominations.server";
import { availableActions } from "~/domains/awards/nomination-status";
import { periodKeyOf } from "~/domains/awards/periods";
import { decisionSchema, resolutionSchema } from "~/domains/awards/validation";
import { i18nServer } from "~/i18n.server";
import { getDb } from "~/utils/db.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { readFormData, submissionFailure, validateSubmission } from "~/utils/forms.server";
import { notFound, requirePermission } from "~/utils/permissions.server";

export const handle = { i18n: ["common", "awards", "validation"] };

const idSchema = z.uuid();

async function load(request: Request, id: string | undefined) {
  const user = await requirePermission(request, "read:nomination:office");
  const parsed = idSchema.safeParse(id);
  if (!parsed.success) notFound();
  const nomination = await getNomination(await getDb(), user.actor, parsed.data);
  if (!nomination) notFound();
  return { user, nomination };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, nomination } = await load(request, params.id);
  const t = await i18nServer.getFixedT(request, "awards");
  const reviewer = user.actor.grants.includes("review:nomination:district");
  const actions = availableActions(
    { status: nomination.status, actorId: user.id, nominatedBy: nomination.nominatedBy },
    reviewer ? ["approve", "return", "reject", "revoke"] : ["resubmit", "withdraw"],
  );
  const evidence = nomination.evidence as { figures?: Figures };
  return {
    title: t("nomination.title", { name: nomination.nomineeName }),
    nomination: {
      status: nomination.status,
      nomineeKind: nomination.nomineeKind,
      publishFullName: nomination.publishFullName,
      typeNameZh: nomination.typeNameZh,
      typeNameEn: nomination.typeNameEn,
      periodKey: periodKeyOf(nomination.periodStart, nomination.periodEnd),
      statement: nomination.statement,
      figures: evidence.figures ?? {},
      officeName: nomination.officeName,
      nominatorName: nomination.nominatorName,
      reviewComment: nomination.reviewComment,
      noticeStartsOn: nomination.noticeStartsOn,
      noticeEndsOn: nomination.noticeEndsOn,
      certificateNumber: nomination.certificateNumber,
      revokeReason: nomination.revokeReason,
    },
    events: nomination.events.map((event) => ({ ...event, createdAt: event.createdAt.toISOString() })),
    objections: nomination.objections.map((objection) => ({
      id: objection.id,
      filerName: objection.filerName,
      filerContact: reviewer ? objection.filerContact : null,
      body: objection.body,
      status: objection.status,
      resolution: objection.resolution,
      createdAt: objection.createdAt.toISOString(),
    })),
    actions,
    canResolve: reviewer && nomination.status === "in_notice",
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

/** Two kinds of post: a decision on the nomination (`intent=decide`), or an objection resolved. */
export async function action({ request, params }: ActionFunctionArgs) {
  const { user, nomination } = await load(request, params.id);
  const formData = await readFormData(request);
  const db = await getDb();
  const done = (what: string) =>
    redirectWithFlash(request, `/staff/nominations/${nomination.id}`, {
      kind: "success",
      message: `awards:nomination.done.${what}`,
    });
  if (formData.get("intent") === "resolve") {
    const objectionId = formData.get("objectionId");
    const form = resolutionFormId(typeof objectionId === "string" ? objectionId : "");
    const parsed = await validateSubmission(formData, resolutionSchema, form);
    if (!parsed.success) return parsed.failure;
    const result = await resolveObjection(db, user.actor, parsed.data);
    if (!result.ok) {
      if (result.notFound) notFound();
      return result.field
        ? submissionFailure(parsed.values, { [result.field]: result.error }, { form })
        : submissionFailure(parsed.values, {}, { status: 409, formError: result.error, form });
    }
    return done("resolved");
  }
  const parsed = await validateSubmission(formData, decisionSchema, "decision");
  if (!parsed.success) return parsed.failure;
  const result = await decideNomination(db, user.actor, { id: nomination.id, ...parsed.data });
  if (!result.ok) {
    if (result.notFound) notFound();
    return result.field
      ? submissionFailure(parsed.values, { [result.field]: result.error }, { form: "decision" })
      : submissionFailure(parsed.values, {}, { status: 409, formError: result.error, form: "decision" });
  }
  return done(parsed.data.action);
}

export default function NominationPage() {
  const { t } = useTranslation("awards");
  const data = useLoaderData<typeof loader>();
  return (
    <section className="container page">
      <p>
        <Link to="/staff/nominations">{t("nominations.title")}</Link>
      </p>
      <h1>{data.title}</h1>
      <NominationFacts nomination={data.nomination} />
      {data.actions.length > 0 ? (
        <DecisionForm actions={data.actions} statement={data.nomination.statement} />
      ) : null}
      <Objections objections={data.objections} canResolve={data.canResolve} />
      <NominationHistory events={data.events} />
    </section>
  );
}
