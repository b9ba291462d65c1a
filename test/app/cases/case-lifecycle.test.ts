import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AppError } from "../../../src/app/app-error.js";
import { closeCase } from "../../../src/app/cases/close-case.js";
import { completeStep } from "../../../src/app/cases/complete-step.js";
import { getCaseCard } from "../../../src/app/cases/get-case-card.js";
import { openCase } from "../../../src/app/cases/open-case.js";
import { addPlanMeasure } from "../../../src/app/plans/add-plan-measure.js";
import { recordOccurrence } from "../../../src/app/cases/record-occurrence.js";
import { reopenCase } from "../../../src/app/cases/reopen-case.js";
import { skipStep } from "../../../src/app/cases/skip-step.js";
import { CaseError } from "../../../src/domain/case/index.js";
import { createCaseRepository } from "../../../src/repositories/case-repository.js";
import { createTestDatabase, type TestDatabase } from "../../support/test-database.js";
import { caseDeps, refusal, seedSchool, testClock, type SchoolFixture } from "./fixtures.js";

const ABSENCE = "absence-criterion-22";

let database: TestDatabase;
let school: SchoolFixture;
// 01:30 in Moscow on Monday 2 March 2026, still 1 March in UTC: "today" must be the school's date.
const clock = testClock("2026-03-01T22:30:00Z");
const deps = () => caseDeps(database.prisma, clock.now);

beforeAll(async () => {
  database = await createTestDatabase();
  school = await seedSchool(database.prisma, "Школа 1");
});
afterAll(() => database.destroy());

describe("a case of the absence regulation from opening to reopening", () => {
  let caseId: string;

  it("opens on the school's local date under the current version", async () => {
    const opened = await openCase(deps(), { actor: school.teacher, regulationId: ABSENCE, studentId: school.studentId });
    caseId = opened.state.id;
    expect(caseId).toMatch(/^\d+$/);
    expect(opened.state).toMatchObject({
      regulationId: ABSENCE,
      regulationVersion: 1,
      teacherId: String(school.teacher.memberId),
      studentId: String(school.studentId),
      classLabel: "7Б",
      status: "open",
      openedOn: "2026-03-02",
      flags: [],
    });
    // The notice opened the case: step 1 is done on opening, on the school's date, by the teacher.
    expect(opened.state.steps.receiveNotice).toEqual({
      state: "done",
      completedOn: "2026-03-02",
      completedBy: String(school.teacher.memberId),
      occurrences: [],
    });
    expect(opened.events.map((e) => [e.type, e.stepId ?? null])).toEqual([
      ["caseOpened", null],
      ["stepCompleted", "receiveNotice"],
    ]);
    expect(opened.notifications).toEqual([]);
    expect(opened.revision).toBe(0);
    const reloaded = await createCaseRepository(database.prisma).findById(school.schoolId, caseId);
    expect(reloaded?.state).toEqual(opened.state);
  });

  it("refuses step 1 again, completes step 2 and asks to tell the deputy", async () => {
    clock.set("2026-03-02T07:00:00Z");
    expect(await refusal(() => completeStep(deps(), { actor: school.teacher, caseId, stepId: "receiveNotice", form: "aisHelper" }))).toBe(
      "stepAlreadyResolved",
    );
    const informed = await completeStep(deps(), {
      actor: school.teacher,
      caseId,
      stepId: "informDeputy",
      form: "phone",
      note: " по телефону ",
    });
    expect(informed.revision).toBe(1);
    expect(informed.state.steps.informDeputy).toMatchObject({
      state: "done",
      completedOn: "2026-03-02",
      form: "phone",
      note: "по телефону",
    });
    expect(informed.notifications).toEqual([{ kind: "stepDone", recipients: ["upbringingDeputy"], stepId: "informDeputy" }]);
  });

  it("keeps step 3 open on «no status yet» and stores the flag of «confirmed»", async () => {
    clock.set("2026-03-05T07:00:00Z");
    const waiting = await completeStep(deps(), { actor: school.teacher, caseId, stepId: "trackStatus", answer: "noStatusYet" });
    expect(waiting.state.steps.trackStatus?.state).toBe("open");
    expect(waiting.events.map((e) => e.type)).toEqual(["stepAnswered"]);

    const confirmed = await completeStep(deps(), { actor: school.teacher, caseId, stepId: "trackStatus", answer: "confirmed" });
    expect(confirmed.events.map((e) => e.type)).toEqual(["stepCompleted", "caseFlagged"]);

    const card = await getCaseCard(deps(), { actor: school.teacher, caseId });
    expect(card.state.flags).toEqual(["familyTroubleConfirmed"]);
    expect(card.state.steps.trackStatus).toMatchObject({ state: "done", answer: "confirmed", completedOn: "2026-03-05" });
    expect(card.student).toMatchObject({ id: school.studentId, fullName: "Иванов Пётр", classLabel: "7Б" });
    expect(card.regulation.title.ru).toMatch(/^Регламент действий классного руководителя/);
    // Step 4 is due 2 school days after step 3: Friday 6th, then Tuesday 10th (9 March is off in 2026).
    expect(card.steps.find((s) => s.stepId === "meetParents")).toMatchObject({ status: "pending", dueOn: "2026-03-10" });
    expect(card.nextStep?.stepId).toBe("meetParents");
  });

  it("records weekly occurrences of a recurring step, which cannot be completed", async () => {
    clock.set("2026-03-06T07:00:00Z");
    await completeStep(deps(), { actor: school.teacher, caseId, stepId: "meetParents", form: "personalMeeting" });
    clock.set("2026-03-10T07:00:00Z");
    await addPlanMeasure(deps(), { actor: school.teacher, caseId, what: "Ежедневный контроль посещаемости", who: "классный руководитель" });
    await completeStep(deps(), { actor: school.teacher, caseId, stepId: "developPlan" });
    clock.set("2026-03-12T07:00:00Z");
    await recordOccurrence(deps(), { actor: school.teacher, caseId, stepId: "keepInTouch", form: "phone" });
    const second = await recordOccurrence(deps(), { actor: school.teacher, caseId, stepId: "keepInTouch", on: "2026-03-11" });
    expect(second.state.steps.keepInTouch?.occurrences).toEqual(["2026-03-11", "2026-03-12"]);

    const error = await completeStep(deps(), { actor: school.teacher, caseId, stepId: "keepInTouch" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe("recurringStep");
    expect((error as AppError).cause).toBeInstanceOf(CaseError);

    const card = await getCaseCard(deps(), { actor: school.teacher, caseId });
    expect(card.steps.find((s) => s.stepId === "keepInTouch")).toMatchObject({
      lastOccurrenceOn: "2026-03-12",
      nextOccurrenceOn: "2026-03-19",
    });
  });

  it("skips a step with a reason", async () => {
    const skipped = await skipStep(deps(), { actor: school.teacher, caseId, stepId: "implementPlan", reason: "ИПР ведёт соцпедагог" });
    expect(skipped.state.steps.implementPlan).toMatchObject({
      state: "skipped",
      skipReason: "ИПР ведёт соцпедагог",
      completedOn: "2026-03-12",
    });
    expect(await refusal(() => skipStep(deps(), { actor: school.teacher, caseId, stepId: "implementPlan", reason: "ещё раз" }))).toBe(
      "stepAlreadyResolved",
    );
    expect(await refusal(() => skipStep(deps(), { actor: school.teacher, caseId, stepId: "keepInTouch", reason: " " }))).toBe(
      "reasonRequired",
    );
  });

  it("refuses every change of a closed case with the domain's code", async () => {
    clock.set("2026-03-20T07:00:00Z");
    const closed = await closeCase(deps(), { actor: school.teacher, caseId, reason: "returnedToSchool" });
    expect(closed.state).toMatchObject({ status: "closed", closedOn: "2026-03-20", closeReason: "returnedToSchool" });
    expect(closed.notifications).toEqual([{ kind: "caseClosed", recipients: ["upbringingDeputy"] }]);

    expect(await refusal(() => recordOccurrence(deps(), { actor: school.teacher, caseId, stepId: "keepInTouch" }))).toBe("caseClosed");
    expect(await refusal(() => skipStep(deps(), { actor: school.teacher, caseId, stepId: "keepInTouch", reason: "x" }))).toBe("caseClosed");
    expect(await refusal(() => closeCase(deps(), { actor: school.teacher, caseId, reason: "again" }))).toBe("caseClosed");
    const card = await getCaseCard(deps(), { actor: school.teacher, caseId });
    expect(card.nextStep).toBeUndefined();
    expect(card.steps.find((s) => s.stepId === "keepInTouch")?.status).toBe("done");
  });

  it("reopens where it stopped, and only a closed case", async () => {
    clock.set("2026-03-23T07:00:00Z");
    const reopened = await reopenCase(deps(), { actor: school.teacher, caseId });
    expect(reopened.state.status).toBe("open");
    expect(reopened.state.closedOn).toBeUndefined();
    expect(reopened.state.steps.keepInTouch?.occurrences).toEqual(["2026-03-11", "2026-03-12"]);
    expect(await refusal(() => reopenCase(deps(), { actor: school.teacher, caseId }))).toBe("caseNotClosed");
    const again = await recordOccurrence(deps(), { actor: school.teacher, caseId, stepId: "keepInTouch" });
    expect(again.state.steps.keepInTouch?.occurrences.at(-1)).toBe("2026-03-23");
  });

  it("stored every event in order, with the acting member and the school's dates", async () => {
    const events = await createCaseRepository(database.prisma).events(school.schoolId, caseId);
    expect(events.map((e) => [e.type, e.stepId ?? null, e.on])).toEqual([
      ["caseOpened", null, "2026-03-02"],
      ["stepCompleted", "receiveNotice", "2026-03-02"],
      ["stepCompleted", "informDeputy", "2026-03-02"],
      ["stepAnswered", "trackStatus", "2026-03-05"],
      ["stepCompleted", "trackStatus", "2026-03-05"],
      ["caseFlagged", "trackStatus", "2026-03-05"],
      ["stepCompleted", "meetParents", "2026-03-06"],
      ["stepCompleted", "developPlan", "2026-03-10"],
      ["occurrenceRecorded", "keepInTouch", "2026-03-12"],
      ["occurrenceRecorded", "keepInTouch", "2026-03-11"],
      ["stepSkipped", "implementPlan", "2026-03-12"],
      ["caseClosed", null, "2026-03-20"],
      ["caseReopened", null, "2026-03-23"],
      ["occurrenceRecorded", "keepInTouch", "2026-03-23"],
    ]);
    expect(new Set(events.map((e) => e.actorId))).toEqual(new Set([String(school.teacher.memberId)]));
    expect(events[5]?.data).toEqual({ flag: "familyTroubleConfirmed" });
    expect(events[1]?.data).toEqual({ onOpening: true });
    // Step 1 was stored with the opening, at the opening's instant (01:30 in Moscow).
    expect(events[1]?.at).toEqual(new Date("2026-03-01T22:30:00Z"));
    expect(events[11]?.at).toEqual(new Date("2026-03-20T07:00:00Z"));

    const card = await getCaseCard(deps(), { actor: school.teacher, caseId });
    expect(card.events).toEqual(events);
    expect(card.names).toEqual({ [String(school.teacher.memberId)]: school.teacher.fullName });
    expect(card.revision).toBe(11); // one per change after the opening, however many events it logged
  });

  it("audits each change, and a teacher reading their own case is not a lookup", async () => {
    const audit = await database.prisma.auditEvent.findMany({ where: { subject: `case:${caseId}` }, orderBy: { id: "asc" } });
    // Step 1, done on opening, is part of case.opened; the refused second try changed nothing.
    expect(audit.map((a) => a.action)).toEqual([
      "case.opened",
      "case.stepCompleted",
      "case.stepCompleted",
      "case.stepCompleted",
      "case.stepCompleted",
      "plan.measureAdded",
      "case.stepCompleted",
      "case.occurrenceRecorded",
      "case.occurrenceRecorded",
      "case.stepSkipped",
      "case.closed",
      "case.reopened",
      "case.occurrenceRecorded",
    ]);
    expect(new Set(audit.map((a) => a.actorId))).toEqual(new Set([school.teacher.userId]));
  });

  it("refuses to open under an unknown regulation, without or with an unknown student, or on a future date", async () => {
    expect(await refusal(() => openCase(deps(), { actor: school.teacher, regulationId: "no-such", studentId: school.studentId }))).toBe(
      "invalidInput",
    );
    expect(await refusal(() => openCase(deps(), { actor: school.teacher, regulationId: ABSENCE }))).toBe("invalidInput");
    expect(await refusal(() => openCase(deps(), { actor: school.teacher, regulationId: ABSENCE, studentId: 987654 }))).toBe("notFound");
    expect(
      await refusal(() =>
        openCase(deps(), { actor: school.teacher, regulationId: ABSENCE, studentId: school.studentId, openedOn: "2026-03-24" }),
      ),
    ).toBe("dateInFuture");
  });
});
