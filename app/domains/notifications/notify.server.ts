import { and, eq, gt, sql } from "drizzle-orm";
import { users } from "#db/schema/accounts";
import { emailOutbox, notificationPreferences, notifications } from "#db/schema/notifications";
import type { EmailLanguage } from "#emails/i18n";
import { type EmailTemplateData, type EmailTemplateName, getEmailTemplate } from "#emails/registry";
import { isJusticeRole } from "~/domains/accounts/roles";
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
    /**
     * The origin of every link in the mail (`linkContext(request).origin`); relative links in the data
     * and the footer's are made absolute on it. Default: the dispatcher's origin.
     */
    linkOrigin?: string | null;
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
  /** True when the email waits for the user's weekly digest (the in-app notification is its source). */
  digested: boolean;
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
  let digested = false;
  // Security mail is always sent at once; the digest itself is never digested.
  if (userId && !template.security && !template.digest) {
    const [preference] = await tx
      .select({
        emailEnabled: notificationPreferences.emailEnabled,
        weeklyDigest: notificationPreferences.weeklyDigest,
        role: users.role,
      })
      .from(notificationPreferences)
      .innerJoin(users, eq(users.id, notificationPreferences.userId))
      .where(
        and(eq(notificationPreferences.userId, userId), eq(notificationPreferences.kind, event.template)),
      );
    emailSuppressed = preference?.emailEnabled === false;
    // The digest is for justice staff: a stored choice of someone who is no longer staff is not honoured.
    digested = !emailSuppressed && preference?.weeklyDigest === true && isJusticeRole(preference.role);
  }

  let outboxId: string | null = null;
  let duplicate = false;
  if (!emailSuppressed && !digested) {
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
        linkOrigin: event.linkOrigin ? new URL(event.linkOrigin).origin : null,
      })
      .onConflictDoNothing({ target: emailOutbox.idempotencyKey })
      .returning({ id: emailOutbox.id });
    outboxId = row?.id ?? null;
    duplicate = !row;
  }

  let notificationId: string | null = null;
  // Security mail carries one-time secrets and says nothing the user needs to find again in the app;
  // the digest only reports notifications the inbox already has.
  if (userId && !template.security && !template.digest && !duplicate) {
    const [row] = await tx
      .insert(notifications)
      .values({
        userId,
        kind: event.template,
        data: parsed.data,
        idempotencyKey: event.idempotencyKey,
        emailDigest: digested,
        // A scheduled event (a reminder) shows in the inbox when it is due, not when it is planned.
        ...(event.sendAfter ? { createdAt: event.sendAfter } : {}),
        groupKey: event.groupKey ?? null,
      })
      .onConflictDoNothing({ target: notifications.idempotencyKey })
      .returning({ id: notifications.id });
    notificationId = row?.id ?? null;
    duplicate = !row;
  }

  return { outboxId, notificationId, duplicate, emailSuppressed, digested };
}

/**
 * Withdraws the scheduled sends of a cancelled event, and their in-app notifications not yet due;
 * mail already on its way is not recalled, and what the user has already been shown stays.
 */
export async function cancelScheduled(tx: DbOrTx, groupKey: string): Promise<number> {
  const rows = await tx
    .update(emailOutbox)
    .set({ status: "cancelled", updatedAt: sql`now()` })
    .where(and(eq(emailOutbox.groupKey, groupKey), eq(emailOutbox.status, "pending")))
    .returning({ id: emailOutbox.id });
  await tx
    .delete(notifications)
    .where(and(eq(notifications.groupKey, groupKey), gt(notifications.createdAt, sql`now()`)));
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
