import type { TFunction } from "i18next";
import { formatRussianDate, type LocalDate } from "../domain/dates.js";
import { tableOf, text, title, type Block } from "./blocks.js";
import { signatureName } from "./docx-basics.js";
import { renderDocx } from "./render-docx.js";
import { groupByArea, type PlanArea } from "../domain/plans/plan-areas.js";

/** The ИПР as a school files it: approved by the director, its basis, period, measures, who drew it up and who read it. */
export interface PlanDocData {
  title: string;
  /** An ИПР proper: approved by the director, with the date of registration (ВШУ). A plan after a meeting has neither. */
  formal: boolean;
  /** The school's full official name (its short one until the admin sets it). */
  schoolName: string;
  /** The short name, for the director's post under «УТВЕРЖДАЮ». */
  schoolShortName: string;
  directorName?: string;
  studentName: string;
  classLabel: string;
  birthDate?: LocalDate;
  parents: readonly { relation: string; fullName: string; phone?: string }[];
  /** The actual reason («пропуски … (критерий № 22), уведомление … от 12.11.2026»). */
  basis: string;
  /** The date of registration (ВШУ) when it is recorded; a line to fill in by hand otherwise. */
  registeredOn?: LocalDate;
  period: { from: LocalDate; to: LocalDate };
  measures: readonly { what: string; area?: PlanArea; who: string; dueOn?: LocalDate; doneOn?: LocalDate }[];
  /** When the parents read the plan, once recorded: printed on their lines under «С планом ознакомлены». */
  readOn?: LocalDate;
  teacherName: string;
  classTeacherOf: string;
}

const BLANK_DATE = "«___» ____________ 20___ г.";

export function planBlocks(t: TFunction, data: PlanDocData): Block[] {
  const k = (key: string, params?: Record<string, unknown>) => t(`documents.plan.${key}`, params);
  const h = (key: string) => t(`documents.planHeader.${key}`);
  const date = formatRussianDate;
  const approval = data.formal
    ? [
        text(k("approve"), { align: "right", bold: true }),
        text(k("directorOf", { school: data.schoolShortName }), { align: "right" }),
        text(`____________ ${data.directorName ? signatureName(data.directorName) : "____________"}`, { align: "right" }),
        text(BLANK_DATE, { align: "right" }),
      ]
    : [];
  return [
    ...approval,
    text(data.schoolName, { align: "center", ...(data.formal ? { before: 360 } : {}) }),
    title(data.title),
    text(k("period", { from: date(data.period.from), to: date(data.period.to) }), { align: "center" }),
    text(
      data.birthDate
        ? k("student", { student: data.studentName, classLabel: data.classLabel, birthDate: date(data.birthDate) })
        : k("studentNoBirth", { student: data.studentName, classLabel: data.classLabel }),
      { before: 240 },
    ),
    text(
      data.parents.length > 0
        ? k("parents", {
            list: data.parents.map((p) => `${p.relation.toLowerCase()} — ${p.fullName}${p.phone ? `, ${p.phone}` : ""}`).join("; "),
          })
        : k("noParents"),
      { align: "justify" },
    ),
    text(k("basis", { basis: data.basis }), { align: "justify" }),
    ...(data.formal ? [text(k("registered", { date: data.registeredOn ? date(data.registeredOn) : BLANK_DATE }))] : []),
    text("", { before: 120 }),
    tableOf([h("n"), h("what"), h("due"), h("who"), h("done")], measureRows(t, data.measures), [6, 44, 14, 20, 16]),
    text(k("drawnUp", { post: data.classTeacherOf, name: signatureName(data.teacherName) }), { before: 360 }),
    text(k("acquainted"), { before: 240 }),
    ...(data.parents.length > 0
      ? data.parents.map((p) => text(k("acquaintedLine", { name: p.fullName, date: data.readOn ? date(data.readOn) : BLANK_DATE })))
      : [text(k("acquaintedLine", { name: "________________________", date: BLANK_DATE }))]),
  ];
}

/** The table's rows: a heading row per area (with the student, the family, teachers, other agencies), numbered through. */
function measureRows(t: TFunction, measures: PlanDocData["measures"]): string[][] {
  let n = 0;
  return groupByArea(measures).flatMap(({ area, measures: inArea }) => [
    [t(`documents.plan.areas.${area}`)],
    ...inArea.map((m) => [
      String(++n),
      m.what,
      m.dueOn ? formatRussianDate(m.dueOn) : "",
      m.who,
      m.doneOn ? t("documents.planDone", { date: formatRussianDate(m.doneOn) }) : "",
    ]),
  ]);
}

export function planDocx(t: TFunction, data: PlanDocData): Promise<Buffer> {
  return renderDocx(planBlocks(t, data));
}
