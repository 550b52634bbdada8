import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { FormError, Notice, TextField } from "~/components/forms";
import {
  consentRecipients,
  listConsents,
  recordConsent,
  withdrawConsent,
} from "~/domains/subjects/consent.server";
import { endSubject, getSubjectCase, viewSubjectIdentity } from "~/domains/subjects/subjects.server";
import { consentDataCategories, consentSchema, revealSchema } from "~/domains/subjects/validation";
import { i18nServer } from "~/i18n.server";
import { getDb } from "~/utils/db.server";
import { formFailure, readFormData } from "~/utils/forms.server";
import { can } from "~/domains/accounts/authorize";
import { withDomainErrors } from "~/utils/domain-errors.server";
import { authorizeOrRespond, notFound, requireActor } from "~/utils/permissions.server";
import { clientIp } from "~/utils/session.server";
import { listOf } from "~/utils/list-format";
import { formatDateTime } from "~/utils/dates";
import * as clock from "~/utils/clock.server";

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
  const { user, subject } = await loadCase(request, params.id ?? "");
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
    canReveal: can(user.actor, "read-identity:subject", target),
    canManageConsent,
    canEnd: can(user.actor, "update:subject", target),
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

const intentSchema = z.object({ intent: z.enum(["reveal", "end", "consent", "withdraw"]) });

export const action = withDomainErrors(async ({ request, params }: ActionFunctionArgs) => {
  const { user, actor, subject } = await loadCase(request, params.id ?? "");
  const target = { officeId: subject.officeId, districtId: subject.districtId };
  const formData = await readFormData(request);
  const intent = intentSchema.safeParse(Object.fromEntries(formData));
  if (!intent.success) throw new Response("Bad Request", { status: 400 });
  const db = await getDb();
  const ipAddress = clientIp(request);

  if (intent.data.intent === "reveal") {
    const scope = authorizeOrRespond(user.actor, "read-identity:subject", target);
    const parsed = revealSchema.safeParse(Object.fromEntries(formData));
    if (!parsed.success) return formFailure(formData, { purpose: parsed.error.issues[0]!.message });
    const identity = await viewSubjectIdentity(db, {
      subjectId: subject.id,
      scope,
      actor,
      purpose: parsed.data.purpose,
      ipAddress,
    });
    if (!identity) notFound();
    return { intent: "reveal" as const, identity };
  }
  if (intent.data.intent === "end") {
    authorizeOrRespond(user.actor, "update:subject", target);
    await endSubject(db, { subjectId: subject.id, actor: { ...actor, ipAddress } });
    return { intent: "end" as const, done: true };
  }
  authorizeOrRespond(user.actor, "manage:consent", target);
  if (intent.data.intent === "withdraw") {
    const consentId = z.uuid().safeParse(formData.get("consentId"));
    if (
      !consentId.success ||
      !(await withdrawConsent(db, { consentId: consentId.data, actor: { ...actor, ipAddress } }))
    )
      notFound();
    return { intent: "withdraw" as const, done: true };
  }
  // The consent's purpose is posted as `consentPurpose`: the reveal form on the same page has a
  // `purpose` field, and two fields of one name would share one id and one label.
  const parsed = consentSchema.safeParse({
    ...Object.fromEntries(formData),
    purpose: formData.get("consentPurpose") ?? undefined,
    dataCategories: formData.getAll("dataCategories"),
  });
  // What was typed comes back with the errors; the ticked categories as one comma-separated value.
  const typed = new FormData();
  for (const [key, value] of formData) if (key !== "dataCategories") typed.append(key, value);
  typed.set("dataCategories", formData.getAll("dataCategories").join(","));
  if (!parsed.success) {
    const errors: Record<string, string> = {};
    for (const issue of parsed.error.issues) {
      const field = String(issue.path[0] ?? "form");
      errors[field === "purpose" ? "consentPurpose" : field] ??= issue.message;
    }
    return formFailure(typed, errors);
  }
  const result = await recordConsent(db, {
    subjectId: subject.id,
    actor: { ...actor, ipAddress },
    recipientOrganizationId: parsed.data.recipientOrganizationId,
    purpose: parsed.data.purpose,
    dataCategories: parsed.data.dataCategories,
    // Valid through the chosen day, Asia/Shanghai.
    expiresAt: new Date(`${parsed.data.expiresOn}T23:59:59+08:00`),
  });
  if (!result.ok) return formFailure(typed, { [result.field]: result.error });
  return { intent: "consent" as const, done: true };
});

export default function SubjectDetail() {
  const { t, i18n } = useTranslation("subjects");
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const failure = result && "errors" in result ? result : undefined;
  const revealState = failure && failure.values.intent === "reveal" ? failure : undefined;
  const consentState = failure && failure.values.intent === "consent" ? failure : undefined;
  const identity = result && "identity" in result ? result.identity : undefined;
  const { subject } = data;
  return (
    <section className="container page">
      <h1>
        {t("detail.heading")} <code>{subject.caseCode}</code>
      </h1>
      {result && "intent" in result && result.intent === "end" ? (
        <Notice kind="success">{t("detail.ended")}</Notice>
      ) : null}
      <dl className="facts">
        <dt>{t("fields.status")}</dt>
        <dd>{t(`statuses.${subject.status}`)}</dd>
        <dt>{t("fields.area")}</dt>
        <dd>{subject.area}</dd>
        <dt>{t("fields.gender")}</dt>
        <dd>{t(`genders.${subject.gender}`)}</dd>
        <dt>{t("fields.supervisionLevel")}</dt>
        <dd>{t(`levels.${subject.supervisionLevel}`)}</dd>
        <dt>{t("fields.period")}</dt>
        <dd>
          {subject.correctionStart} – {subject.correctionEnd}
        </dd>
        {subject.languages.length > 0 ? (
          <>
            <dt>{t("fields.languages")}</dt>
            <dd>{listOf(subject.languages, i18n.language)}</dd>
          </>
        ) : null}
      </dl>

      {data.canReveal && !subject.purgedAt ? (
        <section className="section" aria-labelledby="identity-title">
          <h2 id="identity-title">{t("detail.identityTitle")}</h2>
          {identity ? (
            <dl className="facts facts--identity">
              <dt>{t("fields.name")}</dt>
              <dd>{identity.name}</dd>
              <dt>{t("fields.idNumber")}</dt>
              <dd>{identity.idNumber}</dd>
              <dt>{t("fields.phone")}</dt>
              <dd>{identity.phone}</dd>
              <dt>{t("fields.address")}</dt>
              <dd>{identity.address}</dd>
              <dt>{t("fields.birthDate")}</dt>
              <dd>
                {identity.birthDate}
                {identity.minor ? <span className="badge badge--pending"> {t("detail.minor")}</span> : null}
              </dd>
            </dl>
          ) : (
            <>
              <p>{t("detail.identityLead")}</p>
              <Form method="post" className="panel form" noValidate>
                <input type="hidden" name="intent" value="reveal" />
                <TextField
                  name="purpose"
                  required
                  maxLength={200}
                  label={t("fields.purpose")}
                  state={revealState}
                />
                <button type="submit" className="button button--primary">
                  {t("detail.reveal")}
                </button>
              </Form>
            </>
          )}
        </section>
      ) : null}
      {subject.purgedAt ? <Notice>{t("detail.purged")}</Notice> : null}

      <section className="section" aria-labelledby="consents-title">
        <h2 id="consents-title">{t("consent.title")}</h2>
        <p>{t("consent.lead")}</p>
        {result && "intent" in result && result.intent === "consent" ? (
          <Notice kind="success">{t("consent.recorded")}</Notice>
        ) : null}
        {result && "intent" in result && result.intent === "withdraw" ? (
          <Notice kind="success">{t("consent.withdrawn")}</Notice>
        ) : null}
        {/* A grid of its own: the ledger and the form below it keep apart. */}
        <div className="form">
          {data.consents.length === 0 ? (
            <p className="empty-state">{t("consent.empty")}</p>
          ) : (
            <ul className="list">
              {data.consents.map((consent) => (
                <li key={consent.id} className="list__item">
                  <strong>{consent.recipientName}</strong> · {consent.purpose}{" "}
                  <span className={`badge${consent.state === "active" ? " badge--verified" : ""}`}>
                    {t(`consent.states.${consent.state}`)}
                  </span>
                  <p className="list__meta">
                    {t("consent.fields", {
                      fields: listOf(
                        consent.dataCategories.map((category) => t(`categories.${category}`)),
                        i18n.language,
                      ),
                    })}{" "}
                    · {t("consent.until", { date: formatDateTime(consent.expiresAt, i18n.language) })}
                    {consent.withdrawnAt
                      ? ` · ${t("consent.withdrawnAt", { date: formatDateTime(consent.withdrawnAt, i18n.language) })}`
                      : ""}
                  </p>
                  {data.canManageConsent && consent.state === "active" ? (
                    <Form method="post">
                      <input type="hidden" name="intent" value="withdraw" />
                      <input type="hidden" name="consentId" value={consent.id} />
                      <button type="submit" className="button">
                        {t("consent.withdraw")}
                      </button>
                    </Form>
                  ) : null}
                </li>
              ))}
            </ul>
          )}
          {data.canManageConsent && subject.status === "active" ? (
            // Keyed by the number of consents: a recorded consent empties the form for the next one.
            <Form key={data.consents.length} method="post" className="panel form" noValidate>
              <h3>{t("consent.recordTitle")}</h3>
              <FormError state={consentState} />
              <input type="hidden" name="intent" value="consent" />
              <div
                className={`field${consentState?.errors.recipientOrganizationId ? " field--invalid" : ""}`}
              >
                <label htmlFor="field-recipientOrganizationId">{t("consent.recipient")}</label>
                <select
                  id="field-recipientOrganizationId"
                  name="recipientOrganizationId"
                  defaultValue={consentState?.values.recipientOrganizationId ?? ""}
                  aria-invalid={consentState?.errors.recipientOrganizationId ? true : undefined}
                  aria-describedby={
                    consentState?.errors.recipientOrganizationId
                      ? "field-recipientOrganizationId-error"
                      : undefined
                  }
                >
                  <option value="">{t("consent.chooseRecipient")}</option>
                  {data.recipients.map((recipient) => (
                    <option key={recipient.id} value={recipient.id}>
                      {recipient.name}
                    </option>
                  ))}
                </select>
                {consentState?.errors.recipientOrganizationId ? (
                  <p className="field__error" id="field-recipientOrganizationId-error" role="alert">
                    {t(consentState.errors.recipientOrganizationId)}
                  </p>
                ) : null}
              </div>
              <TextField
                name="consentPurpose"
                required
                maxLength={200}
                label={t("fields.purpose")}
                state={consentState}
              />
              <fieldset
                className="preferences"
                aria-describedby={
                  consentState?.errors.dataCategories ? "field-dataCategories-error" : undefined
                }
              >
                <legend>{t("consent.categoriesLegend")}</legend>
                {consentDataCategories.map((category) => (
                  <div key={category} className="checkbox">
                    <input
                      id={`field-dataCategories-${category}`}
                      type="checkbox"
                      name="dataCategories"
                      value={category}
                      defaultChecked={consentState?.values.dataCategories?.split(",").includes(category)}
                    />
                    <label htmlFor={`field-dataCategories-${category}`}>{t(`categories.${category}`)}</label>
                  </div>
                ))}
                {consentState?.errors.dataCategories ? (
                  <p className="field__error" id="field-dataCategories-error" role="alert">
                    {t(consentState.errors.dataCategories)}
                  </p>
                ) : null}
              </fieldset>
              <TextField
                name="expiresOn"
                type="date"
                required
                label={t("consent.expiresOn")}
                state={consentState}
              />
              <button type="submit" className="button button--primary">
                {t("consent.record")}
              </button>
            </Form>
          ) : null}
        </div>
      </section>

      {data.canEnd && subject.status === "active" ? (
        <Form method="post" className="section">
          <input type="hidden" name="intent" value="end" />
          <button type="submit" className="button">
            {t("detail.end")}
          </button>
        </Form>
      ) : null}
    </section>
  );
}
