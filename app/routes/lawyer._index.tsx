import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { SubmitButton } from "~/components/form/ValidatedForm";
import { Notice } from "~/components/Notice";
import { listConsultations } from "~/domains/legal/consultations.server";
import { feedTokenOf, lawyerOfUser, rotateFeedToken } from "~/domains/legal/lawyers.server";
import { i18nServer } from "~/i18n.server";
import { formatDateTime } from "~/utils/dates";
import { getDb } from "~/utils/db.server";
import { notFound, requirePermission } from "~/utils/permissions.server";
import { linkContext } from "~/utils/request.server";
import * as clock from "~/utils/clock.server";

export const handle = { i18n: ["common", "legal"] };

/** A lawyer's own consultations (upcoming and past, to record outcomes) and their calendar feed. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "read:lawyer-calendar:own");
  const db = await getDb();
  const lawyer = await lawyerOfUser(db, user.id);
  const t = await i18nServer.getFixedT(request, "legal");
  if (!lawyer) return { title: t("lawyer.title"), lawyer: null, upcoming: [], past: [], feedUrl: null };
  const now = clock.now();
  const [upcoming, past, token] = await Promise.all([
    listConsultations(db, { lawyerId: lawyer.id }, { when: "upcoming", now }),
    listConsultations(db, { lawyerId: lawyer.id }, { when: "past", now, limit: 20 }),
    feedTokenOf(db, lawyer.id),
  ]);
  const row = (booking: (typeof upcoming)[number]) => ({
    id: booking.id,
    startsAt: booking.startsAt.toISOString(),
    status: booking.status,
    topic: booking.topic,
    caseCode: booking.caseCode,
    place: `${booking.servicePointName} · ${booking.officeName}`,
  });
  return {
    title: t("lawyer.title"),
    lawyer: { name: lawyer.name },
    upcoming: upcoming.map(row),
    past: past.map(row),
    feedUrl: token ? `${linkContext(request).origin}/calendar/lawyers/${token}.ics` : null,
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

/** A new secret feed URL (the old one stops working). */
export async function action({ request }: ActionFunctionArgs) {
  const user = await requirePermission(request, "read:lawyer-calendar:own");
  const db = await getDb();
  const lawyer = await lawyerOfUser(db, user.id);
  if (!lawyer) notFound();
  await rotateFeedToken(db, lawyer.id);
  return { rotated: true };
}

export default function LawyerHome() {
  const { t, i18n } = useTranslation("legal");
  const data = useLoaderData<typeof loader>();
  const rotated = useActionData<typeof action>()?.rotated;
  const list = (rows: typeof data.upcoming, empty: string) =>
    rows.length === 0 ? (
      <p>{empty}</p>
    ) : (
      <ul className="list">
        {rows.map((booking) => (
          <li key={booking.id}>
            <Link to={`/consultations/${booking.id}`}>
              {formatDateTime(booking.startsAt, i18n.language)} · {booking.caseCode ?? t("walkIn")}
            </Link>{" "}
            · {t(`topics.${booking.topic}`)} · {booking.place} · {t(`status.${booking.status}`)}
          </li>
        ))}
      </ul>
    );
  return (
    <section className="container page">
      <h1>{data.title}</h1>
      {!data.lawyer ? (
        <p>{t("lawyer.notLinked")}</p>
      ) : (
        <>
          <p>{t("lawyer.lead", { name: data.lawyer.name })}</p>
          <h2>{t("lawyer.upcoming")}</h2>
          {list(data.upcoming, t("staff.noUpcoming"))}
          <h2>{t("lawyer.past")}</h2>
          {list(data.past, t("firm.noPast"))}
          <h2>{t("lawyer.feed")}</h2>
          <p>{t("lawyer.feedLead")}</p>
          {data.feedUrl ? (
            <p>
              <code data-testid="feed-url">{data.feedUrl}</code>
            </p>
          ) : null}
          {rotated ? <Notice kind="success">{t("lawyer.rotated")}</Notice> : null}
          <Form method="post">
            <SubmitButton className="button button--secondary">{t("lawyer.rotate")}</SubmitButton>
          </Form>
        </>
      )}
    </section>
  );
}
