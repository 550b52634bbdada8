import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { periodLabel, typeName } from "~/components/awards/labels";
import { Pagination } from "~/components/Pagination";
import { honourRollPage } from "~/domains/awards/honour-roll.server";
import { i18nServer } from "~/i18n.server";
import { formatCalendarDate } from "~/utils/dates";
import { getDb } from "~/utils/db.server";
import { periodKeyOf } from "~/domains/awards/periods";

export const handle = { i18n: ["common", "awards"] };

/**
 * The public honour roll (no sign-in): awards in public notice, open to objections, and final ones.
 * Names are shown as the nominee consented (a volunteer's full name, or the family name only).
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const params = new URL(request.url).searchParams;
  const roll = await honourRollPage(await getDb(), {
    page: Number(params.get("page") ?? 1),
    noticePage: Number(params.get("notice") ?? 1),
  });
  const t = await i18nServer.getFixedT(request, "awards");
  return { title: t("roll.title"), ...roll };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

type Entry = ReturnType<typeof useLoaderData<typeof loader>>["final"][number];

function EntryCard({ entry }: { entry: Entry }) {
  const { t, i18n } = useTranslation("awards");
  return (
    <li className="panel">
      <p className="field__hint">
        {periodLabel(t, periodKeyOf(entry.periodStart, entry.periodEnd))} · {entry.districtName}
      </p>
      <p className="honour-roll__name">{entry.name}</p>
      <p>{typeName(entry, i18n.language)}</p>
      {entry.status === "in_notice" && entry.noticeEndsOn ? (
        <p className="no-print">
          {t("roll.noticeUntil", { date: formatCalendarDate(entry.noticeEndsOn, i18n.language) })} ·{" "}
          <Link to={`/honour-roll/${entry.id}/objection`}>{t("roll.object")}</Link>
        </p>
      ) : null}
    </li>
  );
}

export default function HonourRoll() {
  const { t } = useTranslation("awards");
  const { title, inNotice, noticeTotal, noticePage, final, finalTotal, page, pageSize } =
    useLoaderData<typeof loader>();
  return (
    <section className="container page">
      <h1>{title}</h1>
      <p>{t("roll.lead")}</p>
      <p className="no-print">
        <button type="button" className="button" onClick={() => window.print()}>
          {t("roll.print")}
        </button>
      </p>
      <h2>{t("roll.inNotice")}</h2>
      <p className="field__hint">{t("roll.noticeLead")}</p>
      {inNotice.length === 0 ? (
        <p className="empty-state">{t("roll.noneInNotice")}</p>
      ) : (
        <ul className="honour-roll" data-testid="roll-in-notice">
          {inNotice.map((entry) => (
            <EntryCard key={entry.id} entry={entry} />
          ))}
        </ul>
      )}
      {noticeTotal > pageSize ? (
        <div className="no-print">
          <Pagination page={noticePage} pageSize={pageSize} total={noticeTotal} param="notice" />
        </div>
      ) : null}
      <h2>{t("roll.final")}</h2>
      {final.length === 0 ? (
        <p className="empty-state">{t("roll.noneFinal")}</p>
      ) : (
        <ul className="honour-roll" data-testid="roll-final">
          {final.map((entry) => (
            <EntryCard key={entry.id} entry={entry} />
          ))}
        </ul>
      )}
      {finalTotal > pageSize ? (
        <div className="no-print">
          <Pagination page={page} pageSize={pageSize} total={finalTotal} />
        </div>
      ) : null}
    </section>
  );
}
