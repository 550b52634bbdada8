import { eq } from "drizzle-orm";
import { lawyers, servicePoints } from "#db/schema/legal";
import { subjects } from "#db/schema/subjects";
import {
  cancelScheduled,
  notify,
  type NotifyRecipient,
  recipientForUser,
} from "~/domains/notifications/notify.server";
import type { DbOrTx } from "~/utils/db.server";
import type { TopicCategory } from "./validation";

const HOUR_MS = 3_600_000;

/** The booking as the mails need it (the row after the change). */
export interface BookingForMail {
  id: string;
  lawyerId: string;
  servicePointId: string;
  subjectId: string | null;
  bookedBy: string;
  startsAt: Date;
  endsAt: Date;
  topic: string;
  sequence: number;
}

export const reminderGroup = (bookingId: string) => `consultation-reminder:${bookingId}`;

/** Who is told: the lawyer's own account (when linked) and the staff member who booked. */
async function recipientsOf(tx: DbOrTx, booking: BookingForMail): Promise<NotifyRecipient[]> {
  const [lawyer] = await tx
    .select({ userId: lawyers.userId })
    .from(lawyers)
    .where(eq(lawyers.id, booking.lawyerId));
  const ids = [...new Set([lawyer?.userId, booking.bookedBy].filter((id): id is string => Boolean(id)))];
  const recipients = await Promise.all(ids.map((id) => recipientForUser(tx, id)));
  return recipients.filter((recipient): recipient is NotifyRecipient => recipient !== null);
}

async function factsOf(tx: DbOrTx, booking: BookingForMail, changedAt: Date) {
  const [point] = await tx
    .select({ name: servicePoints.name, address: servicePoints.address, room: servicePoints.room })
    .from(servicePoints)
    .where(eq(servicePoints.id, booking.servicePointId));
  const [lawyer] = await tx
    .select({ name: lawyers.name })
    .from(lawyers)
    .where(eq(lawyers.id, booking.lawyerId));
  let caseCode: string | null = null;
  if (booking.subjectId) {
    const [subject] = await tx
      .select({ caseCode: subjects.caseCode })
      .from(subjects)
      .where(eq(subjects.id, booking.subjectId));
    caseCode = subject?.caseCode ?? null;
  }
  return {
    bookingId: booking.id,
    sequence: booking.sequence,
    changedAt: changedAt.toISOString(),
    startsAt: booking.startsAt.toISOString(),
    endsAt: booking.endsAt.toISOString(),
    servicePoint: point!.name,
    address: point!.room ? `${point!.address} ${point!.room}` : point!.address,
    lawyerName: lawyer!.name,
    topic: booking.topic as TopicCategory,
    caseCode,
    url: `/consultations/${booking.id}`,
  };
}

export type BookingChange =
  | { kind: "booked" }
  | { kind: "rescheduled"; previousStartsAt: Date; reason: string }
  | { kind: "cancelled"; reason: string };

/**
 * The mails of a booking change, in the caller's transaction: the change itself to the lawyer and
 * the booking staff member, with the .ics; the reminder 24 h before withdrawn and (unless cancelled)
 * scheduled again for the new time.
 */
export async function notifyBookingChange(
  tx: DbOrTx,
  booking: BookingForMail,
  change: BookingChange,
  now: Date,
) {
  const facts = await factsOf(tx, booking, now);
  const recipients = await recipientsOf(tx, booking);
  const eventKey = `${booking.id}:${booking.sequence}`;
  if (change.kind !== "booked") await cancelScheduled(tx, reminderGroup(booking.id));
  for (const to of recipients) {
    const who = to.userId ?? to.email;
    if (change.kind === "booked") {
      await notify(tx, {
        template: "consultation-booked",
        data: facts,
        to,
        idempotencyKey: `consultation-booked:${eventKey}:${who}`,
      });
    } else if (change.kind === "rescheduled") {
      await notify(tx, {
        template: "consultation-rescheduled",
        data: { ...facts, previousStartsAt: change.previousStartsAt.toISOString(), reason: change.reason },
        to,
        idempotencyKey: `consultation-rescheduled:${eventKey}:${who}`,
      });
    } else {
      await notify(tx, {
        template: "consultation-cancelled",
        data: { ...facts, reason: change.reason },
        to,
        idempotencyKey: `consultation-cancelled:${eventKey}:${who}`,
      });
    }
    const sendAfter = new Date(booking.startsAt.getTime() - 24 * HOUR_MS);
    if (change.kind !== "cancelled" && sendAfter.getTime() > now.getTime()) {
      await notify(tx, {
        template: "consultation-reminder",
        data: facts,
        to,
        idempotencyKey: `consultation-reminder:${eventKey}:${who}`,
        sendAfter,
        groupKey: reminderGroup(booking.id),
      });
    }
  }
}
