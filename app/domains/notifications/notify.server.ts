import { and, eq, sql } from "drizzle-orm";
import { users } from "#db/schema/accounts";
import { emailOutbox, notificationPreferences, notifications } from "#db/schema/notifications";
import type { EmailLanguage } from "#emails/i18n";
import { type EmailTemplateData, type EmailTemplateName, getEmailTemplate } from "#emails/registry";
import type { DbOrTx } from "~/utils/db.server";

export interface NotifyRecipient {
  email: string;
  language: EmailLanguage;
  /** The account the mail is about; enables the in-app notification and the user's preferences. */
  userId?: string | null;
}

/** One thing to tell someone: typed per template, so the data always fits the template. */
export type NotifyEvent = {
  [Name in EmailTemplateName]: {
    template: Name;
    data: EmailTemplateData<Name>;
    to: NotifyRecipient;
    /**
     * Names the event, e.g. `password-reset:<token id>`: a repeated call with the same key records
     * nothing new, and the provider receives the same key on every try.
     */
    idempotencyKey: string;
    /** Scheduled send (reminders). Default: as soon as possible. */
    sendAfter?: Date;
    /** Lets cancelScheduled() withdraw this send when its event is cancelled. */
    groupKey?: string | null;
  };
}[EmailTemplateName];

export interface NotifyResult {
  /** The outbox row, or null when none was written (preferences, or a repeated idempotency key). */
  outboxId: string | null;
  notificationId: string | null;
  /** True when an earlier call already recorded this idempotency key. */
  duplicate: boolean;
  /** True when the user turned email off for this kind (the in-app notification is still written). */
  emailSuppressed: boolean;
}

export class NotifyError extends Error {
  override name = "NotifyError";
}

/**
 * The only way anything is sent. Writes the outbox row (and the in-app notification) with the caller's
 * transaction handle, so a rolled-back event leaves nothing and a committed one exactly one mail.
 */
export async function notify(tx: DbOrTx, event: NotifyEvent): Promise<NotifyResult> {
  const template = getEmailTemplate(event.template);
  const parsed = template.schema.safeParse(event.data);
  if (!parsed.success) throw new NotifyError(`Invalid data for "${event.template}": ${parsed.error.message}`);
  if (event.idempotencyKey.trim() === "") throw new NotifyError("An idempotency key is required");
  const userId = event.to.userId ?? null;

  let emailSuppressed = false;
  if (userId && !template.security) {
    const [preference] = await tx
      .select({ emailEnabled: notificationPreferences.emailEnabled })
      .from(notificationPreferences)
      .where(
        and(eq(notificationPreferences.userId, userId), eq(notificationPreferences.kind, event.template)),
      );
    emailSuppressed = preference?.emailEnabled === false;
  }

  let outboxId: string | null = null;
  let duplicate = false;
  if (!emailSuppressed) {
    const [row] = await tx
      .insert(emailOutbox)
      .values({
        recipientEmail: event.to.email.trim(),
        recipientUserId: userId,
        language: event.to.language,
        template: event.template,
        data: parsed.data,
        idempotencyKey: event.idempotencyKey,
        sendAfter: event.sendAfter ?? sql`now()`,
        nextAttemptAt: event.sendAfter ?? sql`now()`,
        groupKey: event.groupKey ?? null,
      })
      .onConflictDoNothing({ target: emailOutbox.idempotencyKey })
      .returning({ id: emailOutbox.id });
    outboxId = row?.id ?? null;
    duplicate = !row;
  }

  let notificationId: string | null = null;
  // Security mail carries one-time secrets and says nothing the user needs to find again in the app.
  if (userId && !template.security && !duplicate) {
    const [row] = await tx
      .insert(notifications)
      .values({ userId, kind: event.template, data: parsed.data, idempotencyKey: event.idempotencyKey })
      .onConflictDoNothing({ target: notifications.idempotencyKey })
      .returning({ id: notifications.id });
    notificationId = row?.id ?? null;
    duplicate = !row;
  }

  return { outboxId, notificationId, duplicate, emailSuppressed };
}

/** Withdraws the scheduled sends of a cancelled event; mail already on its way is not recalled. */
export async function cancelScheduled(tx: DbOrTx, groupKey: string): Promise<number> {
  const rows = await tx
    .update(emailOutbox)
    .set({ status: "cancelled", updatedAt: sql`now()` })
    .where(and(eq(emailOutbox.groupKey, groupKey), eq(emailOutbox.status, "pending")))
    .returning({ id: emailOutbox.id });
  return rows.length;
}

/** The language a user reads mail in, for callers that have only the user id. */
export async function recipientForUser(tx: DbOrTx, userId: string): Promise<NotifyRecipient | null> {
  const [user] = await tx
    .select({ email: users.email, language: users.language })
    .from(users)
    .where(eq(users.id, userId));
  if (!user) return null;
  return { email: user.email, language: user.language === "en" ? "en" : "zh-CN", userId };
}
