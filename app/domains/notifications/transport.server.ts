import { Resend } from "resend";
import { devMailbox } from "#db/schema/notifications";
import type { EmailAttachment } from "#emails/define";
import type { DbOrTx } from "~/utils/db.server";
import { classifyFailure, type FailureKind, parseRetryAfter } from "./backoff";

export interface OutgoingEmail {
  from: string;
  to: string;
  subject: string;
  html: string;
  text: string;
  attachments?: readonly EmailAttachment[];
  /** The outbox row's key, identical on every try, so the provider never delivers twice. */
  idempotencyKey: string;
}

export type SendResult =
  | { ok: true; providerMessageId: string }
  | { ok: false; failure: FailureKind; status: number | null; retryAfterMs: number | null; message: string };

/** Where delivered mail goes: the Resend API, or the development mailbox table. */
export interface EmailTransport {
  readonly name: "resend" | "dev-mailbox";
  send(email: OutgoingEmail): Promise<SendResult>;
}

export function createResendTransport(options: {
  apiKey: string;
  baseUrl?: string;
  /** A provider that does not answer within this is treated like a 5xx and retried. */
  timeoutMs?: number;
}): EmailTransport {
  const client = new Resend(options.apiKey, options.baseUrl ? { baseUrl: options.baseUrl } : undefined);
  const timeoutMs = options.timeoutMs ?? 15_000;
  return {
    name: "resend",
    async send(email) {
      let response: Awaited<ReturnType<typeof client.emails.send>>;
      try {
        response = await client.emails.send(
          {
            from: email.from,
            to: email.to,
            subject: email.subject,
            html: email.html,
            text: email.text,
            ...(email.attachments?.length
              ? {
                  attachments: email.attachments.map((file) => ({
                    filename: file.filename,
                    contentType: file.contentType,
                    content: Buffer.from(file.content, "utf8").toString("base64"),
                  })),
                }
              : {}),
          },
          { idempotencyKey: email.idempotencyKey, signal: AbortSignal.timeout(timeoutMs) },
        );
      } catch (error) {
        // The SDK turns most failures into { error }, but an aborted fetch may still throw.
        return {
          ok: false,
          failure: "transient",
          status: null,
          retryAfterMs: null,
          message: error instanceof Error ? error.message : String(error),
        };
      }
      if (response.error) {
        const status = typeof response.error.statusCode === "number" ? response.error.statusCode : null;
        return {
          ok: false,
          failure: classifyFailure(status),
          status,
          retryAfterMs: parseRetryAfter(response.headers?.["retry-after"]),
          message: `${response.error.name}: ${response.error.message}`,
        };
      }
      return { ok: true, providerMessageId: response.data.id };
    },
  };
}

/** No API key: mail is kept in the dev_mailbox table and never leaves the machine. */
export function createDevMailboxTransport(db: DbOrTx): EmailTransport {
  return {
    name: "dev-mailbox",
    async send(email) {
      const [inserted] = await db
        .insert(devMailbox)
        .values({
          idempotencyKey: email.idempotencyKey,
          fromAddress: email.from,
          toAddress: email.to,
          subject: email.subject,
          html: email.html,
          text: email.text,
          attachments: (email.attachments ?? []).map((file) => ({
            filename: file.filename,
            contentType: file.contentType,
            content: Buffer.from(file.content, "utf8").toString("base64"),
          })),
        })
        // Like the real provider: a retried key returns the first message instead of a second one.
        .onConflictDoUpdate({
          target: devMailbox.idempotencyKey,
          set: { idempotencyKey: email.idempotencyKey },
        })
        .returning({ id: devMailbox.id });
      if (!inserted) throw new Error("dev mailbox insert returned no row");
      return { ok: true, providerMessageId: `dev-${inserted.id}` };
    },
  };
}
