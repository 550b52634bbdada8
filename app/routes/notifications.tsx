import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data as respond } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { Notice } from "~/components/forms";
import { Pagination } from "~/components/Pagination";
import { inAppMessage } from "~/domains/notifications/in-app-message";
import {
  listNotifications,
  markAllNotificationsRead,
  markNotificationRead,
} from "~/domains/notifications/inbox.server";
import { i18nServer } from "~/i18n.server";
import { getDb } from "~/utils/db.server";
import { requireUser } from "~/utils/permissions.server";
import { readFormData, searchParamsOf } from "~/utils/forms.server";

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

const actionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("read"), notificationId: z.uuid() }),
  z.object({ intent: z.literal("read-all") }),
]);

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const parsed = actionSchema.safeParse(Object.fromEntries(await readFormData(request)));
  if (!parsed.success) return respond({ error: "inbox.notFound" as const }, { status: 400 });
  const db = await getDb();
  if (parsed.data.intent === "read-all") {
    return { done: "read-all" as const, count: await markAllNotificationsRead(db, user.id) };
  }
  // Someone else's notification answers exactly like a missing one.
  if (!(await markNotificationRead(db, user.id, parsed.data.notificationId))) {
    return respond({ error: "inbox.notFound" as const }, { status: 404 });
  }
  return { done: "read" as const, count: 1 };
}

export default function Notifications() {
  const { t } = useTranslation("notifications");
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <section className="container page" aria-labelledby="notifications-title">
      <div className="page-header">
        <h1 id="notifications-title">{data.title}</h1>
        <Link to="/settings/notifications">{t("inbox.settingsLink")}</Link>
      </div>
      <p>{t("inbox.lead")}</p>
      {result && "done" in result ? (
        <Notice kind="success">
          {result.done === "read-all"
            ? t("inbox.markedAllRead", { count: result.count })
            : t("inbox.markedRead")}
        </Notice>
      ) : null}
      {result && "error" in result ? <Notice kind="error">{t(result.error)}</Notice> : null}
      {data.total === 0 ? (
        <p className="empty-state">{t("inbox.empty")}</p>
      ) : (
        <>
          <div className="page-header">
            <p>{t("inbox.summary", { total: data.total, unread: data.unread })}</p>
            {data.unread > 0 ? (
              <Form method="post">
                <input type="hidden" name="intent" value="read-all" />
                <button type="submit" className="button">
                  {t("inbox.markAllRead")}
                </button>
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
                    <input type="hidden" name="notificationId" value={item.id} />
                    <button type="submit" className="button" aria-describedby={`notification-${item.id}`}>
                      {t("inbox.markRead")}
                    </button>
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
