import type { APIRequestContext } from "@playwright/test";
import { fakeResendPort } from "../fixtures/fake-resend";

export interface ReceivedEmail {
  id: string;
  from: string;
  to: string[];
  subject: string;
  html: string;
  text: string;
  attachments: { filename: string; content_type?: string; content: string }[];
  receivedAt: string;
}

/** Where this suite's fake Resend server listens (see playwright.config.ts). */
export const fakeResendUrl = `http://127.0.0.1:${fakeResendPort(Number(process.env.E2E_PORT ?? 3100))}`;

/**
 * Waits until the fake Resend server has received a mail for `to` (and whose subject matches, if
 * given) and returns the newest one. Mail goes out through the dispatcher, so it takes a poll or two.
 */
export async function waitForEmail(
  request: APIRequestContext,
  { to, subject, timeoutMs = 15_000 }: { to: string; subject?: string | RegExp; timeoutMs?: number },
): Promise<ReceivedEmail> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const response = await request.get(`${fakeResendUrl}/__test/emails?to=${encodeURIComponent(to)}`);
    const { emails } = (await response.json()) as { emails: ReceivedEmail[] };
    const matching = emails.filter((email) =>
      subject === undefined
        ? true
        : typeof subject === "string"
          ? email.subject.includes(subject)
          : subject.test(email.subject),
    );
    const newest = matching.at(-1);
    if (newest) return newest;
    if (Date.now() > deadline)
      throw new Error(`No email to ${to}${subject ? ` matching ${String(subject)}` : ""}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** The first link in a mail's text that starts with `prefix` (e.g. the app's origin + "/verify"). */
export function findLink(email: ReceivedEmail, pattern: RegExp): string {
  const match = pattern.exec(email.text) ?? pattern.exec(email.html);
  if (!match) throw new Error(`No link matching ${String(pattern)} in "${email.subject}"`);
  return match[0];
}

export async function clearEmails(request: APIRequestContext): Promise<void> {
  await request.delete(`${fakeResendUrl}/__test/emails`);
}
