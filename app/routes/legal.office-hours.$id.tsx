import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { DateField, SelectField, TextField } from "~/components/form/fields";
import { useValidatedForm } from "~/components/form/useValidatedForm";
import { SubmitButton, ValidatedForm } from "~/components/form/ValidatedForm";
import { describeRule } from "~/components/legal/describe-rule";
import { OfficeHourTimeFields } from "~/components/legal/OfficeHourFields";
import { addOverride, getFirmRule } from "~/domains/legal/office-hours.server";
import { overrideSchema } from "~/domains/legal/validation";
import { i18nServer } from "~/i18n.server";
import { formatCalendarDate } from "~/utils/dates";
import { getDb } from "~/utils/db.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { parseSubmission, submissionFailure } from "~/utils/forms.server";
import { notFound, requirePermission } from "~/utils/permissions.server";
import { clientIp } from "~/utils/session.server";
import { uuidParam } from "~/utils/params.server";

export const handle = { i18n: ["common", "legal", "validation"] };

const hhmm = (minute: number | null) =>
  minute === null
    ? ""
    : `${String(Math.floor(minute / 60)).padStart(2, "0")}:${String(minute % 60).padStart(2, "0")}`;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "manage:office-hours:organization");
  const rule = await getFirmRule(await getDb(), user.actor.organizationId!, uuidParam(params) ?? "");
  if (!rule) notFound();
  const t = await i18nServer.getFixedT(request, "legal");
  return {
    title: t("ruleDetail.title"),
    rule: {
      ...rule,
      overrides: rule.overrides.map((override) => ({
        ...override,
        range:
          override.startMinute === null ? "" : `${hhmm(override.startMinute)}–${hhmm(override.endMinute)}`,
      })),
    },
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requirePermission(request, "manage:office-hours:organization");
  const ruleId = uuidParam(params) ?? "";
  // Another firm's rule is not found, before the form is even read.
  if (!(await getFirmRule(await getDb(), user.actor.organizationId!, ruleId))) notFound();
  const parsed = await parseSubmission(request, overrideSchema);
  if (!parsed.success) return parsed.failure;
  const result = await addOverride(await getDb(), {
    actor: { ...user.actor, ipAddress: clientIp(request) },
    ruleId,
    override: parsed.data,
  });
  if (!result.ok) {
    if ("notFound" in result) notFound();
    return result.field
      ? submissionFailure(parsed.values, { [result.field]: result.error })
      : submissionFailure(parsed.values, {}, { status: 409, formError: result.error });
  }
  return redirectWithFlash(request, `/legal/office-hours/${ruleId}`, {
    kind: "success",
    message: "legal:ruleDetail.overrideSaved",
    values: { count: result.cancelledBookings },
  });
}

const loadOverrideSchema = () => import("~/domains/legal/validation").then((module) => module.overrideSchema);

export default function OfficeHourRule() {
  const { t, i18n } = useTranslation("legal");
  const { rule, title } = useLoaderData<typeof loader>();
  const form = useValidatedForm({ schema: loadOverrideSchema });
  return (
    <section className="container page page--narrow">
      <p>
        <Link to="/legal">{t("firm.back")}</Link>
      </p>
      <h1>{title}</h1>
      <dl className="facts">
        <dt>{t("fields.recurrence")}</dt>
        <dd>
          {describeRule(t, rule)} <code>{rule.rrule}</code>
        </dd>
        <dt>{t("fields.lawyer")}</dt>
        <dd>{rule.lawyerName}</dd>
        <dt>{t("fields.servicePoint")}</dt>
        <dd>{rule.servicePointName}</dd>
        <dt>{t("fields.validFrom")}</dt>
        <dd>
          {formatCalendarDate(rule.validFrom, i18n.language)}
          {rule.validTo ? ` – ${formatCalendarDate(rule.validTo, i18n.language)}` : ""}
        </dd>
        <dt>{t("fields.slotMinutes")}</dt>
        <dd>
          {t("ruleDetail.grid", {
            slot: rule.slotMinutes,
            buffer: rule.bufferMinutes,
            capacity: rule.capacity,
            notice: rule.minNoticeMinutes / 60,
            horizon: rule.horizonDays,
            cutoff: rule.cancelCutoffMinutes / 60,
          })}
        </dd>
      </dl>
      <h2>{t("ruleDetail.overrides")}</h2>
      {rule.overrides.length === 0 ? (
        <p>{t("ruleDetail.noOverrides")}</p>
      ) : (
        <ul className="list">
          {rule.overrides.map((override) => (
            <li key={override.id}>
              {formatCalendarDate(override.day, i18n.language)} · {t(`overrideKinds.${override.kind}`)}{" "}
              {override.range} · {override.reason}
            </li>
          ))}
        </ul>
      )}
      <h2>{t("ruleDetail.addOverride")}</h2>
      <div className="panel">
        <ValidatedForm form={form}>
          <DateField name="day" label={t("fields.day")} required />
          <SelectField
            name="kind"
            label={t("fields.overrideKind")}
            options={(["cancelled", "extra", "reopened"] as const).map((kind) => ({
              value: kind,
              label: t(`overrideKinds.${kind}`),
            }))}
          />
          <OfficeHourTimeFields hint={t("ruleDetail.extraHint")} />
          <TextField name="reason" label={t("fields.reason")} hint={t("ruleDetail.reasonHint")} required />
          <SubmitButton>{t("ruleDetail.submit")}</SubmitButton>
        </ValidatedForm>
      </div>
    </section>
  );
}
