import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data as respond } from "@remix-run/node";
import { Form, Link, useActionData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Notice } from "~/components/forms";
import { importNeedsCsv } from "~/domains/matching/import.server";
import { NEEDS_CSV_HEADER, NEEDS_CSV_MAX_BYTES, NEEDS_CSV_MAX_ROWS } from "~/domains/matching/needs-csv";
import { i18nServer } from "~/i18n.server";
import { getDb } from "~/utils/db.server";
import { withDomainErrors } from "~/utils/domain-errors.server";
import { requirePermission } from "~/utils/permissions.server";
import { clientIp } from "~/utils/session.server";
import { readFormData } from "~/utils/forms.server";

export const handle = { i18n: ["common", "matching", "validation"] };

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "create:help-need:office");
  const t = await i18nServer.getFixedT(request, "matching");
  return { title: t("import.title") };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

type ImportAnswer =
  { ok: true; imported: number } | { ok: false; errors: { line: number; field: string; error: string }[] };

export const action = withDomainErrors(async ({ request }: ActionFunctionArgs) => {
  const user = await requirePermission(request, "create:help-need:office");
  const formData = await readFormData(request);
  const file = formData.get("file");
  const text =
    file && typeof file === "object" && "text" in file && file.size > 0
      ? file.size > NEEDS_CSV_MAX_BYTES
        ? null
        : await file.text()
      : String(formData.get("csv") ?? "");
  if (text === null)
    return respond<ImportAnswer>(
      { ok: false, errors: [{ line: 0, field: "file", error: "matching:import.errors.tooLarge" }] },
      { status: 400 },
    );
  if (text.trim() === "")
    return respond<ImportAnswer>(
      { ok: false, errors: [{ line: 0, field: "file", error: "matching:import.errors.noFile" }] },
      { status: 400 },
    );
  const result = await importNeedsCsv(await getDb(), { ...user.actor, ipAddress: clientIp(request) }, text);
  if (!result.ok) return respond<ImportAnswer>({ ok: false, errors: result.errors }, { status: 400 });
  return respond<ImportAnswer>({ ok: true, imported: result.imported });
});

export default function ImportNeeds() {
  const { t } = useTranslation("matching");
  const answer = useActionData<typeof action>() as ImportAnswer | undefined;
  return (
    <section className="container page page--narrow">
      <p>
        <Link to="/staff/needs">{t("detail.back")}</Link>
      </p>
      <h1>{t("import.title")}</h1>
      <p>{t("import.lead", { rows: NEEDS_CSV_MAX_ROWS })}</p>
      <pre className="code-sample">{NEEDS_CSV_HEADER}</pre>
      <p className="field__hint">{t("import.columns")}</p>
      {answer?.ok ? <Notice kind="success">{t("import.done", { count: answer.imported })}</Notice> : null}
      {answer && !answer.ok ? (
        <div className="alert alert--error" role="alert">
          <p>{t("import.failed")}</p>
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t("import.line")}</th>
                <th scope="col">{t("import.field")}</th>
                <th scope="col">{t("import.problem")}</th>
              </tr>
            </thead>
            <tbody>
              {answer.errors.map((error, index) => (
                <tr key={index}>
                  <td>{error.line || "—"}</td>
                  <td>
                    <code>{error.field}</code>
                  </td>
                  <td>{t(error.error)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <div className="panel">
        <Form method="post" encType="multipart/form-data" className="form">
          <div className="field">
            <label htmlFor="field-file">{t("import.file")}</label>
            <p className="field__hint" id="field-file-hint">
              {t("import.fileHint")}
            </p>
            <input
              id="field-file"
              name="file"
              type="file"
              accept=".csv,text/csv"
              aria-describedby="field-file-hint"
            />
          </div>
          <button type="submit" className="button button--primary">
            {t("import.submit")}
          </button>
        </Form>
      </div>
    </section>
  );
}
