import { z } from "zod";
import { scopeOf } from "~/domains/accounts/authorize";
import { calendarDateOf } from "~/domains/calendar/working-days";
import type { ReportPeriod } from "~/domains/employment/reports.server";
import * as clock from "./clock.server";
import type { EmploymentActor } from "~/domains/employment/enterprise.server";
import { formFailure } from "./forms.server";
import { type AuthorizedUser, requirePermission } from "./permissions.server";
import { clientIp } from "./session.server";

/** The actor the employment domain takes, with the client address its audit rows record. */
export function employmentActorOf(user: AuthorizedUser, request: Request): EmploymentActor {
  return {
    id: user.id,
    organizationId: user.actor.organizationId,
    districtId: user.actor.districtId,
    ipAddress: clientIp(request),
  };
}

/** Parses an employment form; `arrays` name the fields posted several times (checkbox groups). */
export function parseEmploymentForm<Schema extends z.ZodType>(
  formData: FormData,
  schema: Schema,
  arrays: string[] = [],
): { success: true; data: z.infer<Schema> } | { success: false; failure: ReturnType<typeof formFailure> } {
  const input: Record<string, unknown> = Object.fromEntries(formData);
  for (const name of arrays) input[name] = formData.getAll(name).filter((value) => value !== "");
  const result = schema.safeParse(input);
  if (result.success) return { success: true, data: result.data };
  const errors: Record<string, string> = {};
  for (const issue of result.error.issues) errors[String(issue.path[0] ?? "form")] ??= issue.message;
  return { success: false, failure: formFailure(formData, errors) };
}

/** A domain refusal as the form's answer: a field error, or a message over the form. */
export function employmentRefusal(
  formData: FormData,
  result: { field?: string; error: string },
  status = 400,
) {
  return result.field
    ? formFailure(formData, { [result.field]: result.error }, status)
    : formFailure(formData, {}, status, result.error);
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
