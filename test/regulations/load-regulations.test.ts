import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { UnknownRegulationError } from "../../src/domain/regulation/catalog.js";
import { BUILTIN_REGULATIONS_DIR, RegulationLoadError, loadRegulations } from "../../src/regulations/load-regulations.js";

const absenceJson = fs.readFileSync(path.join(BUILTIN_REGULATIONS_DIR, "absence-criterion-22.json"), "utf8");
/** A fresh, editable copy of the built-in absence definition. */
const absence = () => JSON.parse(absenceJson);

const tmpDirs: string[] = [];
afterAll(() => tmpDirs.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

/** A temporary REGULATIONS_DIR holding the given files (objects are written as JSON). */
function extraDir(files: Record<string, unknown>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "klassruk-regulations-"));
  tmpDirs.push(dir);
  for (const [name, content] of Object.entries(files)) {
    fs.writeFileSync(path.join(dir, name), typeof content === "string" ? content : JSON.stringify(content));
  }
  return dir;
}

function loadError(files: Record<string, unknown>): RegulationLoadError {
  try {
    loadRegulations({ extraDir: extraDir(files) });
  } catch (error) {
    expect(error).toBeInstanceOf(RegulationLoadError);
    return error as RegulationLoadError;
  }
  throw new Error("expected loadRegulations to fail");
}

describe("loadRegulations", () => {
  it("loads the five built-in regulations", () => {
    const catalog = loadRegulations();
    expect(catalog.list().map((r) => `${r.id}@${r.version}`)).toEqual([
      "absence-criterion-22@1",
      "interaction-1-emergency@1",
      "interaction-2-difficulty@1",
      "interaction-3-upbringing@1",
      "interaction-4-council@1",
    ]);
    expect(catalog.current("absence-criterion-22").steps).toHaveLength(7);
  });

  it("ignores files that are not .json", () => {
    expect(loadRegulations({ extraDir: extraDir({ "README.md": "# notes" }) }).list()).toHaveLength(5);
  });

  it("names the file and the field of a schema error", () => {
    const reg = absence();
    reg.id = "my-reg";
    reg.steps[3].timing.days = 0;
    expect(loadError({ "my-reg.json": reg }).message).toMatch(/my-reg\.json: steps\[3\]\.timing\.days: Too small/);
  });

  it("names the file of invalid JSON", () => {
    expect(loadError({ "broken.json": '{ "id": ' }).message).toMatch(/broken\.json: invalid JSON/);
  });

  it("rejects an unknown form and a missing field", () => {
    const reg = absence();
    reg.id = "my-reg";
    reg.steps[0].forms = ["fax"];
    delete reg.title;
    const message = loadError({ "my-reg.json": reg }).message;
    expect(message).toMatch(/my-reg\.json: /);
    expect(message).toContain("title: ");
    expect(message).toContain("steps[0].forms[0]: ");
  });

  it("rejects an anchor on an unknown step", () => {
    const reg = absence();
    reg.id = "my-reg";
    reg.steps[3].timing.anchor = { kind: "stepCompleted", step: "nope" };
    expect(loadError({ "my-reg.json": reg }).message).toContain(
      'my-reg.json: steps[3].timing.anchor.step: anchor refers to unknown step "nope"',
    );
  });

  it("rejects a registration step that is not a step", () => {
    const reg = absence();
    reg.id = "my-reg";
    reg.registrationStep = "putOnRegister";
    expect(loadError({ "my-reg.json": reg }).message).toContain(
      'my-reg.json: registrationStep: registrationStep "putOnRegister" is not a step',
    );
  });

  it("rejects a duplicate step id", () => {
    const reg = absence();
    reg.id = "my-reg";
    reg.steps[1].id = reg.steps[0].id;
    expect(loadError({ "my-reg.json": reg }).message).toContain('my-reg.json: steps[1].id: duplicate step id "receiveNotice"');
  });

  it("marks only step 1 of the absence regulation done on opening, and dates its cases by the notice", () => {
    const reg = loadRegulations().current("absence-criterion-22");
    expect(reg.steps.map((s) => [s.id, s.doneOnOpening])).toEqual([
      ["receiveNotice", true],
      ["informDeputy", false],
      ["trackStatus", false],
      ["meetParents", false],
      ["developPlan", false],
      ["implementPlan", false],
      ["keepInTouch", false],
    ]);
    expect(reg.opening).toMatchObject({ date: "notice", asksFirstAbsence: true });
    // Without an opening block, a case opens the day it started and asks nothing.
    expect(loadRegulations().current("interaction-2-difficulty").opening).toEqual({ date: "started", asksFirstAbsence: false });
  });

  describe("doneOnOpening", () => {
    const REFUSED = "only a step due on opening, without a question, can be done on opening";

    it("is refused on a step due on opening that asks a question", () => {
      const reg = absence();
      reg.id = "my-reg";
      reg.steps[1].doneOnOpening = true;
      reg.steps[1].question = reg.steps[2].question;
      expect(loadError({ "my-reg.json": reg }).message).toContain(`my-reg.json: steps[1].doneOnOpening: ${REFUSED}`);
    });

    it("is refused on a step not due on opening", () => {
      const reg = absence();
      reg.id = "my-reg";
      reg.steps[3].doneOnOpening = true;
      expect(loadError({ "my-reg.json": reg }).message).toContain(`my-reg.json: steps[3].doneOnOpening: ${REFUSED}`);
    });

    it("is refused on a step due on receipt of another step, not of the opening", () => {
      const reg = absence();
      reg.id = "my-reg";
      reg.steps[3].timing = { kind: "onReceipt", anchor: { kind: "stepCompleted", step: "informDeputy" } };
      reg.steps[3].doneOnOpening = true;
      expect(loadError({ "my-reg.json": reg }).message).toContain(`my-reg.json: steps[3].doneOnOpening: ${REFUSED}`);
    });

    it("is allowed on another step due on opening without a question", () => {
      const reg = absence();
      reg.id = "my-reg";
      reg.steps[1].doneOnOpening = true;
      const loaded = loadRegulations({ extraDir: extraDir({ "my-reg.json": reg }) }).current("my-reg");
      expect(loaded.steps.filter((s) => s.doneOnOpening).map((s) => s.id)).toEqual(["receiveNotice", "informDeputy"]);
    });
  });

  it("rejects the same id and version in two files, naming both", () => {
    const error = loadError({ "copy.json": absence() });
    expect(error.message).toContain("copy.json");
    expect(error.message).toContain(path.join(BUILTIN_REGULATIONS_DIR, "absence-criterion-22.json"));
  });

  it("fails on a missing extra directory", () => {
    expect(() => loadRegulations({ extraDir: path.join(os.tmpdir(), "klassruk-no-such-dir") })).toThrow(RegulationLoadError);
  });

  it("makes a school's higher version current and keeps the old one reachable", () => {
    const reg = absence();
    reg.version = 2;
    reg.title.ru = "Регламент школы";
    const catalog = loadRegulations({ extraDir: extraDir({ "school-absence.json": reg }) });

    expect(catalog.current("absence-criterion-22").version).toBe(2);
    expect(catalog.current("absence-criterion-22").title.ru).toBe("Регламент школы");
    expect(catalog.get("absence-criterion-22", 1).title.ru).toBe(absence().title.ru);
    expect(catalog.versions("absence-criterion-22")).toEqual([1, 2]);
    expect(catalog.list()).toHaveLength(5);
    expect(catalog.list().find((r) => r.id === "absence-criterion-22")?.version).toBe(2);
  });

  it("throws a typed error for an unknown id or version", () => {
    const catalog = loadRegulations();
    expect(() => catalog.current("no-such-regulation")).toThrow(UnknownRegulationError);
    expect(() => catalog.get("absence-criterion-22", 9)).toThrow(UnknownRegulationError);
  });
});
