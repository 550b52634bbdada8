import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { useValidatedForm } from "~/components/form/useValidatedForm";
import { SubmitButton, ValidatedForm } from "~/components/form/ValidatedForm";
import { CategoryName, NeedStatusBadge, ReferralStatusBadge, ScoreParts } from "~/components/matching/labels";
import { SubmissionKey } from "~/components/SubmissionKey";
import { can } from "~/domains/accounts/authorize";
import { minutesBetween } from "~/domains/matching/expiry";
import { needDetail } from "~/domains/matching/needs.server";
import { suggestProviders } from "~/domains/matching/ranking.server";
import { cancelReferral, sendReferral } from "~/domains/matching/referrals.server";
import { cancelReferralSchema, sendReferralSchema } from "~/domains/matching/validation";
import { createOnce } from "~/domains/submissions.server";
import { i18nServer } from "~/i18n.server";
import { getDb } from "~/utils/db.server";
import { formatDateTime } from "~/utils/dates";
import { withDomainErrors } from "~/utils/domain-errors.server";
import { getEnv } from "~/utils/env.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { readFormData, submissionFailure, validateSubmission } from "~/utils/forms.server";
import { authorizeOrRespond, notFound, requireActor, requirePermission } from "~/utils/permissions.server";
import { clientIp } from "~/utils/session.server";
import { uuidParam } from "~/utils/params.server";
import { newSubmissionKey, submissionKeyOf } from "~/utils/submission-key.server";

export const handle = { i18n: ["common", "matching"] };

export const loader = withDomainErrors(async ({ request, params }: LoaderFunctionArgs) => {
  const user = await requireActor(request);
  const scope = authorizeOrRespond(user.actor, "read:help-need");
  const db = await getDb();
  const { need, referrals } = await needDetail(db, user.actor, scope, uuidParam(params) ?? "");
  const canRefer = can(user.actor, "refer:help-need:office") && need.officeId === user.actor.organizationId;
  const suggestions =
    canRefer && need.status === "open" ? await suggestProviders(db, user.actor, "office", need.id) : null;
  const t = await i18nServer.getFixedT(request, "matching");
  return {
    title: t("detail.title", { caseCode: need.caseCode }),
    need: {
      ...need,
      respondBy: need.respondBy.toISOString(),
      createdAt: need.createdAt.toISOString(),
      closedAt: need.closedAt?.toISOString() ?? null,
    },
    referrals: referrals.map((referral) => ({
      id: referral.id,
      providerName: referral.providerName,
      status: referral.status,
      score: referral.score === null ? null : referral.score / 10,
      sentAt: referral.sentAt?.toISOString() ?? null,
      dueAt: referral.dueAt?.toISOString() ?? null,
      declineReason: referral.declineReason,
      declineNote: referral.declineNote,
      outcomeNote: referral.outcomeNote,
      minutesToAccept:
        referral.sentAt && referral.answeredAt && referral.status !== "declined"
          ? minutesBetween(referral.sentAt, referral.answeredAt)
          : null,
      minutesToClose:
        referral.sentAt &&
        referral.closedAt &&
        (referral.status === "resolved" || referral.status === "not_resolved")
          ? minutesBetween(referral.sentAt, referral.closedAt)
          : null,
      cancellable: canRefer && ["draft", "sent", "accepted", "in_progress"].includes(referral.status),
    })),
    suggestions,
    canRefer,
    // The send forms' idempotency key: a double click or a replay sends one referral.
    submissionKey: canRefer ? newSubmissionKey() : null,
  };
});

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

const intentSchema = z.object({ intent: z.enum(["send", "cancel"]) });

/** The id of one row's form: a refusal shows at the suggestion or referral it concerns. */
const rowForm = (intent: string, id: FormDataEntryValue | null) =>
  `${intent}-${typeof id === "string" ? id.slice(0, 36) : ""}`;

export const action = withDomainErrors(async ({ request, params }: ActionFunctionArgs) => {
  const user = await requirePermission(request, "refer:help-need:office");
  const formData = await readFormData(request);
  const db = await getDb();
  const actor = { ...user.actor, ipAddress: clientIp(request) };
  const needId = uuidParam(params) ?? "";
  // The need must be the actor's office's (404 otherwise) before anything is done with it.
  const { referrals } = await needDetail(db, user.actor, "office", needId);
  const page = `/staff/needs/${needId}`;
  const intent = intentSchema.safeParse(Object.fromEntries(formData));
  if (!intent.success) return submissionFailure(formData, {}, { formError: "matching:errors.form" });

  if (intent.data.intent === "send") {
    const form = rowForm("send", formData.get("providerId"));
    const parsed = await validateSubmission(formData, sendReferralSchema, form);
    if (!parsed.success) return parsed.failure;
    const key = submissionKeyOf(formData);
    if (!key) return submissionFailure(parsed.values, {}, { formError: "validation:form.invalid", form });
    // One referral per rendered page, however often a send is posted (double click, replay).
    const once = await createOnce(
      db,
      { userId: user.id, key, entity: "referral" },
      (tx) =>
        sendReferral(tx, actor, {
          needId,
          providerId: parsed.data.providerId,
          graceMinutes: getEnv().REFERRAL_GRACE_MINUTES,
        }),
      (sent) => (sent.ok ? sent.referralId : null),
    );
    if (!once.replayed && !once.result.ok)
      return submissionFailure(parsed.values, {}, { status: 409, formError: once.result.error, form });
    return redirectWithFlash(request, page, { kind: "success", message: "matching:detail.sent" });
  }

  const form = rowForm("cancel", formData.get("referralId"));
  const parsed = await validateSubmission(formData, cancelReferralSchema, form);
  if (!parsed.success) return parsed.failure;
  // Only a referral of this need is withdrawn from its page.
  if (!referrals.some((referral) => referral.id === parsed.data.referralId)) notFound();
  const result = await cancelReferral(db, actor, parsed.data.referralId, parsed.data.note);
  if (!result.ok) return submissionFailure(parsed.values, {}, { status: 409, formError: result.error, form });
  return redirectWithFlash(request, page, { kind: "success", message: "matching:detail.cancelled" });
});

/** The schemas load with zod on the first validation, not with the page (first-load JS budget). */
const loadSendSchema = () =>
  import("~/domains/matching/validation").then((module) => module.sendReferralSchema);
const loadCancelSchema = () =>
  import("~/domains/matching/validation").then((module) => module.cancelReferralSchema);

/** Sends the need to one suggested provider: its own form, so a refusal shows at that suggestion. */
function SendForm({
  providerId,
  name,
  submissionKey,
}: {
  providerId: string;
  name: string;
  submissionKey: string;
}) {
  const { t } = useTranslation("matching");
  const form = useValidatedForm({ schema: loadSendSchema, id: `send-${providerId}` });
  return (
    <ValidatedForm form={form}>
      <SubmissionKey value={submissionKey} />
      <input type="hidden" name="intent" value="send" />
      <input type="hidden" name="providerId" value={providerId} />
      <SubmitButton>{t("suggestions.send", { name })}</SubmitButton>
    </ValidatedForm>
  );
}

/** Withdraws one live referral (its own form per row). */
function CancelForm({ referralId }: { referralId: string }) {
  const { t } = useTranslation("matching");
  const form = useValidatedForm({ schema: loadCancelSchema, id: `cancel-${referralId}` });
  return (
    <ValidatedForm form={form}>
      <input type="hidden" name="intent" value="cancel" />
      <input type="hidden" name="referralId" value={referralId} />
      <SubmitButton className="button button--small">{t("detail.cancel")}</SubmitButton>
    </ValidatedForm>
  );
}

function Duration({ minutes }: { minutes: number }) {
  const { t } = useTranslation("matching");
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const rest = minutes % 60;
  if (days > 0) return <>{t("durations.dh", { days, hours })}</>;
  return <>{t("durations.hm", { hours, minutes: rest })}</>;
}

export default function NeedDetail() {
  const { t, i18n } = useTranslation("matching");
  const data = useLoaderData<typeof loader>();
  const { need } = data;
  return (
    <section className="container page">
      <p>
        <Link to="/staff/needs">{t("detail.back")}</Link>
      </p>
      <h1>{data.title}</h1>
      <dl className="facts">
        <dt>{t("fields.status")}</dt>
        <dd>
          <NeedStatusBadge status={need.status} />
        </dd>
        <dt>{t("fields.category")}</dt>
        <dd>
          <CategoryName id={need.categoryId} />
        </dd>
        <dt>{t("fields.urgency")}</dt>
        <dd>{t(`urgencies.${need.urgency}`)}</dd>
        <dt>{t("fields.respondBy")}</dt>
        <dd>{formatDateTime(need.respondBy, i18n.language)}</dd>
        <dt>{t("fields.area")}</dt>
        <dd>{need.area}</dd>
        <dt>{t("fields.languages")}</dt>
        <dd>{need.languages.join("、") || "—"}</dd>
        <dt>{t("fields.genderRequirement")}</dt>
        <dd>{t(`genderRequirements.${need.genderRequirement}`)}</dd>
        <dt>{t("fields.description")}</dt>
        <dd>{need.description}</dd>
        {need.outcomeNote ? (
          <>
            <dt>{t("fields.outcome")}</dt>
            <dd data-testid="need-outcome">{need.outcomeNote}</dd>
          </>
        ) : null}
      </dl>

      <h2>{t("detail.referrals")}</h2>
      {data.referrals.length === 0 ? (
        <p className="empty-state">{t("detail.noReferrals")}</p>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t("fields.provider")}</th>
              <th scope="col">{t("fields.status")}</th>
              <th scope="col">{t("fields.sentAt")}</th>
              <th scope="col">{t("fields.timeToAccept")}</th>
              <th scope="col">{t("fields.timeToClose")}</th>
              <th scope="col">{t("fields.note")}</th>
              {data.canRefer ? <th scope="col">{t("detail.actions")}</th> : null}
            </tr>
          </thead>
          <tbody>
            {data.referrals.map((referral) => (
              <tr key={referral.id}>
                <td>{referral.providerName}</td>
                <td>
                  <ReferralStatusBadge status={referral.status} />
                  {referral.status === "sent" && referral.dueAt ? (
                    <div className="table__secondary">
                      {t("detail.dueAt", { dueAt: formatDateTime(referral.dueAt, i18n.language) })}
                    </div>
                  ) : null}
                </td>
                <td>{referral.sentAt ? formatDateTime(referral.sentAt, i18n.language) : "—"}</td>
                <td data-testid="time-to-accept">
                  {referral.minutesToAccept !== null ? <Duration minutes={referral.minutesToAccept} /> : "—"}
                </td>
                <td>
                  {referral.minutesToClose !== null ? <Duration minutes={referral.minutesToClose} /> : "—"}
                </td>
                <td>
                  {referral.declineReason ? t(`declineReasons.${referral.declineReason}`) : null}
                  {referral.declineNote ? ` — ${referral.declineNote}` : null}
                  {referral.outcomeNote ?? null}
                </td>
                {data.canRefer ? (
                  <td>{referral.cancellable ? <CancelForm referralId={referral.id} /> : null}</td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      )}

      {data.suggestions ? (
        <>
          <h2>{t("suggestions.title")}</h2>
          <p>{t("suggestions.lead")}</p>
          {data.suggestions.excludedCount > 0 ? (
            <p>{t("suggestions.excluded", { count: data.suggestions.excludedCount })}</p>
          ) : null}
          {data.suggestions.suggestions.length === 0 ? (
            <p className="empty-state">{t("suggestions.empty")}</p>
          ) : (
            <ol className="suggestions">
              {data.suggestions.suggestions.map((suggestion) => (
                <li key={suggestion.providerId} className="panel suggestion">
                  <h3>
                    {suggestion.name}{" "}
                    <span className="badge">{t("suggestions.score", { score: suggestion.score })}</span>
                  </h3>
                  <details>
                    <summary>{t("suggestions.why")}</summary>
                    <ScoreParts parts={suggestion.parts} />
                  </details>
                  {data.submissionKey ? (
                    <SendForm
                      providerId={suggestion.providerId}
                      name={suggestion.name}
                      submissionKey={data.submissionKey}
                    />
                  ) : null}
                </li>
              ))}
            </ol>
          )}
        </>
      ) : null}
    </section>
  );
}
