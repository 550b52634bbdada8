import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { Notice } from "~/components/forms";
import { CategoryName, NeedStatusBadge, ReferralStatusBadge, ScoreParts } from "~/components/matching/labels";
import { can } from "~/domains/accounts/authorize";
import { minutesBetween } from "~/domains/matching/expiry";
import { needDetail } from "~/domains/matching/needs.server";
import { suggestProviders } from "~/domains/matching/ranking.server";
import { cancelReferral, sendReferral } from "~/domains/matching/referrals.server";
import { i18nServer } from "~/i18n.server";
import { getDb } from "~/utils/db.server";
import { formatDateTime } from "~/utils/dates";
import { withDomainErrors } from "~/utils/domain-errors.server";
import { getEnv } from "~/utils/env.server";
import { authorizeOrRespond, requireActor, requirePermission } from "~/utils/permissions.server";
import { clientIp } from "~/utils/session.server";
import { data as respond } from "@remix-run/node";
import { readFormData } from "~/utils/forms.server";
import { uuidParam } from "~/utils/params.server";

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
  };
});

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

const actionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("send"), providerId: z.string() }),
  z.object({ intent: z.literal("cancel"), referralId: z.string(), note: z.string().max(500).optional() }),
]);

export const action = withDomainErrors(async ({ request, params }: ActionFunctionArgs) => {
  const user = await requirePermission(request, "refer:help-need:office");
  const parsed = actionSchema.safeParse(Object.fromEntries(await readFormData(request)));
  if (!parsed.success) return respond({ error: "matching:errors.form" }, { status: 400 });
  const db = await getDb();
  const actor = { ...user.actor, ipAddress: clientIp(request) };
  const needId = uuidParam(params) ?? "";
  // The need must be the actor's office's (404 otherwise) before anything is done with it.
  await needDetail(db, user.actor, "office", needId);
  const uuid = z.uuid();
  if (parsed.data.intent === "send") {
    if (!uuid.safeParse(parsed.data.providerId).success)
      return respond({ error: "matching:errors.providerIneligible" }, { status: 400 });
    const result = await sendReferral(db, actor, {
      needId,
      providerId: parsed.data.providerId,
      graceMinutes: getEnv().REFERRAL_GRACE_MINUTES,
    });
    if (!result.ok) return respond({ error: result.error }, { status: 409 });
    return redirect(`/staff/needs/${needId}?sent=1`);
  }
  if (!uuid.safeParse(parsed.data.referralId).success)
    return respond({ error: "matching:errors.form" }, { status: 400 });
  const result = await cancelReferral(db, actor, parsed.data.referralId, parsed.data.note);
  if (!result.ok) return respond({ error: result.error }, { status: 409 });
  return redirect(`/staff/needs/${needId}?cancelled=1`);
});

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
  const failure = useActionData<typeof action>();
  const [params] = useSearchParams();
  const { need } = data;
  return (
    <section className="container page">
      <p>
        <Link to="/staff/needs">{t("detail.back")}</Link>
      </p>
      <h1>{data.title}</h1>
      {params.get("registered") ? <Notice kind="success">{t("detail.registered")}</Notice> : null}
      {params.get("sent") ? <Notice kind="success">{t("detail.sent")}</Notice> : null}
      {params.get("cancelled") ? <Notice kind="success">{t("detail.cancelled")}</Notice> : null}
      {failure && "error" in failure ? <Notice kind="error">{t(failure.error)}</Notice> : null}
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
                  <td>
                    {referral.cancellable ? (
                      <Form method="post">
                        <input type="hidden" name="intent" value="cancel" />
                        <input type="hidden" name="referralId" value={referral.id} />
                        <button type="submit" className="button button--small">
                          {t("detail.cancel")}
                        </button>
                      </Form>
                    ) : null}
                  </td>
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
                  <Form method="post">
                    <input type="hidden" name="intent" value="send" />
                    <input type="hidden" name="providerId" value={suggestion.providerId} />
                    <button type="submit" className="button button--primary">
                      {t("suggestions.send", { name: suggestion.name })}
                    </button>
                  </Form>
                </li>
              ))}
            </ol>
          )}
        </>
      ) : null}
    </section>
  );
}
