import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { isFailure } from "~/components/form/useValidatedForm";
import { SubmitButton } from "~/components/form/ValidatedForm";
import { Notice } from "~/components/Notice";
import { Pagination } from "~/components/Pagination";
import { inAppMessage } from "~/domains/notifications/in-app-message";
import {
  listNotifications,
  markAllNotificationsRead,
  markNotificationRead,
} from "~/domains/notifications/inbox.server";
import { i18nServer } from "~/i18n.server";
import { getDb } from "~/utils/db.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { parseSubmission, searchParamsOf, submissionFailure } from "~/utils/forms.server";
import { requireUser } from "~/utils/permissions.server";

export const handle = { i18n: ["common", "notifications"] };

const PAGE_SIZE = 20;

const querySchema = z.object({ page: z.coerce.number().int().min(1).max(10_000).catch(1) });

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const { page } = querySchema.parse(Object.fromEntries(searchParamsOf(request)));
  const locale = await i18nServer.getLocale(request);
  const t = await i18nServer.getFixedT(locale, "notifications");
  const list = await listNotifications(await getDb(), user.id, { page, pageSize: PAGE_SIZE });
  const format = new Intl.DateTimeFormat(locale, {
    timeZone: "Asia/Shanghai",
    dateStyle: "medium",
    timeStyle: "short",
  });
  return {
    title: t("inbox.title"),
    page: list.page,
    total: list.total,
    unread: list.unread,
    // Rendered here in the reader's language; the stored data itself stays on the server.
    items: list.items.map((item) => ({
      id: item.id,
      ...inAppMessage((key, options) => String(t(key, options)), item.kind, item.data, locale),
      unread: item.readAt === null,
      createdAt: item.createdAt.toISOString(),
      createdAtText: format.format(item.createdAt),
    })),
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

/** The one-button forms of the inbox: mark one notification read (its button names it), or all. */
const actionSchema = z.discriminatedUnion(
  "intent",
  [
    z.object({
      intent: z.literal("read"),
      notificationId: z.uuid({ error: "notifications:inbox.notFound" }),
    }),
    z.object({ intent: z.literal("read-all") }),
  ],
  { error: "notifications:inbox.notFound" },
);

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const parsed = await parseSubmission(request, actionSchema);
  const notFound = (status: number) =>
    submissionFailure(parsed.values, {}, { status, formError: "notifications:inbox.notFound" });
  if (!parsed.success) return notFound(400);
  const db = await getDb();
  // Back to the page of the list the button was on, with the message read once.
  const back = new URL(request.url);
  const done = (message: string, count: number) =>
    redirectWithFlash(request, `${back.pathname}${back.search}`, {
      kind: "success",
      message: `notifications:inbox.${message}`,
      values: { count },
    });
  if (parsed.data.intent === "read-all")
    return done("markedAllRead", await markAllNotificationsRead(db, user.id));
  // Someone else's notification answers exactly like a missing one.
  if (!(await markNotificationRead(db, user.id, parsed.data.notificationId))) return notFound(404);
  return done("markedRead", 1);
}

export default function Notifications() {
  const { t } = useTranslation("notifications");
  const data = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const refused = isFailure(answer) ? answer.formError : undefined;
  return (
    <section className="container page" aria-labelledby="notifications-title">
      <div className="page-header">
        <h1 id="notifications-title">{data.title}</h1>
        <Link to="/settings/notifications">{t("inbox.settingsLink")}</Link>
      </div>
      <p>{t("inbox.lead")}</p>
      {refused ? <Notice kind="error">{t(refused)}</Notice> : null}
      {data.total === 0 ? (
        <p className="empty-state">{t("inbox.empty")}</p>
      ) : (
        <>
          <div className="page-header">
            <p>{t("inbox.summary", { total: data.total, unread: data.unread })}</p>
            {data.unread > 0 ? (
              <Form method="post">
                <SubmitButton name="intent" value="read-all" className="button">
                  {t("inbox.markAllRead")}
                </SubmitButton>
              </Form>
            ) : null}
          </div>
          <ul className="list">
            {data.items.map((item) => (
              <li key={item.id} className={`list__item${item.unread ? " list__item--unread" : ""}`}>
                <h2 className="h3" id={`notification-${item.id}`}>
                  {item.unread ? (
                    <>
                      <span className="badge badge--unread">{t("inbox.unread")}</span>{" "}
                    </>
                  ) : null}
                  {item.title}
                </h2>
                {item.body ? <p>{item.body}</p> : null}
                <p className="list__meta">
                  <time dateTime={item.createdAt}>{item.createdAtText}</time>
                </p>
                {item.unread ? (
                  <Form method="post" className="actions">
                    <input type="hidden" name="intent" value="read" />
                    <SubmitButton
                      name="notificationId"
                      value={item.id}
                      className="button"
                      aria-describedby={`notification-${item.id}`}
                    >
                      {t("inbox.markRead")}
                    </SubmitButton>
                  </Form>
                ) : null}
              </li>
            ))}
          </ul>
          <Pagination page={data.page} pageSize={PAGE_SIZE} total={data.total} />
        </>
      )}
    </section>
  );
}
