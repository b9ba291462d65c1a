import { describe, expect, it } from "vitest";
import { defineCallback, int, MAX_CALLBACK_BYTES, oneOf, optional } from "../../src/app/callback-data.js";
import { COUNCIL_CALLBACK, COUNCIL_DATA } from "../../src/app/council/council-data.js";
import { MEETING_CALLBACK, MEETING_DATA } from "../../src/app/meetings/meeting-data.js";
import { EVENT_DATA } from "../../src/app/annual/event-data.js";
import { DEPUTY_DATA } from "../../src/app/deputy/deputy-data.js";
import { REMINDER_DATA, REMINDER_OPEN, REMINDER_SNOOZE } from "../../src/app/reminders/compose-message.js";
import { CARD_CALLBACK, cardData, parseCardData } from "../../src/bot/views/callback-data.js";
import { SOS_DATA, SOS_DETAILS } from "../../src/app/sos/compose-sos-message.js";
import { REVIEW_DATA } from "../../src/app/council/review-prompt.js";
import { INTERACTION_DATA } from "../../src/bot/views/interaction-card-rows.js";
import { ADMIN_DATA } from "../../src/bot/features/admin-menu-data.js";
import { REASSIGN_CASE_CALLBACK } from "../../src/app/admin/reassign-data.js";
import { SETTINGS_DATA } from "../../src/bot/features/settings-data.js";
import { STUDENTS_DATA } from "../../src/bot/features/students-data.js";

const codec = defineCallback("xx", { action: oneOf("a", "bb"), id: int(), small: optional(int(99)), more: optional(int()) });

describe("the callback-data codec", () => {
  it("encodes typed fields and decodes them back", () => {
    expect(codec.encode({ action: "a", id: 12 })).toBe("xx:a:12");
    expect(codec.encode({ action: "bb", id: 0, small: 7, more: 5 })).toBe("xx:bb:0:7:5");
    expect(codec.decode("xx:a:12")).toEqual({ action: "a", id: 12 });
    expect(codec.decode("xx:bb:0:7:5")).toEqual({ action: "bb", id: 0, small: 7, more: 5 });
  });

  it("refuses to make data longer than 64 bytes (UTF-8)", () => {
    const long = defineCallback("ln", { word: oneOf("ы".repeat(31), "ok") });
    expect(() => long.encode({ word: "ы".repeat(31) })).toThrow(/64/);
    expect(long.encode({ word: "ok" })).toBe("ln:ok");
    expect(long.decode("ln:" + "ы".repeat(31))).toBeUndefined();
    const wide = defineCallback("w", { a: int(), b: int(), c: int(), d: int(), e: int(), f: int(), g: int() });
    const values = { a: 999_999_999, b: 999_999_999, c: 999_999_999, d: 999_999_999, e: 999_999_999, f: 999_999_999, g: 999_999_999 };
    expect(() => wide.encode(values)).toThrow(RangeError);
    expect(wide.decode("w:" + Array(7).fill("999999999").join(":"))).toBeUndefined();
    expect(MAX_CALLBACK_BYTES).toBe(64);
  });

  it("refuses to encode what it could not decode", () => {
    expect(() => codec.encode({ action: "a", id: -1 })).toThrow(RangeError);
    expect(() => codec.encode({ action: "a", id: 1.5 })).toThrow(RangeError);
    expect(() => codec.encode({ action: "a", id: 1, small: 100 })).toThrow(RangeError);
    expect(() => codec.encode({ action: "zz" as "a", id: 1 })).toThrow(RangeError);
  });

  it.each([
    ["another prefix", "yy:a:12"],
    ["a prefix that only begins alike", "xxx:a:12"],
    ["an unknown word", "xx:c:12"],
    ["a missing part", "xx:a"],
    ["an empty part", "xx:a:"],
    ["an extra part", "xx:a:1:2:3:4"],
    ["a negative number", "xx:a:-1"],
    ["a fraction", "xx:a:1.5"],
    ["an exponent", "xx:a:1e3"],
    ["a hex number", "xx:a:0x10"],
    ["leading zeros", "xx:a:007"],
    ["spaces", "xx:a: 7"],
    ["a number out of range", "xx:a:1:100"],
    ["more than 9 digits", "xx:a:1234567890"],
    ["an unsafe integer", "xx:a:99999999999999999"],
    ["nothing", ""],
  ])("rejects %s", (_why, data) => {
    expect(codec.decode(data)).toBeUndefined();
  });

  it("takes a prefix of several words, and a codec without fields is its prefix alone", () => {
    const off = defineCallback("xx:mute:off", {});
    const pick = defineCallback("xx:mute", { day: int(31) });
    const mute = defineCallback("xx:mute", {});
    expect(off.encode({})).toBe("xx:mute:off");
    expect(off.decode("xx:mute:off")).toEqual({});
    expect(pick.encode({ day: 7 })).toBe("xx:mute:7");
    expect(pick.decode("xx:mute:7")).toEqual({ day: 7 });
    expect(mute.decode("xx:mute")).toEqual({});
    // Each codec reads only its own buttons, though they share the first words.
    for (const data of ["xx:mute:7", "xx:mute:off", "xx:mute:", "xx:muted", "xx"])
      expect({ data, mute: mute.decode(data) }).toEqual({ data });
    for (const data of ["xx:mute", "xx:mute:off", "xx:mute:32", "xx:mute:7:1"]) expect({ data, pick: pick.decode(data) }).toEqual({ data });
    for (const data of ["xx:mute", "xx:mute:off:1", "xx:mute:of", "xx:mute:offf"])
      expect({ data, off: off.decode(data) }).toEqual({ data });
  });

  it.each(["", "XX", "xx:", "xx::a", "xx:a1", "toolongword"])("refuses the prefix %j", (prefix) => {
    expect(() => defineCallback(prefix, {})).toThrow(/prefix/);
  });

  it("keeps the wire format of the buttons already in people's chats", () => {
    expect(COUNCIL_DATA.request(5)).toBe("cn:rq:5");
    expect(COUNCIL_DATA.consent(7, false)).toBe("cn:n:7");
    expect(COUNCIL_DATA.slot(7, 2)).toBe("cn:s:7:2");
    expect(COUNCIL_DATA.informedDone(3, 5)).toBe("cn:td:3:5");
    expect(COUNCIL_CALLBACK.decode("cn:t:3:12")).toBeUndefined();
    expect(MEETING_DATA.confirm(9)).toBe("mt:y:9");
    expect(MEETING_CALLBACK.decode("mt:n:9")).toEqual({ answer: "n", meetingId: 9 });
    expect(EVENT_DATA.decline(4)).toBe("ev:n:4");
    expect(DEPUTY_DATA.open(8)).toBe("dv:o:8");
    expect(REMINDER_DATA.snooze(8, 3)).toBe("rm:z:8:3");
    expect(REMINDER_OPEN.decode("rm:z:8:3")).toBeUndefined();
    expect(REMINDER_SNOOZE.decode("rm:z:8:100")).toBeUndefined();
    expect(cardData("formDone", 12, 3, 1)).toBe("cc:fd:12:3:1");
    expect(cardData("open", "12")).toBe("cc:o:12");
    expect(parseCardData("cc:fd:12:3:1")).toEqual({ action: "formDone", caseId: 12, args: [3, 1] });
    expect(CARD_CALLBACK.decode("cc:zz:12")).toBeUndefined();
    expect(parseCardData("cc:o:12:1:2:3")).toBeUndefined();
    expect(SOS_DATA.acknowledge(3)).toBe("sos:a:3");
    expect(SOS_DETAILS.decode("sos:a:3")).toBeUndefined();
    expect([REVIEW_DATA.no, REVIEW_DATA.yes]).toEqual(["cr:n", "cr:y"]);
    expect(INTERACTION_DATA.memo("5")).toBe("df:memo:5");
  });

  it("keeps the wire format of the /admin buttons already in people's chats", () => {
    const A = ADMIN_DATA;
    expect([
      A.settings.encode({}),
      A.people.encode({}),
      A.classes.encode({}),
      A.promotion.encode({}),
      A.calendar.encode({}),
      A.audit.encode({}),
      A.students.encode({}),
      A.typedSetting.encode({ index: 3 }),
      A.weekLength.encode({ days: "6" }),
      A.hideNames.encode({ hide: 0 }),
      A.deputies.encode({}),
      A.deputy.encode({ memberId: 12 }),
      A.vacations.encode({}),
      A.addVacation.encode({}),
      A.removeVacation.encode({ vacationId: 5 }),
      A.exportStudent.encode({ studentId: 9 }),
      A.eraseStudent.encode({ studentId: 9 }),
      A.confirmErase.encode({ studentId: 9 }),
      A.studentLeft.encode({ studentId: 9 }),
      A.studentReturned.encode({ studentId: 9 }),
      A.uploadCalendar.encode({}),
      A.person.encode({ memberId: 12 }),
      A.toggleRole.encode({ memberId: 12, roleIndex: 4 }),
      A.deactivate.encode({ memberId: 12 }),
      A.confirmDeactivate.encode({ memberId: 12 }),
      REASSIGN_CASE_CALLBACK.encode({ caseId: 7 }),
      A.reassignTo.encode({ caseId: 7, memberId: 12 }),
      A.schoolClass.encode({ classId: 3 }),
      A.handOverTo.encode({ classId: 3, memberId: 12 }),
      A.applyPromotion.encode({}),
    ]).toEqual([
      "adm:s",
      "adm:p",
      "adm:c",
      "adm:pr",
      "adm:cal",
      "adm:a",
      "adm:st",
      "adm:s:in:3",
      "adm:s:wk:6",
      "adm:s:hn:0",
      "adm:s:dp",
      "adm:s:dp:12",
      "adm:v",
      "adm:v:add",
      "adm:v:rm:5",
      "adm:sx:9",
      "adm:se:9",
      "adm:sey:9",
      "adm:sl:9",
      "adm:sr:9",
      "adm:cal:up",
      "adm:p:12",
      "adm:r:12:4",
      "adm:d:12",
      "adm:dy:12",
      "adm:ra:7",
      "adm:rt:7:12",
      "adm:c:3",
      "adm:ct:3:12",
      "adm:pry",
    ]);
    expect(() => A.typedSetting.encode({ index: 7 })).toThrow(RangeError);
    expect(() => A.toggleRole.encode({ memberId: 12, roleIndex: 5 })).toThrow(RangeError);
  });

  it("keeps the wire format of the /settings buttons already in people's chats", () => {
    const S = SETTINGS_DATA;
    expect([
      S.name.encode({}),
      S.phone.encode({}),
      S.languages.encode({}),
      S.language.encode({ language: "en" }),
      S.hours.encode({}),
      S.hoursFrom.encode({ from: 8 }),
      S.hoursTo.encode({ from: 8, to: 24 }),
      S.schoolHours.encode({}),
      S.mute.encode({}),
      S.muteDates.encode({}),
      S.muteOff.encode({}),
    ]).toEqual([
      "set:name",
      "set:phone",
      "set:lang",
      "set:lang:en",
      "set:hours",
      "set:hs:8",
      "set:he:8:24",
      "set:hours:school",
      "set:mute",
      "set:mute:dates",
      "set:mute:off",
    ]);
  });

  it("keeps the wire format of the /students buttons already in people's chats", () => {
    expect(STUDENTS_DATA.add.encode({})).toBe("stu:add");
    expect(STUDENTS_DATA.chooseClass.encode({ classId: 41 })).toBe("stu:c:41");
    expect(STUDENTS_DATA.chooseClass.decode("stu:c:041")).toBeUndefined();
  });
});
