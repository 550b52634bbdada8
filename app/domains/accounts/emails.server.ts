import type { EmailTemplateData, EmailTemplateName } from "#emails/registry";
import { notify } from "~/domains/notifications/notify.server";
import type { DbOrTx } from "~/utils/db.server";

/** Account mail goes through the notifications domain, in the caller's transaction. */
export async function sendAccountEmail<Name extends EmailTemplateName>(
  tx: DbOrTx,
  input: {
    template: Name;
    user: { id: string; email: string; language: string };
    data: EmailTemplateData<Name>;
    idempotencyKey: string;
    /** The origin of the request that sends it (`linkContext(request).origin`): all its links use it. */
    linkOrigin?: string | null;
  },
): Promise<void> {
  await notify(tx, {
    template: input.template,
    data: input.data,
    to: {
      email: input.user.email,
      language: input.user.language === "en" ? "en" : "zh-CN",
      userId: input.user.id,
    },
    idempotencyKey: input.idempotencyKey,
    linkOrigin: input.linkOrigin,
  } as Parameters<typeof notify>[1]);
}
