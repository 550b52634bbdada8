import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { isFailure } from "~/components/form/useValidatedForm";
import { SubmitButton } from "~/components/form/ValidatedForm";
import { Notice } from "~/components/Notice";
import { Pagination } from "~/components/Pagination";
import { listDeadLetters, retryDeadLetter } from "~/domains/notifications/outbox-admin.server";
import { i18nServer } from "~/i18n.server";
import { getDb } from "~/utils/db.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { parseSubmission, searchParamsOf, submissionFailure } from "~/utils/forms.server";
import { requirePermission } from "~/utils/permissions.server";

export const handle = { i18n: ["common", "notifications"] };

const PAGE_SIZE = 20;
const PERMISSION = "manage:outbox:any";

const querySchema = z.object({ page: z.coerce.number().int().min(1).max(10_000).catch(1) });

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, PERMISSION);
  const { page } = querySchema.parse(Object.fromEntries(searchParamsOf(request)));
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

/** The retry button of one dead letter; the recipient is posted only to name it in the message. */
const retrySchema = z.object({
  outboxId: z.uuid({ error: "notifications:outbox.notDead" }),
  recipient: z.string().trim().optional(),
});

/** Longest recipient the flash names (its values are short); a longer one is not repeated. */
const FLASH_RECIPIENT_MAX = 120;

export async function action({ request }: ActionFunctionArgs) {
  await requirePermission(request, PERMISSION);
  const parsed = await parseSubmission(request, retrySchema);
  const notDead = (status: number) =>
    submissionFailure(parsed.values, {}, { status, formError: "notifications:outbox.notDead" });
  if (!parsed.success) return notDead(400);
  // Already retried (a double click, another admin) or never dead: say so rather than fail.
  if (!(await retryDeadLetter(await getDb(), parsed.data.outboxId))) return notDead(409);
  const recipient = parsed.data.recipient ?? "";
  const back = new URL(request.url);
  return redirectWithFlash(
    request,
    `${back.pathname}${back.search}`,
    recipient && recipient.length <= FLASH_RECIPIENT_MAX
      ? { kind: "success", message: "notifications:outbox.retried", values: { recipient } }
      : { kind: "success", message: "notifications:outbox.retriedUnnamed" },
  );
}

export default function AdminOutbox() {
  const { t } = useTranslation("notifications");
  const data = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const refused = isFailure(answer) ? answer.formError : undefined;
  return (
    <section className="container page" aria-labelledby="outbox-title">
      <h1 id="outbox-title">{data.title}</h1>
      <p>{t("outbox.lead")}</p>
      {refused ? <Notice kind="error">{t(refused)}</Notice> : null}
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
                  <input type="hidden" name="recipient" value={item.recipientEmail} />
                  <SubmitButton
                    name="outboxId"
                    value={item.id}
                    className="button"
                    aria-describedby={`dead-${item.id}`}
                  >
                    {t("outbox.retry")}
                  </SubmitButton>
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
