import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormError, Notice, TextField } from "~/components/forms";
import { createServicePoint, listServicePoints } from "~/domains/legal/lawyers.server";
import { servicePointSchema } from "~/domains/legal/validation";
import { i18nServer } from "~/i18n.server";
import { getDb } from "~/utils/db.server";
import { parseForm } from "~/utils/forms.server";
import { requirePermission } from "~/utils/permissions.server";
import { clientIp } from "~/utils/session.server";

export const handle = { i18n: ["common", "legal", "validation"] };

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "manage:service-point:office");
  const points = await listServicePoints(await getDb(), { officeId: user.actor.organizationId! });
  const t = await i18nServer.getFixedT(request, "legal");
  return { title: t("points.title"), points };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export async function action({ request }: ActionFunctionArgs) {
  const user = await requirePermission(request, "manage:service-point:office");
  const parsed = await parseForm(request, servicePointSchema);
  if (!parsed.success) return parsed.failure;
  const result = await createServicePoint(await getDb(), {
    actor: { ...user.actor, ipAddress: clientIp(request) },
    point: parsed.data,
  });
  if (!result.ok) throw new Response("Forbidden", { status: 403 });
  return { created: true };
}

export default function ServicePoints() {
  const { t } = useTranslation("legal");
  const { title, points } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const state = result && "errors" in result ? result : undefined;
  return (
    <section className="container page page--narrow">
      <p>
        <Link to="/consultations">{t("book.back")}</Link>
      </p>
      <h1>{title}</h1>
      {result && "created" in result ? <Notice kind="success">{t("points.created")}</Notice> : null}
      <ul className="list">
        {points.map((point) => (
          <li key={point.id}>
            <strong>{point.name}</strong> · {point.address} {point.room}
            {point.directions ? ` · ${point.directions}` : ""}
          </li>
        ))}
      </ul>
      <h2>{t("points.add")}</h2>
      <FormError state={state} />
      <Form method="post" className="panel" noValidate>
        <TextField name="name" label={t("fields.name")} state={state} required />
        <TextField name="address" label={t("fields.address")} state={state} required />
        <TextField name="room" label={t("fields.room")} state={state} />
        <TextField name="directions" label={t("fields.directions")} state={state} />
        <button type="submit" className="button">
          {t("points.submit")}
        </button>
      </Form>
    </section>
  );
}
