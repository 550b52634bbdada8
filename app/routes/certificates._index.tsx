import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { DateRangeField } from "~/components/form/fields";
import { useValidatedForm } from "~/components/form/useValidatedForm";
import { SubmitButton, ValidatedForm } from "~/components/form/ValidatedForm";
import { issueCertificate, listCertificates } from "~/domains/volunteers/certificates.server";
import { certificateRequestSchema } from "~/domains/volunteers/hours-validation";
import { shanghaiDate } from "~/domains/subjects/resident-id";
import { i18nServer } from "~/i18n.server";
import { getDb } from "~/utils/db.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { parseSubmission, submissionFailure } from "~/utils/forms.server";
import { formatDateTime } from "~/utils/dates";
import { requirePermission } from "~/utils/permissions.server";
import { clientIp } from "~/utils/session.server";
import { hoursOf } from "~/domains/volunteers/format";
import * as clock from "~/utils/clock.server";
import { SubmissionKey } from "~/components/SubmissionKey";
import { createOnce } from "~/domains/submissions.server";
import { newSubmissionKey, submissionKeyOf } from "~/utils/submission-key.server";

export const handle = { i18n: ["common", "certificates", "validation"] };

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
  const parsed = await parseSubmission(request, certificateRequestSchema);
  if (!parsed.success) return parsed.failure;
  const key = submissionKeyOf(parsed.formData);
  if (!key) return submissionFailure(parsed.values, {}, { formError: "validation:form.invalid" });
  // One certificate per rendered form, however often it is sent (double click, retry, replay).
  const once = await createOnce(
    await getDb(),
    { userId: user.id, key, entity: "certificate" },
    (db) => issueCertificate(db, { volunteerId: user.id, ...parsed.data, ipAddress: clientIp(request) }),
    (issued) => (issued.ok ? issued.certificate.number : null),
  );
  if (!once.replayed && !once.result.ok) {
    const result = once.result;
    const status = result.error === "validation:certificatePeriod.notApproved" ? 403 : 422;
    return result.field
      ? submissionFailure(parsed.values, { [result.field]: result.error }, { status })
      : submissionFailure(parsed.values, {}, { status, formError: result.error });
  }
  const number = once.replayed ? once.entityId : once.result.ok ? once.result.certificate.number : "";
  return redirectWithFlash(request, "/certificates", {
    kind: "success",
    message: "certificates:pages.list.issued",
    values: { number },
  });
}

/** The schema loads with zod on the first validation, not with the page (first-load JS budget). */
const loadCertificateRequestSchema = () =>
  import("~/domains/volunteers/hours-validation").then((module) => module.certificateRequestSchema);

export default function Certificates() {
  const { t, i18n } = useTranslation("certificates");
  const data = useLoaderData<typeof loader>();
  const form = useValidatedForm({ schema: loadCertificateRequestSchema, defaultValues: data.defaults });
  return (
    <section className="container page">
      <h1>{data.title}</h1>
      <p>{t("pages.list.lead")}</p>
      <div className="panel">
        <h2>{t("pages.list.issueHeading")}</h2>
        <ValidatedForm form={form}>
          <SubmissionKey value={data.submissionKey} />
          <DateRangeField
            name="period"
            fromName="periodFrom"
            toName="periodTo"
            legend={t("pages.fields.period")}
            fromLabel={t("pages.fields.periodFrom")}
            toLabel={t("pages.fields.periodTo")}
            max={data.defaults.periodTo}
          />
          <SubmitButton>{t("pages.list.issue")}</SubmitButton>
        </ValidatedForm>
      </div>
      <h2>{t("pages.list.issuedHeading")}</h2>
      {data.certificates.length === 0 ? (
        <p className="empty-state">{t("pages.list.empty")}</p>
      ) : (
        <div className="table-scroll">
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
        </div>
      )}
    </section>
  );
}
