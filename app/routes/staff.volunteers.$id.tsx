import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { FormError, Notice, TextField } from "~/components/forms";
import { hoursOf } from "~/domains/volunteers/format";
import { volunteerDecisionSchema } from "~/domains/volunteers/profile-validation";
import { decideQualification, listQualifications } from "~/domains/volunteers/qualifications.server";
import {
  decideVolunteer,
  getVolunteerForStaff,
  revealVolunteerIdNumber,
} from "~/domains/volunteers/registration.server";
import { dayParts, weekDays } from "~/domains/volunteers/volunteer-profile";
import { i18nServer } from "~/i18n.server";
import { getDb } from "~/utils/db.server";
import { formFailure, readFormData } from "~/utils/forms.server";
import { can } from "~/domains/accounts/authorize";
import { type AuthorizedUser, authorizeOrRespond, notFound, requireActor } from "~/utils/permissions.server";
import { clientIp } from "~/utils/session.server";
import { listOf } from "~/utils/list-format";
import { formatCalendarDate, formatDateTime } from "~/utils/dates";
import { QualificationSummary } from "~/components/volunteers/QualificationSummary";

export const handle = { i18n: ["common", "volunteers", "validation"] };

/** The role's permission first (403), then the volunteer only within the reader's scope (404). */
async function loadVolunteer(user: AuthorizedUser, id: string) {
  const scope = authorizeOrRespond(user.actor, "read:volunteer");
  if (!z.uuid().safeParse(id).success) notFound();
  const actor = { id: user.id, organizationId: user.organizationId, districtId: user.districtId };
  const volunteer = await getVolunteerForStaff(await getDb(), id, scope, actor);
  if (!volunteer) notFound();
  return { scope, actor, volunteer };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireActor(request);
  const { volunteer } = await loadVolunteer(user, params.id ?? "");
  const db = await getDb();
  const t = await i18nServer.getFixedT(request, "volunteers");
  const target = { officeId: volunteer.homeOfficeId, districtId: volunteer.districtId };
  return {
    title: t("staff.detailTitle", { name: volunteer.legalName }),
    volunteer: {
      ...volunteer,
      termsAcceptedAt: volunteer.termsAcceptedAt.toISOString(),
      decidedAt: volunteer.decidedAt?.toISOString() ?? null,
      createdAt: volunteer.createdAt.toISOString(),
      updatedAt: volunteer.updatedAt.toISOString(),
    },
    qualifications: (await listQualifications(db, volunteer.userId)).map((row) => ({
      ...row,
      createdAt: row.createdAt.toISOString(),
      decidedAt: row.decidedAt?.toISOString() ?? null,
    })),
    canDecide: can(user.actor, "approve:volunteer", target),
    canSuspend: can(user.actor, "suspend:volunteer", target),
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

const intentSchema = z.object({ intent: z.enum(["reveal", "decide", "qualification"]) });

/**
 * The grant each form needs. Suspension stops a volunteer everywhere in the district: only the
 * bureau holds `suspend:volunteer`.
 */
function permissionFor(intent: z.infer<typeof intentSchema>["intent"], formData: FormData): string {
  if (intent === "reveal") return "read:volunteer";
  const decision = formData.get("decision");
  if (intent === "decide" && (decision === "suspend" || decision === "reinstate")) return "suspend:volunteer";
  return "approve:volunteer";
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireActor(request);
  authorizeOrRespond(user.actor, "read:volunteer");
  const formData = await readFormData(request);
  const intent = intentSchema.safeParse(Object.fromEntries(formData));
  if (!intent.success) return formFailure(formData, {}, 400, "validation:form.invalid");
  const permission = permissionFor(intent.data.intent, formData);
  authorizeOrRespond(user.actor, permission);
  const { scope, actor, volunteer } = await loadVolunteer(user, params.id ?? "");
  const db = await getDb();
  const ipAddress = clientIp(request);

  if (intent.data.intent === "reveal") {
    const idNumber = await revealVolunteerIdNumber(db, {
      volunteerId: volunteer.userId,
      scope,
      actor: { ...actor, ipAddress },
    });
    if (!idNumber) notFound();
    return { intent: "reveal" as const, idNumber };
  }

  const target = { officeId: volunteer.homeOfficeId, districtId: volunteer.districtId };
  const decisionScope = authorizeOrRespond(user.actor, permission, target);

  if (intent.data.intent === "qualification") {
    const parsed = z
      .object({ qualificationId: z.uuid(), decision: z.enum(["verify", "reject"]) })
      .safeParse(Object.fromEntries(formData));
    if (!parsed.success) return formFailure(formData, {}, 400, "validation:form.invalid");
    const done = await decideQualification(db, {
      volunteerId: volunteer.userId,
      qualificationId: parsed.data.qualificationId,
      decision: parsed.data.decision,
      scope: decisionScope,
      actor: { ...actor, ipAddress },
    });
    if (!done) return formFailure(formData, {}, 409, "volunteers:errors.qualificationNotFound");
    return { intent: "qualification" as const, done: true };
  }

  const parsed = volunteerDecisionSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) {
    const errors: Record<string, string> = {};
    for (const issue of parsed.error.issues) errors[String(issue.path[0] ?? "form")] ??= issue.message;
    return formFailure(formData, errors);
  }
  const result = await decideVolunteer(db, {
    volunteerId: volunteer.userId,
    decision: parsed.data.decision,
    reason: parsed.data.reason,
    scope: decisionScope,
    actor: { ...actor, ipAddress },
  });
  if (!result.ok) {
    if (result.notFound) notFound();
    return result.field
      ? formFailure(formData, { [result.field]: result.error })
      : formFailure(formData, {}, 409, result.error);
  }
  return {
    intent: "decide" as const,
    decision: parsed.data.decision,
    volunteerNumber: result.volunteerNumber,
  };
}

const decidedNotice = {
  approve: "staff.approved",
  reject: "staff.rejected",
  suspend: "staff.suspended",
  reinstate: "staff.reinstated",
} as const;

export default function VolunteerDetail() {
  const { t, i18n } = useTranslation("volunteers");
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { volunteer } = data;
  const failure = result && "errors" in result ? result : undefined;
  const decideState = failure && failure.values.intent === "decide" ? failure : undefined;
  const revealed = result && "idNumber" in result ? result.idNumber : null;
  const decided = result && "intent" in result && result.intent === "decide" ? result : null;
  const none = t("staff.noneSelected");
  return (
    <section className="container page">
      <p>
        <Link to="/staff/volunteers">{t("staff.back")}</Link>
      </p>
      <h1>
        {volunteer.legalName}{" "}
        <span className={`badge badge--${volunteer.status === "approved" ? "verified" : volunteer.status}`}>
          {t(`statuses.${volunteer.status}`)}
        </span>
      </h1>
      {decided ? (
        <Notice kind="success">
          {t(decidedNotice[decided.decision], { number: decided.volunteerNumber })}
        </Notice>
      ) : null}
      {result && "intent" in result && result.intent === "qualification" ? (
        <Notice kind="success">{t("qualifications.decided")}</Notice>
      ) : null}
      {failure && failure.values.intent !== "decide" ? <FormError state={failure} /> : null}

      <dl className="facts">
        <dt>{t("fields.volunteerNumber")}</dt>
        <dd>{volunteer.volunteerNumber ? <code>{volunteer.volunteerNumber}</code> : "—"}</dd>
        <dt>{t("fields.idNumber")}</dt>
        <dd>
          <code>{revealed ?? volunteer.maskedIdNumber}</code>
        </dd>
        <dt>{t("fields.gender")}</dt>
        <dd>{t(`genders.${volunteer.gender}`)}</dd>
        <dt>{t("fields.birthDate")}</dt>
        <dd>{formatCalendarDate(volunteer.birthDate, i18n.language)}</dd>
        <dt>{t("fields.phone")}</dt>
        <dd>{volunteer.phone}</dd>
        <dt>{t("fields.email")}</dt>
        <dd>{volunteer.email}</dd>
        <dt>{t("fields.homeOffice")}</dt>
        <dd>{volunteer.homeOfficeName}</dd>
        <dt>{t("fields.serviceOffices")}</dt>
        <dd>
          {listOf(
            volunteer.serviceOffices.map((office) => office.name),
            i18n.language,
          ) || none}
        </dd>
        <dt>{t("fields.skills")}</dt>
        <dd>
          {listOf(
            volunteer.skills.map((skill) => t(`skills.${skill}`)),
            i18n.language,
          ) || none}
        </dd>
        <dt>{t("fields.languages")}</dt>
        <dd>{listOf(volunteer.languages, i18n.language) || none}</dd>
        <dt>{t("fields.availability")}</dt>
        <dd>
          {listOf(
            weekDays.flatMap((day) =>
              dayParts
                .filter((part) => volunteer.availability.includes(`${day}-${part}`))
                .map((part) => t("slot", { day: t(`days.${day}`), part: t(`parts.${part}`) })),
            ),
            i18n.language,
          ) || none}
        </dd>
        <dt>{t("fields.emergencyContact")}</dt>
        <dd>
          {volunteer.emergencyContactName} · {volunteer.emergencyContactPhone}
        </dd>
        <dt>{t("fields.termsAccepted")}</dt>
        <dd>
          {volunteer.termsVersion} · {formatDateTime(volunteer.termsAcceptedAt, i18n.language)}
        </dd>
        <dt>{t("fields.submittedAt")}</dt>
        <dd>{formatDateTime(volunteer.updatedAt, i18n.language)}</dd>
        {volunteer.decidedAt ? (
          <>
            <dt>{t("fields.decidedAt")}</dt>
            <dd>{formatDateTime(volunteer.decidedAt, i18n.language)}</dd>
          </>
        ) : null}
        {volunteer.rejectReason ? (
          <>
            <dt>{t("fields.reason")}</dt>
            <dd>{volunteer.rejectReason}</dd>
          </>
        ) : null}
        <dt>{t("staff.serviceTitle")}</dt>
        <dd>
          {t("staff.approvedHours", {
            hours: hoursOf(volunteer.approvedMinutes, i18n.language),
            records: volunteer.approvedRecords,
            activities: volunteer.activitiesServed,
          })}
        </dd>
      </dl>
      {revealed ? null : (
        <Form method="post" className="section">
          <input type="hidden" name="intent" value="reveal" />
          <p className="field__hint">{t("staff.revealHint")}</p>
          <button type="submit" className="button">
            {t("staff.reveal")}
          </button>
        </Form>
      )}

      {data.canDecide && volunteer.status === "pending" ? (
        <section className="section" aria-labelledby="decision-title">
          <h2 id="decision-title">{t("staff.decisionTitle")}</h2>
          <FormError state={decideState} />
          <div className="form">
            <Form method="post">
              <input type="hidden" name="intent" value="decide" />
              <input type="hidden" name="decision" value="approve" />
              <button type="submit" className="button button--primary">
                {t("staff.approve")}
              </button>
            </Form>
            <Form method="post" className="panel form" noValidate>
              <input type="hidden" name="intent" value="decide" />
              <input type="hidden" name="decision" value="reject" />
              <TextField
                name="reason"
                required
                maxLength={500}
                label={t("staff.rejectReason")}
                hint={t("staff.rejectHint")}
                state={decideState?.values.decision === "reject" ? decideState : undefined}
              />
              <button type="submit" className="button">
                {t("staff.reject")}
              </button>
            </Form>
          </div>
        </section>
      ) : null}
      {data.canSuspend && volunteer.status === "approved" ? (
        <section className="section" aria-labelledby="suspend-title">
          <h2 id="suspend-title">{t("staff.decisionTitle")}</h2>
          <FormError state={decideState} />
          <Form method="post" className="panel form" noValidate>
            <input type="hidden" name="intent" value="decide" />
            <input type="hidden" name="decision" value="suspend" />
            <TextField
              name="reason"
              required
              maxLength={500}
              label={t("staff.suspendReason")}
              hint={t("staff.rejectHint")}
              state={decideState?.values.decision === "suspend" ? decideState : undefined}
            />
            <button type="submit" className="button">
              {t("staff.suspend")}
            </button>
          </Form>
        </section>
      ) : null}
      {data.canSuspend && volunteer.status === "suspended" ? (
        <Form method="post" className="section">
          <input type="hidden" name="intent" value="decide" />
          <input type="hidden" name="decision" value="reinstate" />
          <button type="submit" className="button button--primary">
            {t("staff.reinstate")}
          </button>
        </Form>
      ) : null}

      <section className="section" aria-labelledby="qualifications-title">
        <h2 id="qualifications-title">{t("staff.qualificationsTitle")}</h2>
        {data.qualifications.length === 0 ? (
          <p className="empty-state">{t("staff.noQualifications")}</p>
        ) : (
          <ul className="list">
            {data.qualifications.map((qualification) => (
              <li key={qualification.id} className="list__item">
                <QualificationSummary qualification={qualification} />
                {data.canDecide && qualification.status === "pending" ? (
                  <div className="actions">
                    {(["verify", "reject"] as const).map((decision) => (
                      <Form method="post" key={decision}>
                        <input type="hidden" name="intent" value="qualification" />
                        <input type="hidden" name="qualificationId" value={qualification.id} />
                        <input type="hidden" name="decision" value={decision} />
                        <button
                          type="submit"
                          className={`button${decision === "verify" ? " button--primary" : ""}`}
                        >
                          {t(`qualifications.${decision}`)}
                        </button>
                      </Form>
                    ))}
                  </div>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </section>
    </section>
  );
}
