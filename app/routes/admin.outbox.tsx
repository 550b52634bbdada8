import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data as respond } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { Notice } from "~/components/forms";
import { Pagination } from "~/components/Pagination";
import { listDeadLetters, retryDeadLetter } from "~/domains/notifications/outbox-admin.server";
import { i18nServer } from "~/i18n.server";
import { getDb } from "~/utils/db.server";
import { requirePermission } from "~/utils/permissions.server";
import { readFormData } from "~/utils/forms.server";

export const handle = { i18n: ["common", "notifications"] };

const PAGE_SIZE = 20;
const PERMISSION = "manage:outbox:any";

const querySchema = z.object({ page: z.coerce.number().int().min(1).max(10_000).catch(1) });

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, PERMISSION);
  const { page } = querySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const locale = await i18nServer.getLocale(request);
  const t = await i18nServer.getFixedT(locale, "notifications");
  const list = await listDeadLetters(await getDb(), { page, pageSize: PAGE_SIZE });
  const format = new Intl.DateTimeFormat(locale, {
    timeZone: "Asia/Shanghai",
    dateStyle: "medium",
    timeStyle: "medium",
  });
  return {
    title: t("outbox.title"),
    page: list.page,
    total: list.total,
    items: list.items.map((item) => ({
      id: item.id,
      kind: t(`kinds.${item.template}`, { defaultValue: item.template }),
      recipientEmail: item.recipientEmail,
      attempts: item.attempts,
      lastError: item.lastError,
      failedAt: item.updatedAt.toISOString(),
      failedAtText: format.format(item.updatedAt),
      createdAtText: format.format(item.createdAt),
    })),
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

const retrySchema = z.object({ outboxId: z.uuid() });

export async function action({ request }: ActionFunctionArgs) {
  await requirePermission(request, PERMISSION);
  const formData = await readFormData(request);
  const parsed = retrySchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return respond({ error: "outbox.notDead" as const }, { status: 400 });
  const recipient = String(formData.get("recipient") ?? "").slice(0, 320);
  // Already retried (a double click, another admin) or never dead: say so rather than fail.
  if (!(await retryDeadLetter(await getDb(), parsed.data.outboxId))) {
    return respond({ error: "outbox.notDead" as const }, { status: 409 });
  }
  return { retried: recipient };
}

export default function AdminOutbox() {
  const { t } = useTranslation("notifications");
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <section className="container page" aria-labelledby="outbox-title">
      <h1 id="outbox-title">{data.title}</h1>
      <p>{t("outbox.lead")}</p>
      {result && "retried" in result ? (
        <Notice kind="success">{t("outbox.retried", { recipient: result.retried })}</Notice>
      ) : null}
      {result && "error" in result ? <Notice kind="error">{t(result.error)}</Notice> : null}
      {data.total === 0 ? (
        <p className="empty-state">{t("outbox.empty")}</p>
      ) : (
        <>
          <ul className="list">
            {data.items.map((item) => (
              <li key={item.id} className="list__item">
                <h2 className="h3" id={`dead-${item.id}`}>
                  {item.kind} · {item.recipientEmail}
                </h2>
                <dl className="list__meta details-grid">
                  <dt>{t("outbox.attempts")}</dt>
                  <dd>{item.attempts}</dd>
                  <dt>{t("outbox.createdAt")}</dt>
                  <dd>{item.createdAtText}</dd>
                  <dt>{t("outbox.failedAt")}</dt>
                  <dd>
                    <time dateTime={item.failedAt}>{item.failedAtText}</time>
                  </dd>
                  <dt>{t("outbox.lastError")}</dt>
                  <dd className="error-text">{item.lastError ?? t("outbox.noError")}</dd>
                </dl>
                <Form method="post" className="actions">
                  <input type="hidden" name="outboxId" value={item.id} />
                  <input type="hidden" name="recipient" value={item.recipientEmail} />
                  <button type="submit" className="button" aria-describedby={`dead-${item.id}`}>
                    {t("outbox.retry")}
                  </button>
                </Form>
              </li>
            ))}
          </ul>
          <Pagination page={data.page} pageSize={PAGE_SIZE} total={data.total} />
        </>
      )}
    </section>
  );
}
