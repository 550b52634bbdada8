import { z } from "zod";
import { checkinFormId } from "~/components/employment/CheckinForm";
import { scopeOf } from "~/domains/accounts/authorize";
import { calendarDateOf } from "~/domains/calendar/working-days";
import type { EmploymentActor } from "~/domains/employment/enterprise.server";
import type { ReportPeriod } from "~/domains/employment/reports.server";
import { recordCheckin } from "~/domains/employment/retention.server";
import { checkinSchema } from "~/domains/employment/validation";
import { createOnce } from "~/domains/submissions.server";
import * as clock from "./clock.server";
import { getDb } from "./db.server";
import { redirectWithFlash } from "./flash.server";
import type { FormObject } from "./form-data";
import { readFormData, submissionFailure, validateSubmission } from "./forms.server";
import { type AuthorizedUser, notFound, requirePermission } from "./permissions.server";
import { clientIp } from "./session.server";
import { submissionKeyOf } from "./submission-key.server";

/** The actor the employment domain takes, with the client address its audit rows record. */
export function employmentActorOf(user: AuthorizedUser, request: Request): EmploymentActor {
  return {
    id: user.id,
    organizationId: user.actor.organizationId,
    districtId: user.actor.districtId,
    ipAddress: clientIp(request),
  };
}

/**
 * A domain refusal as the form's answer (the form named by `form` on a page with several): a field
 * error (400), or a message over the form for a state that changed meanwhile (409).
 */
export function employmentRefusal(
  values: FormObject,
  result: { field?: string; error: string },
  form?: string,
) {
  return result.field
    ? submissionFailure(values, { [result.field]: result.error }, { form })
    : submissionFailure(values, {}, { status: 409, formError: result.error, form });
}

/**
 * A due retention check-in answered from a list of them (the enterprise's dashboard, the office's
 * follow-up page): one row's form, answered once per rendering however often it is sent, then back
 * to `page` with the flash.
 */
export async function answerCheckin(
  request: Request,
  user: AuthorizedUser,
  scope: "organization" | "office",
  page: string,
) {
  const formData = await readFormData(request);
  const form = checkinFormId(String(formData.get("checkinId") ?? ""), String(formData.get("outcome") ?? ""));
  const parsed = await validateSubmission(formData, checkinSchema, form);
  if (!parsed.success) return parsed.failure;
  const key = submissionKeyOf(formData);
  if (!key) return submissionFailure(parsed.values, {}, { formError: "validation:form.invalid", form });
  const { checkinId, ...answer } = parsed.data;
  const once = await createOnce(
    await getDb(),
    { userId: user.id, key, entity: "employment-checkin" },
    (db) => recordCheckin(db, { actor: employmentActorOf(user, request), scope, checkinId, answer }),
    (result) => (result.ok ? checkinId : null),
  );
  if (!once.replayed && !once.result.ok) {
    if (once.result.notFound) notFound();
    return employmentRefusal(parsed.values, once.result, form);
  }
  return redirectWithFlash(request, page, { kind: "success", message: "employment:done.checkinRecorded" });
}

const reportQuery = z.object({
  enterprise: z.uuid().optional().catch(undefined),
  from: z.iso.date().optional().catch(undefined),
  to: z.iso.date().optional().catch(undefined),
  districtId: z.uuid().optional().catch(undefined),
});

/**
 * Who asks for which enterprise's report over which period: an enterprise member its own; staff
 * and the bureau any enterprise of their district (`?enterprise=`). Default period: this year.
 */
export async function reportRequest(request: Request) {
  const user = await requirePermission(request, "read:employment-report");
  const scope = scopeOf(user.actor, "read", "employment-report")!;
  const query = reportQuery.parse(Object.fromEntries(new URL(request.url).searchParams));
  const today = calendarDateOf(clock.now());
  const period: ReportPeriod = {
    from: query.from ?? `${today.slice(0, 4)}-01-01`,
    to: query.to ?? today,
    districtId: query.districtId ?? null,
  };
  const enterpriseId = scope === "organization" ? user.actor.organizationId : (query.enterprise ?? null);
  return { user, scope, period, enterpriseId, actor: employmentActorOf(user, request) };
}
