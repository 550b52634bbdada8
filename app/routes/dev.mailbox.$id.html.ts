import type { LoaderFunctionArgs } from "@remix-run/node";
import { getDevMailboxMessage, isDevMailboxEnabled } from "~/domains/notifications/mailbox.server";
import { getDb } from "~/utils/db.server";
import { getEnv } from "~/utils/env.server";

/**
 * Email HTML relies on inline styles, and the mailbox page frames it; the portal's page CSP forbids
 * both. server/app.ts leaves this one route's CSP to it: no scripts, no network, framed only by us.
 */
const MAIL_CSP = [
  "default-src 'none'",
  "style-src 'unsafe-inline'",
  "img-src data:",
  "font-src data:",
  "frame-ancestors 'self'",
  "base-uri 'none'",
  "form-action 'none'",
].join("; ");

export async function loader({ params }: LoaderFunctionArgs) {
  if (!isDevMailboxEnabled(getEnv())) throw new Response("Not found", { status: 404 });
  const message = await getDevMailboxMessage(await getDb(), params.id ?? "");
  if (!message) throw new Response("Not found", { status: 404 });
  return new Response(message.html, {
    headers: {
      "Content-Type": "text/html; charset=utf-8",
      "Content-Security-Policy": MAIL_CSP,
      "X-Frame-Options": "SAMEORIGIN",
      "Cache-Control": "no-store",
    },
  });
}
