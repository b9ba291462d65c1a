import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AppError } from "../../../src/app/app-error.js";
import { closeCase } from "../../../src/app/cases/close-case.js";
import { completeStep } from "../../../src/app/cases/complete-step.js";
import { getCaseCard } from "../../../src/app/cases/get-case-card.js";
import { openCase } from "../../../src/app/cases/open-case.js";
import type { Db } from "../../../src/db/open-database.js";
import { RegulationCatalog } from "../../../src/domain/regulation/catalog.js";
import { regulationSchema } from "../../../src/domain/regulation/schema.js";
import { createCaseRepository } from "../../../src/repositories/case-repository.js";
import { createTestDatabase, type TestDatabase } from "../../support/test-database.js";
import { builtinRegulations, caseDeps, refusal, seedSchool, testClock, type SchoolFixture } from "./fixtures.js";

const ABSENCE = "absence-criterion-22";

let database: TestDatabase;
let school: SchoolFixture;
const clock = testClock("2026-03-02T07:00:00Z");
const deps = (db: Db = database.prisma) => caseDeps(db, clock.now);

beforeAll(async () => {
  database = await createTestDatabase();
  school = await seedSchool(database.prisma, "Школа 1");
});
afterAll(() => database.destroy());

async function openAbsenceCase(regulations = builtinRegulations): Promise<string> {
  const opened = await openCase(caseDeps(database.prisma, clock.now, regulations), {
    actor: school.teacher,
    regulationId: ABSENCE,
    studentId: school.studentId,
  });
  return opened.state.id;
}

async function snapshot(caseId: string) {
  const cases = createCaseRepository(database.prisma);
  return {
    stored: await cases.findById(school.schoolId, caseId),
    events: (await cases.events(school.schoolId, caseId)).length,
    audit: await database.prisma.auditEvent.count({ where: { subject: `case:${caseId}` } }),
  };
}

/**
 * The same database, but every transaction waits until `writers` use cases reached theirs: each
 * has loaded the case by then, so all but the first to commit are working on a stale revision.
 */
function stalledTransactions(db: Db, writers: number): Db {
  let arrived = 0;
  let release!: () => void;
  const allLoaded = new Promise<void>((resolve) => (release = resolve));
  const transaction = (async (...args: Parameters<Db["$transaction"]>) => {
    if (++arrived === writers) release();
    await allLoaded;
    return (db.$transaction as (...a: unknown[]) => Promise<unknown>)(...args);
  }) as Db["$transaction"];
  return new Proxy(db, { get: (target, prop) => (prop === "$transaction" ? transaction : Reflect.get(target, prop)) });
}

describe("two writers of the same case", () => {
  it("the stale one gets a conflict and writes nothing", async () => {
    const caseId = await openAbsenceCase();
    const before = await snapshot(caseId);
    const db = stalledTransactions(database.prisma, 2);
    // Two open steps (step 1 is done on opening).
    const results = await Promise.allSettled([
      completeStep(deps(db), { actor: school.teacher, caseId, stepId: "informDeputy" }),
      completeStep(deps(db), { actor: school.teacher, caseId, stepId: "trackStatus", answer: "notConfirmed" }),
    ]);
    const rejected = results.filter((r) => r.status === "rejected");
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(rejected).toHaveLength(1);
    expect(rejected[0]!.reason).toBeInstanceOf(AppError);
    expect((rejected[0]!.reason as AppError).code).toBe("conflict");

    const after = await snapshot(caseId);
    expect(after.stored!.revision).toBe(before.stored!.revision + 1);
    expect(after.events).toBe(before.events + 1);
    expect(after.audit).toBe(before.audit + 1);
    const contested = ["informDeputy", "trackStatus"];
    const done = contested.filter((id) => after.stored!.state.steps[id]?.state === "done");
    expect(done).toHaveLength(1);
    expect(after.stored!.state.steps.receiveNotice?.state).toBe("done");

    // Trying again on the fresh state works.
    const stepLeft = done[0] === "informDeputy" ? "trackStatus" : "informDeputy";
    await completeStep(deps(), {
      actor: school.teacher,
      caseId,
      stepId: stepLeft,
      ...(stepLeft === "trackStatus" ? { answer: "notConfirmed" } : {}),
    });
    expect((await snapshot(caseId)).events).toBe(before.events + 2);
  });
});

describe("a failure inside the transaction", () => {
  // The audit row is the last write of a use case: failing it proves the case update and the
  // events before it are rolled back.
  async function failClosingAudits(on: boolean) {
    if (database.provider === "sqlite") {
      await database.prisma.$executeRawUnsafe(
        on
          ? `CREATE TRIGGER fail_close_audit BEFORE INSERT ON "AuditEvent" WHEN NEW."action" = 'case.closed' BEGIN SELECT RAISE(ABORT, 'injected failure'); END`
          : `DROP TRIGGER fail_close_audit`,
      );
      return;
    }
    if (on) {
      await database.prisma.$executeRawUnsafe(
        `CREATE FUNCTION fail_close_audit() RETURNS trigger AS $$ BEGIN IF NEW."action" = 'case.closed' THEN RAISE EXCEPTION 'injected failure'; END IF; RETURN NEW; END $$ LANGUAGE plpgsql`,
      );
      await database.prisma.$executeRawUnsafe(
        `CREATE TRIGGER fail_close_audit BEFORE INSERT ON "AuditEvent" FOR EACH ROW EXECUTE FUNCTION fail_close_audit()`,
      );
    } else {
      await database.prisma.$executeRawUnsafe(`DROP TRIGGER fail_close_audit ON "AuditEvent"`);
      await database.prisma.$executeRawUnsafe(`DROP FUNCTION fail_close_audit()`);
    }
  }

  it("leaves the case, its events and the audit trail as they were", async () => {
    const caseId = await openAbsenceCase();
    const before = await snapshot(caseId);
    await failClosingAudits(true);
    try {
      const error = await closeCase(deps(), { actor: school.teacher, caseId, reason: "returnedToSchool" }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(Error);
      expect(error).not.toBeInstanceOf(AppError);
    } finally {
      await failClosingAudits(false);
    }
    expect(await snapshot(caseId)).toEqual(before);
    expect(before.stored!.state.status).toBe("open");

    const closed = await closeCase(deps(), { actor: school.teacher, caseId, reason: "returnedToSchool" });
    expect(closed.revision).toBe(before.stored!.revision + 1);
  });
});

describe("a newer version of the regulation", () => {
  const v1 = builtinRegulations.get(ABSENCE, 1);
  const json = JSON.parse(JSON.stringify(v1));
  json.version = 2;
  json.title.ru = "Регламент, редакция 2";
  json.steps.find((s: { id: string }) => s.id === "meetParents").timing.days = 10;
  json.steps.push({
    id: "reportToDirector",
    number: "8",
    text: { ru: "докладывает директору", en: "reports to the director" },
    actor: "teacher",
    timing: { kind: "asNeeded" },
  });
  const v2 = regulationSchema.parse(json);
  const withV2 = new RegulationCatalog([...builtinRegulations.list(), v2]);

  it("does not change a case opened under the older one", async () => {
    const caseId = await openAbsenceCase();
    const deps2 = caseDeps(database.prisma, clock.now, withV2);
    await completeStep(deps2, { actor: school.teacher, caseId, stepId: "informDeputy" });
    await completeStep(deps2, { actor: school.teacher, caseId, stepId: "trackStatus", answer: "notConfirmed" });
    expect(await refusal(() => completeStep(deps2, { actor: school.teacher, caseId, stepId: "reportToDirector" }))).toBe("unknownStep");

    const card = await getCaseCard(deps2, { actor: school.teacher, caseId });
    expect(card.state.regulationVersion).toBe(1);
    expect(card.regulation.version).toBe(1);
    expect(card.regulation.title).toEqual(v1.title);
    expect(card.steps.map((s) => s.stepId)).toEqual(v1.steps.map((s) => s.id));
    // Two school days after Monday 2 March (v1), not ten (v2).
    expect(card.steps.find((s) => s.stepId === "meetParents")?.dueOn).toBe("2026-03-04");
  });

  it("is what a new case opens under", async () => {
    const caseId = await openAbsenceCase(withV2);
    const card = await getCaseCard(caseDeps(database.prisma, clock.now, withV2), { actor: school.teacher, caseId });
    expect(card.state.regulationVersion).toBe(2);
    expect(card.steps.map((s) => s.stepId)).toContain("reportToDirector");
    const events = await createCaseRepository(database.prisma).events(school.schoolId, caseId);
    expect(events[0]).toMatchObject({ type: "caseOpened", data: { regulationVersion: 2 } });
  });
});
