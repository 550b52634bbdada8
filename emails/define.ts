import type { ReactElement } from "react";
import { z } from "zod";
import type { EmailContext } from "./components/layout";
import type { Translate } from "./i18n";

/** What every template provides: its data shape, subject, preview and body. */
export interface EmailTemplate<Data> {
  /** Checked when the event is recorded, so a bad call fails in the caller's transaction, not days later. */
  schema: z.ZodType<Data>;
  /** Security mail (verification, reset, invitation, sign-in alert) ignores the user's preferences. */
  security: boolean;
  subject: (t: Translate, data: Data) => string;
  preview: (t: Translate, data: Data) => string;
  element: (context: EmailContext, data: Data) => ReactElement;
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
