import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { useValidatedForm } from "~/components/form/useValidatedForm";
import { SubmitButton, ValidatedForm } from "~/components/form/ValidatedForm";
import { BatchPairsField } from "~/components/matching/BatchPairsField";
import { SubmissionKey } from "~/components/SubmissionKey";
import { confirmBatch, previewBatch } from "~/domains/matching/batch.server";
import { batchConfirmSchema } from "~/domains/matching/validation";
import { createOnce } from "~/domains/submissions.server";
import { i18nServer } from "~/i18n.server";
import { getDb } from "~/utils/db.server";
import { withDomainErrors } from "~/utils/domain-errors.server";
import { getEnv } from "~/utils/env.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { parseSubmission, submissionFailure } from "~/utils/forms.server";
import { requirePermission } from "~/utils/permissions.server";
import { clientIp } from "~/utils/session.server";
import { newSubmissionKey, submissionKeyOf } from "~/utils/submission-key.server";

export const handle = { i18n: ["common", "matching", "validation"] };

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "refer:help-need:office");
  const preview = await previewBatch(await getDb(), user.actor);
  const t = await i18nServer.getFixedT(request, "matching");
  return { title: t("batch.title"), preview, submissionKey: newSubmissionKey() };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

const PAGE = "/staff/needs/batch";

export const action = withDomainErrors(async ({ request }: ActionFunctionArgs) => {
  const user = await requirePermission(request, "refer:help-need:office");
  const parsed = await parseSubmission(request, batchConfirmSchema);
  if (!parsed.success) return parsed.failure;
  const key = submissionKeyOf(parsed.formData);
  if (!key) return submissionFailure(parsed.values, {}, { formError: "validation:form.invalid" });
  // One run per rendered preview: a double click or a replay sends nothing twice and answers with
  // the run. The run is one transaction with its claim (needs locked in id order, so two runs of
  // the office queue instead of deadlocking); a pair that fails alone is skipped, as before.
  const pairs = [...parsed.data.pair].sort((a, b) => a.needId.localeCompare(b.needId));
  const once = await createOnce(
    await getDb(),
    { userId: user.id, key, entity: "batch-matching" },
    (tx) =>
      confirmBatch(
        tx,
        { ...user.actor, ipAddress: clientIp(request) },
        pairs,
        getEnv().REFERRAL_GRACE_MINUTES,
      ),
    // The run has no row of its own: its key names it. Nothing sent is nothing created — the
    // claim is given back and the form answers why.
    (run) => (run.sent > 0 ? key : null),
  );
  if (once.replayed)
    return redirectWithFlash(request, PAGE, { kind: "success", message: "matching:batch.replayed" });
  const run = once.result;
  if (run.sent === 0)
    return submissionFailure(parsed.values, {}, { status: 409, formError: "matching:batch.noneSent" });
  return redirectWithFlash(request, PAGE, {
    kind: "success",
    message: "matching:batch.done",
    values: { sent: run.sent, failed: run.failed.length },
  });
});

/** The schema loads with zod on the first validation, not with the page (first-load JS budget). */
const loadBatchSchema = () =>
  import("~/domains/matching/validation").then((module) => module.batchConfirmSchema);

export default function BatchMatching() {
  const { t } = useTranslation("matching");
  const { preview, title, submissionKey } = useLoaderData<typeof loader>();
  const form = useValidatedForm({ schema: loadBatchSchema });
  return (
    <section className="container page">
      <p>
        <Link to="/staff/needs">{t("detail.back")}</Link>
      </p>
      <h1>{title}</h1>
      <p>{t("batch.lead")}</p>
      {!preview || preview.pairs.length === 0 ? (
        <p className="empty-state">{t("batch.empty")}</p>
      ) : (
        <>
          <p>
            {t("batch.summary", {
              needs: preview.needCount,
              providers: preview.providerCount,
              assigned: preview.pairs.length,
              unassigned: preview.unassigned,
            })}
          </p>
          <p>
            {t("batch.totals", {
              total: preview.totalScore.toFixed(1),
              greedy: preview.greedyScore.toFixed(1),
              gap: (preview.greedyGap * 100).toFixed(1),
            })}
          </p>
          <ValidatedForm form={form}>
            <SubmissionKey value={submissionKey} />
            <BatchPairsField pairs={preview.pairs} />
            <SubmitButton>{t("batch.confirm")}</SubmitButton>
          </ValidatedForm>
        </>
      )}
    </section>
  );
}
