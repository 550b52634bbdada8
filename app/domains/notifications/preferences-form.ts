import { z } from "zod";

/**
 * The notification settings form (/settings/notifications): every kind of the form is named in a
 * hidden `kind` field, as unticked checkboxes are not posted. A module of its own so the page loads
 * it (and zod) on the first validation, not with the page (first-load JS budget).
 */
export const preferencesFormSchema = z
  .object({
    kind: z
      .array(z.string().regex(/^[a-z0-9-]{1,64}$/), { error: "notifications:settings.errors.form" })
      .min(1, "notifications:settings.errors.form")
      .max(50, "notifications:settings.errors.form"),
  })
  .catchall(z.unknown());
