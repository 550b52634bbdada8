import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { FormError, Notice, TextField } from "~/components/forms";
import { issueCertificate, listCertificates } from "~/domains/volunteers/certificates.server";
import { shanghaiDate } from "~/domains/subjects/resident-id";
import { i18nServer } from "~/i18n.server";
import { getDb } from "~/utils/db.server";
import { formFailure, parseForm } from "~/utils/forms.server";
import { formatDateTime } from "~/utils/dates";
import { requirePermission } from "~/utils/permissions.server";
import { clientIp } from "~/utils/session.server";
import { hoursOf } from "~/domains/volunteers/format";
import * as clock from "~/utils/clock.server";
import { SubmissionKey } from "~/components/SubmissionKey";
import { createOnce } from "~/domains/submissions.server";
import { newSubmissionKey, submissionKeyOf } from "~/utils/submission-key.server";

export const handle = { i18n: ["common", "certificates", "validation"] };

const isoDate = z.iso.date({ error: "validation:date.invalid" });
const issueSchema = z.object({ periodFrom: isoDate, periodTo: isoDate });

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "issue:certificate:own");
  const t = await i18nServer.getFixedT(request, "certificates");
  const today = shanghaiDate(clock.now());
  return {
    title: t("pages.list.title"),
    certificates: (await listCertificates(await getDb(), user.id)).map((row) => ({
      ...row,
      issuedAt: row.issuedAt.toISOString(),
    })),
    defaults: { periodFrom: `${today.slice(0, 4)}-01-01`, periodTo: today },
    submissionKey: newSubmissionKey(),
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export async function action({ request }: ActionFunctionArgs) {
  const user = await requirePermission(request, "issue:certificate:own");
  const parsed = await parseForm(request, issueSchema);
  if (!parsed.success) return parsed.failure;
  const key = submissionKeyOf(parsed.formData);
  if (!key) return formFailure(parsed.formData, {}, 400, "validation:form.invalid");
  // One certificate per rendered form, however often it is sent (double click, retry, replay).
  const once = await createOnce(
    await getDb(),
    { userId: user.id, key, entity: "certificate" },
    (db) => issueCertificate(db, { volunteerId: user.id, ...parsed.data, ipAddress: clientIp(request) }),
    (issued) => (issued.ok ? issued.certificate.number : null),
  );
  if (once.replayed) return redirect(`/certificates?issued=${encodeURIComponent(once.entityId)}`);
  const result = once.result;
  if (!result.ok) {
    const status = result.error === "validation:certificatePeriod.notApproved" ? 403 : 422;
    return result.field
      ? formFailure(parsed.formData, { [result.field]: result.error }, status)
      : formFailure(parsed.formData, {}, status, result.error);
  }
  return redirect(`/certificates?issued=${encodeURIComponent(result.certificate.number)}`);
}

export default function Certificates() {
  const { t, i18n } = useTranslation("certificates");
  const data = useLoaderData<typeof loader>();
  const state = useActionData<typeof action>();
  const [params] = useSearchParams();
  const issued = params.get("issued");
  return (
    <section className="container page">
      <h1>{data.title}</h1>
      <p>{t("pages.list.lead")}</p>
      {issued ? <Notice kind="success">{t("pages.list.issued", { number: issued })}</Notice> : null}
      <div className="panel">
        <h2>{t("pages.list.issueHeading")}</h2>
        <FormError state={state} />
        <Form method="post" className="form form--inline">
          <SubmissionKey value={data.submissionKey} />
          <TextField
            name="periodFrom"
            type="date"
            required
            label={t("pages.fields.periodFrom")}
            state={state ?? { values: data.defaults }}
          />
          <TextField
            name="periodTo"
            type="date"
            required
            label={t("pages.fields.periodTo")}
            state={state ?? { values: data.defaults }}
          />
          <button type="submit" className="button button--primary">
            {t("pages.list.issue")}
          </button>
        </Form>
      </div>
      <h2>{t("pages.list.issuedHeading")}</h2>
      {data.certificates.length === 0 ? (
        <p className="empty-state">{t("pages.list.empty")}</p>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t("pages.fields.number")}</th>
              <th scope="col">{t("pages.fields.period")}</th>
              <th scope="col">{t("pages.fields.hours")}</th>
              <th scope="col">{t("pages.fields.issuedAt")}</th>
              <th scope="col">{t("pages.fields.download")}</th>
            </tr>
          </thead>
          <tbody>
            {data.certificates.map((row) => (
              <tr key={row.id}>
                <td>
                  <code>{row.number}</code>
                </td>
                <td>
                  {row.periodFrom} – {row.periodTo}
                </td>
                <td>{t("pages.hoursValue", { hours: hoursOf(row.totalMinutes, i18n.language) })}</td>
                <td>{formatDateTime(row.issuedAt, i18n.language)}</td>
                <td>
                  <a href={`/certificates/${row.number}.pdf?lang=zh-CN`} download>
                    {t("pages.list.downloadZh")}
                  </a>{" "}
                  ·{" "}
                  <a href={`/certificates/${row.number}.pdf?lang=en`} download>
                    {t("pages.list.downloadEn")}
                  </a>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
