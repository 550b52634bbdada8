import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getDevMailboxMessage, isDevMailboxEnabled } from "~/domains/notifications/mailbox.server";
import { i18nServer } from "~/i18n.server";
import { getDb } from "~/utils/db.server";
import { getEnv } from "~/utils/env.server";

export const handle = { i18n: ["common", "notifications"] };

export async function loader({ request, params }: LoaderFunctionArgs) {
  if (!isDevMailboxEnabled(getEnv())) throw new Response("Not found", { status: 404 });
  const message = await getDevMailboxMessage(await getDb(), params.id ?? "");
  if (!message) throw new Response("Not found", { status: 404 });
  const locale = await i18nServer.getLocale(request);
  const format = new Intl.DateTimeFormat(locale, {
    timeZone: "Asia/Shanghai",
    dateStyle: "medium",
    timeStyle: "medium",
  });
  return {
    id: message.id,
    from: message.fromAddress,
    to: message.toAddress,
    subject: message.subject,
    text: message.text,
    createdAt: format.format(message.createdAt),
    attachments: (message.attachments as { filename: string; contentType: string; content: string }[]).map(
      (file) => ({
        filename: file.filename,
        href: `data:${file.contentType.split(";")[0]};base64,${file.content}`,
      }),
    ),
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.subject }];

export default function DevMailboxMessage() {
  const mail = useLoaderData<typeof loader>();
  const { t } = useTranslation("notifications");
  return (
    <section className="container page" aria-labelledby="mail-subject">
      <p>
        <Link to="/dev/mailbox">{t("mailbox.back")}</Link>
      </p>
      <h1 id="mail-subject">{mail.subject}</h1>
      <dl>
        <dt>{t("mailbox.from")}</dt>
        <dd>{mail.from}</dd>
        <dt>{t("mailbox.to")}</dt>
        <dd>{mail.to}</dd>
        <dt>{t("mailbox.sentAt")}</dt>
        <dd>{mail.createdAt}</dd>
      </dl>
      <h2>{t("mailbox.htmlVersion")}</h2>
      {/* Sandboxed: captured mail is untrusted markup and must not run scripts in the portal's origin. */}
      <iframe
        src={`/dev/mailbox/${mail.id}/html`}
        title={t("mailbox.frameTitle")}
        sandbox=""
        width="100%"
        height="640"
        className="mail-frame"
      />
      <h2>{t("mailbox.textVersion")}</h2>
      <pre className="mail-text">{mail.text}</pre>
      {mail.attachments.length > 0 ? (
        <>
          <h2>{t("mailbox.attachments")}</h2>
          <ul>
            {mail.attachments.map((file) => (
              <li key={file.filename}>
                <a href={file.href} download={file.filename}>
                  {file.filename}
                </a>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}
