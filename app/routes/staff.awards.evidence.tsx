import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { periodLabel } from "~/components/awards/labels";
import { getAwardType } from "~/domains/awards/award-types.server";
import { scopeQuery } from "~/domains/awards/eligibility.server";
import {
  candidateFigures,
  evidenceRows,
  type FigureNomineeKind,
  nomineeKindsWithFigures,
} from "~/domains/awards/figures.server";
import { periodOf } from "~/domains/awards/periods";
import { EvidenceTable, evidenceSources } from "~/components/awards/EvidenceTable";
import { FigureFacts } from "~/components/awards/figures";
import { calendarDateOf } from "~/domains/calendar/working-days";
import { i18nServer } from "~/i18n.server";
import { getDb } from "~/utils/db.server";
import { forbidden, notFound, requirePermission } from "~/utils/permissions.server";
import * as clock from "~/utils/clock.server";

export const handle = { i18n: ["common", "awards", "legal"] };

const querySchema = z.object({
  type: z.uuid(),
  period: z.string().regex(/^\d{4}(-H[12])?$/),
  nominee: z.uuid(),
});

/** The records behind a candidate's figures: what the eligibility view's numbers count, row by row. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "nominate:award:office");
  if (!user.districtId) forbidden();
  const query = querySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  // No candidate named: a malformed link, not a missing object.
  if (!query.success) throw new Response("Bad Request", { status: 400 });
  const db = await getDb();
  const type = await getAwardType(db, user.districtId, query.data.type);
  const period = type ? periodOf(type.periodKind, query.data.period) : null;
  if (!type || !period || !nomineeKindsWithFigures.includes(type.nomineeKind)) notFound();
  const today = calendarDateOf(clock.now());
  const figureQuery = {
    ...scopeQuery(user.actor, type.nomineeKind as FigureNomineeKind, period, today),
    nomineeId: query.data.nominee,
  };
  const [candidate] = await candidateFigures(db, figureQuery);
  if (!candidate) notFound();
  const rows = await evidenceRows(db, figureQuery);
  const t = await i18nServer.getFixedT(request, "awards");
  return {
    title: t("evidence.title", { name: candidate.name }),
    nomineeKind: type.nomineeKind,
    candidate,
    sections: evidenceSources
      .map((source) => ({ source, rows: rows.filter((row) => row.source === source) }))
      .filter((section) => section.rows.length > 0),
    typeId: type.id,
    period: period.key,
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export default function Evidence() {
  const { t } = useTranslation("awards");
  const data = useLoaderData<typeof loader>();
  return (
    <section className="container page">
      <p>
        <Link to={`/staff/awards?type=${data.typeId}&period=${data.period}`}>{t("evidence.back")}</Link>
      </p>
      <h1>{data.title}</h1>
      <p>{periodLabel(t, data.period)}</p>
      <dl className="facts">
        <FigureFacts kind={data.nomineeKind} figures={data.candidate.figures} />
      </dl>
      {data.sections.length === 0 ? (
        <p className="empty-state">{t("evidence.empty")}</p>
      ) : (
        data.sections.map((section) => <EvidenceTable key={section.source} {...section} />)
      )}
    </section>
  );
}
