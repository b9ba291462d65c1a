import type { TFunction } from "i18next";
import { formatRussianDate, type LocalDate } from "../domain/dates.js";
import { packDocument, para, table } from "./docx-basics.js";

/** The ИПР of a case: header (student, class, reason, date of registration) and the measures' table. */
export interface PlanDocData {
  title: string;
  studentName: string;
  classLabel: string;
  reason: string;
  registeredOn: LocalDate;
  measures: readonly { what: string; who: string; dueOn?: LocalDate; doneOn?: LocalDate }[];
}

export function planDocx(t: TFunction, data: PlanDocData): Promise<Buffer> {
  const h = (key: string) => t(`documents.planHeader.${key}`);
  return packDocument([
    para(data.title, { align: "center", bold: true }),
    para(t("documents.planStudent", { student: data.studentName, classLabel: data.classLabel }), { before: 240 }),
    para(t("documents.planReason", { reason: data.reason })),
    para(t("documents.planRegistered", { date: formatRussianDate(data.registeredOn) })),
    para("", { before: 120 }),
    table(
      [h("n"), h("what"), h("due"), h("who"), h("done")],
      data.measures.map((m, i) => [
        String(i + 1),
        m.what,
        m.dueOn ? formatRussianDate(m.dueOn) : "",
        m.who,
        m.doneOn ? t("documents.planDone", { date: formatRussianDate(m.doneOn) }) : "",
      ]),
      [6, 44, 14, 20, 16],
    ),
  ]);
}
