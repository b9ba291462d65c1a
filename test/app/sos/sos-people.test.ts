import { describe, expect, it } from "vitest";
import { shortName, sosRecipients } from "../../../src/app/sos/sos-people.js";
import type { SosStaff } from "../../../src/repositories/sos-repository.js";

const person = (memberId: number, roles: SosStaff["roles"], extra: Partial<SosStaff> = {}): SosStaff => ({
  memberId,
  userId: memberId * 10,
  fullName: `P${memberId}`,
  roles,
  upbringingDeputy: false,
  reachable: true,
  ...extra,
});

describe("who gets an emergency alert", () => {
  const staff = [
    person(1, ["teacher"]),
    person(2, ["director"]),
    person(3, ["deputy"], { upbringingDeputy: true }),
    person(4, ["deputy"]),
    person(5, ["deputy", "teacher"]),
    person(6, ["director"], { reachable: false }),
  ];
  it.each([
    [1, 1, [2, 3]],
    [2, 1, [2, 3, 4, 5]],
    [3, 5, [2, 3, 4]],
  ])("round %i of teacher %i → members %j", (round, teacher, expected) => {
    expect(
      sosRecipients(staff, round, teacher)
        .map((s) => s.memberId)
        .sort(),
    ).toEqual(expected);
  });

  it("goes to every deputy in round 1 when none is marked for upbringing", () => {
    expect(sosRecipients([person(2, ["director"]), person(4, ["deputy"])], 1, 1).map((s) => s.memberId)).toEqual([2, 4]);
  });
});

describe("shortName", () => {
  it.each([
    ["Смирнова Мария Ивановна", "Смирнова М. И."],
    ["Смирнова", "Смирнова"],
    ["  Петров  ян ", "Петров Я."],
  ])("%s → %s", (full, short) => expect(shortName(full)).toBe(short));
});
