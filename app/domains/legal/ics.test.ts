import ICAL from "ical.js";
import { describe, expect, it } from "vitest";
import { bookingIcs, bookingUid, lawyerFeedIcs } from "./ics";

const startsAt = new Date("2026-06-02T01:00:00Z"); // 09:00 in Beijing
const endsAt = new Date("2026-06-02T01:30:00Z");
const event = {
  bookingId: "8d0c3f2e-1111-4a5b-9c6d-7e8f9a0b1c2d",
  sequence: 0,
  method: "REQUEST" as const,
  startsAt,
  endsAt,
  summary: "法律咨询",
  location: "城关司法所 · 一楼接待室",
  description: "主题：劳动",
  stamp: new Date("2026-05-20T08:00:00Z"),
};

function parse(text: string) {
  const root = new ICAL.Component(ICAL.parse(text));
  const zone = root.getFirstSubcomponent("vtimezone")!;
  ICAL.TimezoneService.register(new ICAL.Timezone(zone));
  return root;
}

describe("booking .ics", () => {
  it("parses with ical.js: UID, SEQUENCE, Asia/Shanghai times that are the stored UTC instants", () => {
    const text = bookingIcs(event);
    expect(text).toContain("DTSTART;TZID=Asia/Shanghai:20260602T090000");
    const root = parse(text);
    expect(root.getFirstPropertyValue("method")).toBe("REQUEST");
    const vevent = new ICAL.Event(root.getFirstSubcomponent("vevent")!);
    expect(vevent.uid).toBe(bookingUid(event.bookingId));
    expect(vevent.sequence).toBe(0);
    expect(vevent.startDate.zone?.tzid).toBe("Asia/Shanghai");
    expect(vevent.startDate.toJSDate().toISOString()).toBe(startsAt.toISOString());
    expect(vevent.endDate.toJSDate().toISOString()).toBe(endsAt.toISOString());
    expect(vevent.summary).toBe("法律咨询");
    expect(vevent.location).toBe("城关司法所 · 一楼接待室");
  });

  it("a reschedule keeps the UID and raises SEQUENCE; a cancellation is METHOD:CANCEL", () => {
    const moved = parse(
      bookingIcs({ ...event, sequence: 1, startsAt: endsAt, endsAt: new Date(endsAt.getTime() + 1_800_000) }),
    );
    const cancelled = parse(bookingIcs({ ...event, sequence: 2, method: "CANCEL" }));
    const movedEvent = new ICAL.Event(moved.getFirstSubcomponent("vevent")!);
    expect(movedEvent.uid).toBe(bookingUid(event.bookingId));
    expect(movedEvent.sequence).toBe(1);
    expect(cancelled.getFirstPropertyValue("method")).toBe("CANCEL");
    expect(cancelled.getFirstSubcomponent("vevent")!.getFirstPropertyValue("status")).toBe("CANCELLED");
  });
});

describe("lawyer feed", () => {
  it("exports each rule's RRULE, starting on its first occurrence, with cancelled days as EXDATE", () => {
    const text = lawyerFeedIcs({
      name: "孙律师",
      rules: [
        {
          id: "rule-1",
          rrule: "FREQ=MONTHLY;BYDAY=2TU",
          startMinute: 14 * 60,
          endMinute: 16 * 60,
          validFrom: "2026-06-01",
          validTo: "2026-12-31",
          summary: "法律咨询值班",
          location: "东城司法所",
          cancelledDays: ["2026-07-14"],
          updatedAt: new Date("2026-05-01T00:00:00Z"),
        },
      ],
      bookings: [{ ...event, cancelled: false, updatedAt: event.stamp }],
    });
    const root = parse(text);
    const events = root.getAllSubcomponents("vevent").map((component) => new ICAL.Event(component));
    expect(events).toHaveLength(2);
    const rule = events.find((item) => item.isRecurring())!;
    expect(rule.startDate.toString()).toBe("2026-06-09T14:00:00");
    const iterator = rule.iterator();
    const dates: string[] = [];
    for (let next = iterator.next(); next && dates.length < 10; next = iterator.next()) {
      if (
        !rule.component.getAllProperties("exdate").some((p) => String(p.getFirstValue()) === next!.toString())
      )
        dates.push(next.toString().slice(0, 10));
    }
    expect(dates).toEqual([
      "2026-06-09",
      "2026-08-11",
      "2026-09-08",
      "2026-10-13",
      "2026-11-10",
      "2026-12-08",
    ]);
    expect(events.find((item) => !item.isRecurring())!.uid).toBe(bookingUid(event.bookingId));
  });
});
