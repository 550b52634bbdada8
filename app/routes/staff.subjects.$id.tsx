import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { SubmitButton } from "~/components/form/ValidatedForm";
import { Notice } from "~/components/Notice";
import { SubjectConsents } from "~/components/subjects/SubjectConsents";
import { SubjectFacts } from "~/components/subjects/SubjectFacts";
import { SubjectIdentity } from "~/components/subjects/SubjectIdentity";
import {
  consentRecipients,
  listConsents,
  recordConsent,
  withdrawConsent,
} from "~/domains/subjects/consent.server";
import { endSubject, getSubjectCase, viewSubjectIdentity } from "~/domains/subjects/subjects.server";
import { consentFormSchema, revealSchema } from "~/domains/subjects/validation";
import { createOnce } from "~/domains/submissions.server";
import { i18nServer } from "~/i18n.server";
import { getDb } from "~/utils/db.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { readFormData, submissionFailure, validateSubmission } from "~/utils/forms.server";
import { can } from "~/domains/accounts/authorize";
import { withDomainErrors } from "~/utils/domain-errors.server";
import { authorizeOrRespond, notFound, requireActor } from "~/utils/permissions.server";
import { clientIp } from "~/utils/session.server";
import * as clock from "~/utils/clock.server";
import { uuidParam } from "~/utils/params.server";
import { newSubmissionKey, submissionKeyOf } from "~/utils/submission-key.server";

export const handle = { i18n: ["common", "subjects", "validation"] };

async function loadCase(request: Request, id: string) {
  const user = await requireActor(request);
  const scope = authorizeOrRespond(user.actor, "read:subject");
  const actor = { id: user.id, organizationId: user.organizationId, districtId: user.districtId };
  const subject = await getSubjectCase(await getDb(), id, scope, actor);
  if (!subject) notFound();
  return { user, actor, subject };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, subject } = await loadCase(request, uuidParam(params));
  const db = await getDb();
  const t = await i18nServer.getFixedT(request, "subjects");
  const target = { officeId: subject.officeId, districtId: subject.districtId };
  const canManageConsent = can(user.actor, "manage:consent", target);
  return {
    title: t("detail.title", { caseCode: subject.caseCode }),
    subject: {
      ...subject,
      createdAt: subject.createdAt.toISOString(),
      purgedAt: subject.purgedAt?.toISOString() ?? null,
    },
    consents: (await listConsents(db, subject.id)).map((consent) => ({
      ...consent,
      state: consent.withdrawnAt
        ? ("withdrawn" as const)
        : consent.expiresAt <= clock.now()
          ? ("expired" as const)
          : ("active" as const),
      grantedAt: consent.grantedAt.toISOString(),
      expiresAt: consent.expiresAt.toISOString(),
      withdrawnAt: consent.withdrawnAt?.toISOString() ?? null,
    })),
    recipients: canManageConsent ? await consentRecipients(db, subject.districtId) : [],
    // The consent form's idempotency key: a double click records one consent.
    submissionKey: newSubmissionKey(),
    canReveal: can(user.actor, "read-identity:subject", target),
    canManageConsent,
    canEnd: can(user.actor, "update:subject", target),
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

const intentSchema = z.object({ intent: z.enum(["reveal", "end", "consent", "withdraw"]) });

export const action = withDomainErrors(async ({ request, params }: ActionFunctionArgs) => {
  const { user, actor, subject } = await loadCase(request, uuidParam(params));
  const target = { officeId: subject.officeId, districtId: subject.districtId };
  const formData = await readFormData(request);
  const intent = intentSchema.safeParse(Object.fromEntries(formData));
  if (!intent.success) throw new Response("Bad Request", { status: 400 });
  const db = await getDb();
  const ipAddress = clientIp(request);
  const page = `/staff/subjects/${subject.id}`;

  if (intent.data.intent === "reveal") {
    const scope = authorizeOrRespond(user.actor, "read-identity:subject", target);
    const parsed = await validateSubmission(formData, revealSchema, "reveal");
    if (!parsed.success) return parsed.failure;
    const identity = await viewSubjectIdentity(db, {
      subjectId: subject.id,
      scope,
      actor,
      purpose: parsed.data.purpose,
      ipAddress,
    });
    if (!identity) notFound();
    return { identity };
  }
  if (intent.data.intent === "end") {
    authorizeOrRespond(user.actor, "update:subject", target);
    await endSubject(db, { subjectId: subject.id, actor: { ...actor, ipAddress } });
    return redirectWithFlash(request, page, { kind: "success", message: "subjects:detail.ended" });
  }
  authorizeOrRespond(user.actor, "manage:consent", target);
  if (intent.data.intent === "withdraw") {
    const consentId = z.uuid().safeParse(formData.get("consentId"));
    if (
      !consentId.success ||
      !(await withdrawConsent(db, { consentId: consentId.data, actor: { ...actor, ipAddress } }))
    )
      notFound();
    return redirectWithFlash(request, page, { kind: "success", message: "subjects:consent.withdrawn" });
  }
  const parsed = await validateSubmission(formData, consentFormSchema, "consent");
  if (!parsed.success) return parsed.failure;
  const key = submissionKeyOf(formData);
  if (!key)
    return submissionFailure(parsed.values, {}, { formError: "validation:form.invalid", form: "consent" });
  const { consentPurpose, ...consent } = parsed.data;
  const once = await createOnce(
    db,
    { userId: user.id, key, entity: "consent" },
    (tx) =>
      recordConsent(tx, {
        subjectId: subject.id,
        actor: { ...actor, ipAddress },
        recipientOrganizationId: consent.recipientOrganizationId,
        purpose: consentPurpose,
        dataCategories: consent.dataCategories,
        // Valid through the chosen day, Asia/Shanghai.
        expiresAt: new Date(`${consent.expiresOn}T23:59:59+08:00`),
      }),
    (result) => (result.ok ? result.id : null),
  );
  if (!once.replayed && !once.result.ok)
    return submissionFailure(parsed.values, { [once.result.field]: once.result.error }, { form: "consent" });
  return redirectWithFlash(request, page, { kind: "success", message: "subjects:consent.recorded" });
});

export default function SubjectDetail() {
  const { t } = useTranslation("subjects");
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const identity = result && "identity" in result ? result.identity : undefined;
  const { subject } = data;
  return (
    <section className="container page">
      <h1>
        {t("detail.heading")} <code>{subject.caseCode}</code>
      </h1>
      <SubjectFacts subject={subject} />
      {data.canReveal && !subject.purgedAt ? <SubjectIdentity identity={identity} /> : null}
      {subject.purgedAt ? <Notice>{t("detail.purged")}</Notice> : null}
      <SubjectConsents
        consents={data.consents}
        recipients={data.recipients}
        canManage={data.canManageConsent}
        canRecord={subject.status === "active"}
        submissionKey={data.submissionKey}
      />
      {data.canEnd && subject.status === "active" ? (
        <Form method="post" className="section">
          <SubmitButton name="intent" value="end" className="button">
            {t("detail.end")}
          </SubmitButton>
        </Form>
      ) : null}
    </section>
  );
}
