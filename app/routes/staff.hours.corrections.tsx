import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { TextareaField } from "~/components/form/fields";
import { useValidatedForm } from "~/components/form/useValidatedForm";
import { SubmitButton, ValidatedForm } from "~/components/form/ValidatedForm";
import { Pagination } from "~/components/Pagination";
import { hoursOf } from "~/domains/volunteers/format";
import { decideCorrection, listPendingCorrections } from "~/domains/volunteers/hour-corrections.server";
import { REASON_MAX } from "~/domains/volunteers/hours-limits";
import { correctionDecisionSchema } from "~/domains/volunteers/hours-validation";
import { i18nServer } from "~/i18n.server";
import { getDb } from "~/utils/db.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { readFormData, searchParamsOf, submissionFailure, validateSubmission } from "~/utils/forms.server";
import { authorizeOrRespond, notFound, requireActor } from "~/utils/permissions.server";
import { clientIp } from "~/utils/session.server";
import * as clock from "~/utils/clock.server";

export const handle = { i18n: ["common", "hours", "validation"] };

const PAGE_SIZE = 25;

async function decider(request: Request) {
  const user = await requireActor(request);
  const scope = authorizeOrRespond(user.actor, "approve:hour-correction");
  return { user, scope };
}

export async function loader({ request }: LoaderFunctionArgs) {
  const { user, scope } = await decider(request);
  const page = z.coerce
    .number()
    .int()
    .min(1)
    .max(10_000)
    .catch(1)
    .parse(searchParamsOf(request).get("page") ?? 1);
  const { rows, total } = await listPendingCorrections(await getDb(), {
    scope,
    actor: user,
    page,
    pageSize: PAGE_SIZE,
  });
  const t = await i18nServer.getFixedT(request, "hours");
  return {
    title: t("corrections.title"),
    rows: rows.map((row) => ({ ...row, createdAt: row.createdAt.toISOString() })),
    total,
    page,
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export async function action({ request }: ActionFunctionArgs) {
  const { user, scope } = await decider(request);
  const formData = await readFormData(request);
  // Each request's form has its own id, so a refusal shows at that request only.
  const correctionId = formData.get("correctionId");
  const form = `decide-${typeof correctionId === "string" ? correctionId.slice(0, 36) : ""}`;
  const parsed = await validateSubmission(formData, correctionDecisionSchema, form);
  if (!parsed.success) return parsed.failure;
  const result = await decideCorrection(await getDb(), {
    actor: { ...user, ipAddress: clientIp(request) },
    scope,
    correctionId: parsed.data.correctionId,
    decision: parsed.data.decision,
    reason: parsed.data.reason || null,
    now: clock.now(),
  });
  if (!result.ok && result.reason === "notFound") notFound();
  if (!result.ok)
    return submissionFailure(
      parsed.values,
      {},
      { status: 409, form, formError: "validation:hourReview.stale" },
    );
  const back = new URL(request.url);
  return redirectWithFlash(request, `${back.pathname}${back.search}`, {
    kind: "success",
    message:
      parsed.data.decision === "approve"
        ? "hours:corrections.approvedNotice"
        : "hours:corrections.rejectedNotice",
  });
}

/** The schema loads with zod on the first validation, not with the page (first-load JS budget). */
const loadDecisionSchema = () =>
  import("~/domains/volunteers/hours-validation").then((module) => module.correctionDecisionSchema);

export default function CorrectionRequests() {
  const { t, i18n } = useTranslation("hours");
  const loaded = useLoaderData<typeof loader>();
  const language = i18n.language;
  return (
    <section className="container page">
      <p>
        <Link to="/staff/hours">{t("corrections.back")}</Link>
      </p>
      <h1>{loaded.title}</h1>
      <p>{t("corrections.lead")}</p>
      {loaded.rows.length === 0 ? (
        <p className="empty-state">{t("corrections.empty")}</p>
      ) : (
        <ul className="list">
          {loaded.rows.map((row) => {
            return (
              <li key={row.id} className="list__item">
                <h2 className="h3">
                  {row.volunteerName} <small>{row.volunteerNumber}</small> · {row.serviceDate} ·{" "}
                  {row.activityTitle ?? row.originalDescription}
                </h2>
                <dl className="facts">
                  <dt>{t("corrections.requestedBy")}</dt>
                  <dd>
                    {row.requestedByName}{" "}
                    {row.requestedByVolunteer ? t("corrections.byVolunteer") : t("corrections.byOrganizer")}
                  </dd>
                  <dt>{t("corrections.original")}</dt>
                  <dd>
                    {hoursOf(row.originalMinutes, language)} {t("corrections.hoursUnit")} ·{" "}
                    {row.originalDescription}
                  </dd>
                  <dt>{t("corrections.proposed")}</dt>
                  <dd>
                    {hoursOf(row.proposedMinutes, language)} {t("corrections.hoursUnit")} ·{" "}
                    {row.proposedDescription}
                  </dd>
                  <dt>{t("correction.reason")}</dt>
                  <dd>{row.reason}</dd>
                </dl>
                <DecisionForm correctionId={row.id} />
              </li>
            );
          })}
        </ul>
      )}
      <Pagination page={loaded.page} pageSize={PAGE_SIZE} total={loaded.total} />
    </section>
  );
}

/** One request's decision: its own form (id `decide-<correction id>`), with the reason field. */
function DecisionForm({ correctionId }: { correctionId: string }) {
  const { t } = useTranslation("hours");
  const id = `decide-${correctionId}`;
  const form = useValidatedForm({ schema: loadDecisionSchema, id, fieldPrefix: `${id}-` });
  return (
    <ValidatedForm form={form}>
      <input type="hidden" name="correctionId" value={correctionId} />
      <TextareaField
        name="reason"
        label={t("corrections.decisionReason")}
        hint={t("corrections.decisionReasonHint")}
        rows={2}
        maxLength={REASON_MAX}
      />
      <div className="actions">
        <SubmitButton name="decision" value="approve">
          {t("corrections.approve")}
        </SubmitButton>
        <SubmitButton name="decision" value="reject" className="button">
          {t("corrections.reject")}
        </SubmitButton>
      </div>
    </ValidatedForm>
  );
}
