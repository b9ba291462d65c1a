import { describe, expect, it } from "vitest";
import { postOf, type Role } from "../../../src/domain/people/roles.js";

const member = (roles: Role[], extra: { upbringingDeputy?: boolean; learningDeputy?: boolean; classLabels?: string[] } = {}) => ({
  roles,
  upbringingDeputy: extra.upbringingDeputy ?? false,
  learningDeputy: extra.learningDeputy ?? false,
  classLabels: extra.classLabels ?? [],
});

describe("the post a paper names a member by", () => {
  it("takes the highest of their roles", () => {
    expect(postOf(member(["teacher", "director"], { classLabels: ["5А"] }))).toEqual({ key: "director" });
    expect(postOf(member(["deputy", "teacher"], { upbringingDeputy: true }))).toEqual({ key: "upbringingDeputy" });
    expect(postOf(member(["deputy"], { learningDeputy: true }))).toEqual({ key: "learningDeputy" });
    expect(postOf(member(["deputy"]))).toEqual({ key: "deputy" });
    expect(postOf(member(["specialist", "teacher"], { classLabels: ["7Б"] }))).toEqual({ key: "specialist" });
  });

  it("names a teacher with a class as its class teacher (the first class, in the school's order)", () => {
    expect(postOf(member(["teacher"], { classLabels: ["10А", "7Б"] }))).toEqual({ key: "classTeacher", classLabel: "7Б" });
    expect(postOf(member(["teacher"]))).toEqual({ key: "teacher" });
  });

  it("names someone with no teaching role a member of staff, a class or not", () => {
    expect(postOf(member(["admin"], { classLabels: ["7Б"] }))).toEqual({ key: "staff" });
    expect(postOf(member([]))).toEqual({ key: "staff" });
  });

  it("the school's named deputy keeps that post even without the deputy role", () => {
    expect(postOf(member(["teacher"], { upbringingDeputy: true, classLabels: ["7Б"] }))).toEqual({ key: "upbringingDeputy" });
  });
});
