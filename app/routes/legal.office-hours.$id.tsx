import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data as json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormError, Notice, TextField } from "~/components/forms";
import { describeRule } from "~/components/legal/describe-rule";
import { SelectField } from "~/components/legal/fields";
import { addOverride, getFirmRule } from "~/domains/legal/office-hours.server";
import { overrideSchema } from "~/domains/legal/validation";
import { i18nServer } from "~/i18n.server";
import { formatCalendarDate } from "~/utils/dates";
import { getDb } from "~/utils/db.server";
import { formFailure, readFormData } from "~/utils/forms.server";
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
  // Another firm's rule is not found, before the form is even read.
  if (!(await getFirmRule(await getDb(), user.actor.organizationId!, uuidParam(params) ?? ""))) notFound();
  const formData = await readFormData(request);
  const parsed = overrideSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success)
    return formFailure(
      formData,
      Object.fromEntries(parsed.error.issues.map((issue) => [String(issue.path[0]), issue.message])),
    );
  const result = await addOverride(await getDb(), {
    actor: { ...user.actor, ipAddress: clientIp(request) },
    ruleId: uuidParam(params) ?? "",
    override: parsed.data,
  });
  if (!result.ok) {
    if ("notFound" in result) notFound();
    return result.field
      ? formFailure(formData, { [result.field]: result.error })
      : formFailure(formData, {}, 409, result.error);
  }
  return json({ cancelledBookings: result.cancelledBookings });
}

export default function OfficeHourRule() {
  const { t, i18n } = useTranslation("legal");
  const { rule, title } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [params] = useSearchParams();
  const state = result && "errors" in result ? result : undefined;
  return (
    <section className="container page page--narrow">
      <p>
        <Link to="/legal">{t("firm.back")}</Link>
      </p>
      <h1>{title}</h1>
      {params.get("created") ? <Notice kind="success">{t("ruleDetail.created")}</Notice> : null}
      {result && "cancelledBookings" in result ? (
        <Notice kind="success">{t("ruleDetail.overrideSaved", { n: result.cancelledBookings })}</Notice>
      ) : null}
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
      <FormError state={state} />
      <Form method="post" className="panel" noValidate>
        <TextField name="day" type="date" label={t("fields.day")} state={state} required />
        <SelectField
          name="kind"
          label={t("fields.overrideKind")}
          state={state}
          options={(["cancelled", "extra", "reopened"] as const).map((kind) => ({
            value: kind,
            label: t(`overrideKinds.${kind}`),
          }))}
        />
        <TextField
          name="startTime"
          type="time"
          label={t("fields.startTime")}
          hint={t("ruleDetail.extraHint")}
          state={state}
        />
        <TextField name="endTime" type="time" label={t("fields.endTime")} state={state} />
        <TextField
          name="reason"
          label={t("fields.reason")}
          hint={t("ruleDetail.reasonHint")}
          state={state}
          required
        />
        <button type="submit" className="button">
          {t("ruleDetail.submit")}
        </button>
      </Form>
    </section>
  );
}
