import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data as respond } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { Notice } from "~/components/forms";
import { CategoryName } from "~/components/matching/labels";
import { confirmBatch, previewBatch } from "~/domains/matching/batch.server";
import { i18nServer } from "~/i18n.server";
import { getDb } from "~/utils/db.server";
import { withDomainErrors } from "~/utils/domain-errors.server";
import { getEnv } from "~/utils/env.server";
import { requirePermission } from "~/utils/permissions.server";
import { clientIp } from "~/utils/session.server";
import { readFormData } from "~/utils/forms.server";

export const handle = { i18n: ["common", "matching"] };

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "refer:help-need:office");
  const preview = await previewBatch(await getDb(), user.actor);
  const t = await i18nServer.getFixedT(request, "matching");
  return { title: t("batch.title"), preview };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

const pairSchema = z.string().regex(/^[0-9a-f-]{36}:[0-9a-f-]{36}$/);

export const action = withDomainErrors(async ({ request }: ActionFunctionArgs) => {
  const user = await requirePermission(request, "refer:help-need:office");
  const formData = await readFormData(request);
  const pairs = formData.getAll("pair").map(String);
  if (pairs.length === 0 || !pairs.every((pair) => pairSchema.safeParse(pair).success))
    return respond({ ok: false as const, error: "matching:batch.nothingChosen" }, { status: 400 });
  const result = await confirmBatch(
    await getDb(),
    { ...user.actor, ipAddress: clientIp(request) },
    pairs.map((pair) => {
      const [needId, providerId] = pair.split(":") as [string, string];
      return { needId, providerId };
    }),
    getEnv().REFERRAL_GRACE_MINUTES,
  );
  return { ok: true as const, sent: result.sent, failed: result.failed.length };
});

export default function BatchMatching() {
  const { t } = useTranslation("matching");
  const { preview, title } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  return (
    <section className="container page">
      <p>
        <Link to="/staff/needs">{t("detail.back")}</Link>
      </p>
      <h1>{title}</h1>
      <p>{t("batch.lead")}</p>
      {answer?.ok ? (
        <Notice kind="success">{t("batch.done", { sent: answer.sent, failed: answer.failed })}</Notice>
      ) : null}
      {answer && !answer.ok ? <Notice kind="error">{t(answer.error)}</Notice> : null}
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
          <Form method="post">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">{t("batch.keep")}</th>
                  <th scope="col">{t("fields.caseCode")}</th>
                  <th scope="col">{t("fields.category")}</th>
                  <th scope="col">{t("fields.urgency")}</th>
                  <th scope="col">{t("fields.provider")}</th>
                  <th scope="col">{t("batch.score")}</th>
                </tr>
              </thead>
              <tbody>
                {preview.pairs.map((pair) => (
                  <tr key={pair.needId}>
                    <td>
                      <input
                        type="checkbox"
                        name="pair"
                        value={`${pair.needId}:${pair.providerId}`}
                        defaultChecked
                        aria-label={t("batch.keepPair", {
                          caseCode: pair.caseCode,
                          provider: pair.providerName,
                        })}
                      />
                    </td>
                    <td>
                      <Link to={`/staff/needs/${pair.needId}`}>
                        <code>{pair.caseCode}</code>
                      </Link>
                    </td>
                    <td>
                      <CategoryName id={pair.categoryId} />
                    </td>
                    <td>{t(`urgencies.${pair.urgency}`)}</td>
                    <td>{pair.providerName}</td>
                    <td>{pair.score}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <button type="submit" className="button button--primary">
              {t("batch.confirm")}
            </button>
          </Form>
        </>
      )}
    </section>
  );
}
