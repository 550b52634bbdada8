import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { z } from "zod";
import { supportedLanguages } from "~/i18n";
import { languageCookie } from "~/i18n.server";
import { safeRedirectPath } from "~/utils/redirect";
import { readFormData } from "~/utils/forms.server";

const schema = z.object({
  lng: z.enum(supportedLanguages),
  redirectTo: z.string().optional(),
});

export async function action({ request }: ActionFunctionArgs) {
  const parsed = schema.safeParse(Object.fromEntries(await readFormData(request)));
  if (!parsed.success) {
    throw new Response("Unsupported language / 不支持的语言", { status: 400 });
  }
  return redirect(safeRedirectPath(parsed.data.redirectTo), {
    headers: { "Set-Cookie": await languageCookie.serialize(parsed.data.lng) },
  });
}

// A GET of this URL (typed in, or a stale link) goes home rather than to a 404.
export function loader() {
  return redirect("/");
}
