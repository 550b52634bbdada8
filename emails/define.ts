import type { ReactElement } from "react";
import { z } from "zod";
import type { EmailContext } from "./components/layout";
import type { EmailLanguage, Translate } from "./i18n";

/**
 * Groups of roles an email kind is meant for: volunteers; members of enterprises, law firms and
 * social organizations; justice staff (see `audienceOfRole` in the notifications domain).
 */
export type EmailAudience = "volunteer" | "provider" | "staff";

/** A file sent with the mail (e.g. a booking's .ics); `content` is the file's text. */
export interface EmailAttachment {
  filename: string;
  contentType: string;
  content: string;
}

/** What every template provides: its data shape, subject, preview and body. */
export interface EmailTemplate<Data> {
  /** Checked when the event is recorded, so a bad call fails in the caller's transaction, not days later. */
  schema: z.ZodType<Data>;
  /** Security mail (verification, reset, invitation, sign-in alert) ignores the user's preferences. */
  security: boolean;
  /**
   * The weekly digest itself: it reports notifications already in the inbox, so it writes no in-app
   * notification of its own, is not a kind in the notification settings, and is never digested.
   */
  digest?: boolean;
  /**
   * Who receives this kind, so the notification settings offer each user only the kinds that can
   * reach them; omitted for kinds any account may receive.
   */
  audience?: readonly EmailAudience[];
  /** The language is also in `t`; it is passed for values that exist in both (a configured name). */
  subject: (t: Translate, data: Data, language: EmailLanguage) => string;
  preview: (t: Translate, data: Data, language: EmailLanguage) => string;
  element: (context: EmailContext, data: Data) => ReactElement;
  /** Files to attach, made from the stored data when the mail is rendered (so every retry sends the same). */
  attachments?: (context: EmailContext, data: Data) => EmailAttachment[];
  /** Realistic data for the tests and the template gallery. */
  sample: Data;
}

export function defineEmail<Data>(template: EmailTemplate<Data>): EmailTemplate<Data> {
  return template;
}

/** A link of the portal: a path ("/verify?token=…") or an absolute http(s) URL. */
export const linkSchema = z
  .string()
  .min(1)
  .refine(
    (value) => value.startsWith("/") || /^https?:\/\//.test(value),
    "expected a path or an http(s) URL",
  );

export const minutesSchema = z.number().int().positive();
