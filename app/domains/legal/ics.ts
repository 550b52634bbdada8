/**
 * iCalendar (RFC 5545) for consultations, written with `ical.js`: one event per booking in the
 * emails' attachments (UID stable per booking, SEQUENCE raised on each change, METHOD:CANCEL when
 * cancelled), and a lawyer's feed with each office-hour rule as a recurring event (its RRULE itself)
 * plus the booked consultations. Times carry TZID=Asia/Shanghai with the zone's definition included.
 *
 * Nothing here names a subject or says "corrections": a calendar leaves the portal for phones and
 * third-party calendar services.
 */
import ICAL from "ical.js";
import { addDays, occurrenceDays, shanghaiDay, shanghaiInstant, shanghaiMinute } from "./slots";

export const ICS_PRODUCT_ID = "-//cc-social-forces-portal//legal consultations//ZH";
export const SHANGHAI_TZID = "Asia/Shanghai";

/** Beijing has been UTC+8 without daylight saving since 1991; one STANDARD block states it. */
function shanghaiTimezone(): ICAL.Component {
  const zone = new ICAL.Component("vtimezone");
  zone.addPropertyWithValue("tzid", SHANGHAI_TZID);
  const standard = new ICAL.Component("standard");
  standard.addPropertyWithValue("dtstart", ICAL.Time.fromDateTimeString("1970-01-01T00:00:00"));
  standard.addPropertyWithValue("tzoffsetfrom", ICAL.UtcOffset.fromString("+08:00"));
  standard.addPropertyWithValue("tzoffsetto", ICAL.UtcOffset.fromString("+08:00"));
  standard.addPropertyWithValue("tzname", "CST");
  zone.addSubcomponent(standard);
  return zone;
}

function calendar(method?: "REQUEST" | "CANCEL" | "PUBLISH"): ICAL.Component {
  const root = new ICAL.Component("vcalendar");
  root.addPropertyWithValue("prodid", ICS_PRODUCT_ID);
  root.addPropertyWithValue("version", "2.0");
  root.addPropertyWithValue("calscale", "GREGORIAN");
  if (method) root.addPropertyWithValue("method", method);
  root.addSubcomponent(shanghaiTimezone());
  return root;
}

const pad = (value: number) => String(value).padStart(2, "0");

/** A Beijing wall-clock time property (DTSTART;TZID=Asia/Shanghai:20260602T090000). */
function localTime(name: string, day: string, minute: number): ICAL.Property {
  const property = new ICAL.Property(name);
  property.setParameter("tzid", SHANGHAI_TZID);
  property.setValue(
    ICAL.Time.fromDateTimeString(`${day}T${pad(Math.floor(minute / 60))}:${pad(minute % 60)}:00`),
  );
  return property;
}

const instantTime = (name: string, instant: Date) =>
  localTime(name, shanghaiDay(instant), shanghaiMinute(instant));

function utcStamp(instant: Date): ICAL.Time {
  return ICAL.Time.fromJSDate(instant, true);
}

export interface BookingEvent {
  bookingId: string;
  sequence: number;
  method: "REQUEST" | "CANCEL";
  startsAt: Date;
  endsAt: Date;
  summary: string;
  location: string;
  description: string;
  /** When the .ics was made (DTSTAMP). */
  stamp: Date;
}

export const bookingUid = (bookingId: string) => `consultation-${bookingId}@cc-social-forces-portal`;

function bookingComponent(event: Omit<BookingEvent, "method"> & { cancelled: boolean }): ICAL.Component {
  const vevent = new ICAL.Component("vevent");
  vevent.addPropertyWithValue("uid", bookingUid(event.bookingId));
  vevent.addPropertyWithValue("sequence", event.sequence);
  vevent.addPropertyWithValue("dtstamp", utcStamp(event.stamp));
  vevent.addProperty(instantTime("dtstart", event.startsAt));
  vevent.addProperty(instantTime("dtend", event.endsAt));
  vevent.addPropertyWithValue("summary", event.summary);
  vevent.addPropertyWithValue("location", event.location);
  vevent.addPropertyWithValue("description", event.description);
  vevent.addPropertyWithValue("status", event.cancelled ? "CANCELLED" : "CONFIRMED");
  return vevent;
}

/** The attachment of a booking email: the event to add, move (same UID, higher SEQUENCE) or cancel. */
export function bookingIcs(event: BookingEvent): string {
  const root = calendar(event.method);
  root.addSubcomponent(bookingComponent({ ...event, cancelled: event.method === "CANCEL" }));
  return root.toString();
}

export interface FeedRule {
  id: string;
  rrule: string;
  startMinute: number;
  endMinute: number;
  validFrom: string;
  validTo: string | null;
  summary: string;
  location: string;
  /** Dates the rule does not take place (cancelled days): EXDATE. */
  cancelledDays: readonly string[];
  updatedAt: Date;
}

export interface FeedBooking {
  bookingId: string;
  sequence: number;
  startsAt: Date;
  endsAt: Date;
  summary: string;
  location: string;
  description: string;
  cancelled: boolean;
  updatedAt: Date;
}

/** A lawyer's subscription feed: office hours as recurrences, consultations as single events. */
export function lawyerFeedIcs(input: {
  name: string;
  rules: readonly FeedRule[];
  bookings: readonly FeedBooking[];
}) {
  const root = calendar("PUBLISH");
  root.addPropertyWithValue("x-wr-calname", input.name);
  root.addPropertyWithValue("x-wr-timezone", SHANGHAI_TZID);
  for (const rule of input.rules) {
    // DTSTART is itself an occurrence (RFC 5545 §3.8.5.3): start on the rule's first real date.
    const first = occurrenceDays(rule, rule.validFrom, addDays(rule.validFrom, 400))[0];
    if (!first) continue;
    const vevent = new ICAL.Component("vevent");
    vevent.addPropertyWithValue("uid", `office-hours-${rule.id}@cc-social-forces-portal`);
    vevent.addPropertyWithValue("dtstamp", utcStamp(rule.updatedAt));
    vevent.addProperty(localTime("dtstart", first, rule.startMinute));
    vevent.addProperty(localTime("dtend", first, rule.endMinute));
    // With a TZID'd DTSTART, UNTIL must be given in UTC.
    const until = rule.validTo
      ? `;UNTIL=${utcStamp(shanghaiInstant(rule.validTo, 24 * 60 - 1)).toICALString()}`
      : "";
    vevent.addPropertyWithValue("rrule", ICAL.Recur.fromString(`${rule.rrule}${until}`));
    for (const day of rule.cancelledDays) vevent.addProperty(localTime("exdate", day, rule.startMinute));
    vevent.addPropertyWithValue("summary", rule.summary);
    vevent.addPropertyWithValue("location", rule.location);
    vevent.addPropertyWithValue("transp", "OPAQUE");
    root.addSubcomponent(vevent);
  }
  for (const booking of input.bookings) {
    root.addSubcomponent(
      bookingComponent({ ...booking, stamp: booking.updatedAt, cancelled: booking.cancelled }),
    );
  }
  return root.toString();
}
