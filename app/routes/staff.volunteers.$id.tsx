import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { Notice } from "~/components/Notice";
import { QualificationReview } from "~/components/volunteers/QualificationReview";
import { VolunteerDecisions } from "~/components/volunteers/VolunteerDecisions";
import { VolunteerRecord } from "~/components/volunteers/VolunteerRecord";
import { volunteerDecisionSchema } from "~/domains/volunteers/profile-validation";
import { decideQualification, listQualifications } from "~/domains/volunteers/qualifications.server";
import {
  decideVolunteer,
  getVolunteerForStaff,
  revealVolunteerIdNumber,
} from "~/domains/volunteers/registration.server";
import { i18nServer } from "~/i18n.server";
import { getDb } from "~/utils/db.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { readFormData, submissionFailure, validateSubmission } from "~/utils/forms.server";
import { can } from "~/domains/accounts/authorize";
import { type AuthorizedUser, authorizeOrRespond, notFound, requireActor } from "~/utils/permissions.server";
import { clientIp } from "~/utils/session.server";
import { uuidParam } from "~/utils/params.server";

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
  const id = uuidParam(params);
  const user = await requireActor(request);
  const { volunteer } = await loadVolunteer(user, id);
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
const qualificationDecisionSchema = z.object({
  qualificationId: z.uuid(),
  decision: z.enum(["verify", "reject"]),
});

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

const decidedNotice = {
  approve: "volunteers:staff.approved",
  reject: "volunteers:staff.rejected",
  suspend: "volunteers:staff.suspended",
  reinstate: "volunteers:staff.reinstated",
} as const;

export async function action({ request, params }: ActionFunctionArgs) {
  const id = uuidParam(params);
  const user = await requireActor(request);
  authorizeOrRespond(user.actor, "read:volunteer");
  const formData = await readFormData(request);
  const intent = intentSchema.safeParse(Object.fromEntries(formData));
  if (!intent.success) return submissionFailure(formData, {}, { formError: "validation:form.invalid" });
  const permission = permissionFor(intent.data.intent, formData);
  authorizeOrRespond(user.actor, permission);
  const { scope, actor, volunteer } = await loadVolunteer(user, id);
  const db = await getDb();
  const ipAddress = clientIp(request);
  const page = `/staff/volunteers/${volunteer.userId}`;

  if (intent.data.intent === "reveal") {
    const idNumber = await revealVolunteerIdNumber(db, {
      volunteerId: volunteer.userId,
      scope,
      actor: { ...actor, ipAddress },
    });
    if (!idNumber) notFound();
    // In the answer only: an ID number belongs in no URL, cookie or flash.
    return { idNumber };
  }

  const target = { officeId: volunteer.homeOfficeId, districtId: volunteer.districtId };
  const decisionScope = authorizeOrRespond(user.actor, permission, target);

  if (intent.data.intent === "qualification") {
    const parsed = await validateSubmission(formData, qualificationDecisionSchema, "qualification");
    if (!parsed.success)
      return submissionFailure(formData, {}, { formError: "validation:form.invalid", form: "qualification" });
    const done = await decideQualification(db, {
      volunteerId: volunteer.userId,
      qualificationId: parsed.data.qualificationId,
      decision: parsed.data.decision,
      scope: decisionScope,
      actor: { ...actor, ipAddress },
    });
    if (!done)
      return submissionFailure(
        formData,
        {},
        { status: 409, formError: "volunteers:errors.qualificationNotFound", form: "qualification" },
      );
    return redirectWithFlash(request, page, {
      kind: "success",
      message: "volunteers:qualifications.decided",
    });
  }

  // The reject and suspend forms are told apart by their decision (their ids in the page).
  const form = String(formData.get("decision") ?? "");
  const parsed = await validateSubmission(formData, volunteerDecisionSchema, form);
  if (!parsed.success) return parsed.failure;
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
      ? submissionFailure(parsed.values, { [result.field]: result.error }, { form })
      : submissionFailure(parsed.values, {}, { status: 409, formError: result.error, form });
  }
  return redirectWithFlash(request, page, {
    kind: "success",
    message: decidedNotice[parsed.data.decision],
    values: result.volunteerNumber ? { number: result.volunteerNumber } : {},
  });
}

/** Refusals that belong to no form with fields (a one-button form): shown above the page. */
const reasonForms = ["reject", "suspend"];

export default function VolunteerDetail() {
  const { t } = useTranslation(["volunteers", "validation"]);
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { volunteer } = data;
  const revealed = result && "idNumber" in result ? result.idNumber : null;
  const pageError =
    result && "errors" in result && !reasonForms.includes(result.form ?? "") ? result.formError : undefined;
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
      {pageError ? <Notice kind="error">{t(pageError)}</Notice> : null}
      <VolunteerRecord volunteer={volunteer} revealed={revealed} />
      <VolunteerDecisions status={volunteer.status} canDecide={data.canDecide} canSuspend={data.canSuspend} />
      <QualificationReview qualifications={data.qualifications} canDecide={data.canDecide} />
    </section>
  );
}
