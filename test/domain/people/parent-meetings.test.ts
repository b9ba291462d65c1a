import { describe, expect, it } from "vitest";
import { attendanceDue, meetingDateProblem, parentGender } from "../../../src/domain/people/parent-meetings.js";

describe("meetings with parents", () => {
  it("take a day from 30 days back to 60 ahead", () => {
    expect(meetingDateProblem("2026-12-04", "2026-12-02")).toBeUndefined();
    expect(meetingDateProblem("2026-11-02", "2026-12-02")).toBeUndefined();
    expect(meetingDateProblem("2026-11-01", "2026-12-02")).toBe("tooLongAgo");
    expect(meetingDateProblem("2027-01-31", "2026-12-02")).toBeUndefined();
    expect(meetingDateProblem("2027-02-01", "2026-12-02")).toBe("tooFar");
  });

  it("ask whether the parent came from the meeting's day on, until it is recorded", () => {
    expect(attendanceDue({ meetingOn: "2026-12-04" }, "2026-12-03")).toBe(false);
    expect(attendanceDue({ meetingOn: "2026-12-04" }, "2026-12-04")).toBe(true);
    expect(attendanceDue({ meetingOn: "2026-12-04" }, "2026-12-10")).toBe(true);
    expect(attendanceDue({ meetingOn: "2026-12-04", attended: false }, "2026-12-10")).toBe(false);
  });

  it("say «пришла» or «пришёл» by the relation, else by a name the library is sure of, else neither", () => {
    expect(parentGender("mother", "Ким Саша")).toBe("female");
    expect(parentGender("father", "Ким Саша")).toBe("male");
    expect(parentGender("guardian", "Петрова Анна Ивановна")).toBe("female");
    expect(parentGender("other", "Сидоров Олег Петрович")).toBe("male");
    expect(parentGender("guardian", "Ким Саша")).toBeUndefined();
  });
});
