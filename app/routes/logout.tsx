import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { invalidateAllSessions, invalidateSession } from "~/domains/accounts/sessions.server";
import { getDb } from "~/utils/db.server";
import { clearSessionCookie, getCurrentSession } from "~/utils/session.server";
import { readFormData } from "~/utils/forms.server";
import { redirectWithFlash } from "~/utils/flash.server";

/** POST only (no GET changes data); `everywhere` ends every session of the account. */
export async function action({ request }: ActionFunctionArgs) {
  const current = await getCurrentSession(request);
  if (current) {
    const everywhere = (await readFormData(request)).get("everywhere") === "1";
    const db = await getDb();
    if (everywhere) await invalidateAllSessions(db, current.user.id);
    else await invalidateSession(db, current.session.id);
  }
  return redirectWithFlash(
    request,
    "/login",
    { kind: "success", message: "accounts:login.loggedOut" },
    { headers: { "Set-Cookie": clearSessionCookie(request) } },
  );
}

export function loader() {
  return redirect("/");
}
