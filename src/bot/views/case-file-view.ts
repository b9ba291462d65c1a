import type { TFunction } from "i18next";
import { defineCallback, int } from "../../app/callback-data.js";
import type { CaseFile, CaseFileCase } from "../../app/cases/get-case-file.js";
import type { CaseFileDoc, CaseFileDocCase } from "../../documents/case-file-docs.js";
import { measureLine } from "../../documents/measure-line.js";
import { parentMeetingLine } from "../../documents/parent-meeting-line.js";
import { formatRussianDate, localDateIn, localTimeIn } from "../../domain/dates.js";
import { surnameWithInitials } from "../../domain/people/names.js";
import { formatPhone } from "../../domain/people/parents.js";
import type { StepRecord } from "../../domain/case/index.js";
import { closeReasonText, stepTitle } from "./case-card-view.js";
import { chronologyEventText } from "./chronology-view.js";

/** «📁 Дело» on a case card (features/case-file.ts answers it). */
export const CASE_FILE_CALLBACK = defineCallback("cf", { caseId: int() });

/** The case file worded for paper: the chronology as the card's, dates and names as a school writes them. */
export function caseFileDoc(t: TFunction, file: CaseFile, author: string, date: string): CaseFileDoc {
  return {
    schoolName: file.student.officialName || file.student.schoolName,
    student: {
      fullName: file.student.fullName,
      classLabel: file.student.classLabel,
      ...(file.student.birthDate ? { birthDate: file.student.birthDate } : {}),
    },
    parents: file.parents.map((p) => ({
      fullName: p.fullName,
      relation: t(`family.relations.${p.relation}`),
      ...(p.phone ? { phone: formatPhone(p.phone) } : {}),
    })),
    ...(file.characteristic ? { characteristic: file.characteristic } : {}),
    cases: file.cases.map((c) => caseDoc(t, file, c)),
    author,
    date,
  };
}

function caseDoc(t: TFunction, file: CaseFile, entry: CaseFileCase): CaseFileDocCase {
  const { card } = entry;
  const { state } = card;
  const zone = file.student.timezone;
  const names = { ...file.names, ...card.names };
  const at = (instant: Date) => {
    const time = localTimeIn(instant, zone);
    return `${formatRussianDate(localDateIn(instant, zone))} ${String(time.hour).padStart(2, "0")}:${String(time.minute).padStart(2, "0")}`;
  };
  return {
    regulation: (card.regulation.shortTitle ?? card.regulation.title).ru,
    openedOn: state.openedOn,
    ...(state.closedOn ? { closedOn: state.closedOn } : {}),
    status:
      state.status === "closed"
        ? t("caseFile.statusClosed", {
            date: formatRussianDate(state.closedOn ?? card.today),
            reason: closeReasonText(t, state.closeReason),
          })
        : t("caseFile.statusOpen"),
    teacher: names[state.teacherId] ?? "",
    ...(card.deputy ? { deputy: card.deputy.name } : {}),
    ...(card.plan?.registeredOn ? { registeredOn: card.plan.registeredOn } : {}),
    ...(entry.missed.unexcused + entry.missed.excused > 0
      ? { missed: t("caseFile.missed", { unexcused: entry.missed.unexcused, excused: entry.missed.excused }) }
      : {}),
    steps: card.regulation.steps.map((step, i) => {
      const view = card.steps[i];
      return {
        number: step.number,
        title: stepTitle(step, "ru"),
        ...(view?.dueOn ? { dueOn: view.dueOn } : {}),
        mark: stepMark(t, state.steps[step.id], view?.status),
      };
    }),
    told: entry.told.map((n) => ({
      on: localDateIn(n.sentAt, zone),
      who: surnameWithInitials(n.fullName),
      what: t(`caseFile.toldKinds.${n.kind}`, { step: n.stepNumber ?? "" }),
    })),
    chronology: card.events.map((event) => ({
      on: event.on,
      who: event.actorId ? (names[event.actorId] ?? t("card.chronology.someone")) : t("card.chronology.system"),
      what: chronologyEventText(t, "ru", card, event),
    })),
    measures: entry.measures.map((m) => measureLine(t, m)),
    meetings: entry.meetings.map((m) =>
      m.status === "cancelled"
        ? t("caseFile.meetingCancelled", { date: at(m.startsAt), title: m.title })
        : t("caseFile.meetingLine", {
            date: at(m.startsAt),
            title: m.title,
            people: m.invitees.map((p) => t(`caseFile.invitee.${p.status}`, { name: surnameWithInitials(p.fullName) })).join(", "),
          }),
    ),
    parentMeetings: entry.parentMeetings.map((m) => parentMeetingLine(t, m, card.today)),
    plan: (card.plan?.measures ?? []).map((m) => ({
      what: m.what,
      who: m.who,
      ...(m.dueOn ? { dueOn: m.dueOn } : {}),
      ...(m.doneOn ? { doneOn: m.doneOn } : {}),
    })),
    files: entry.files.map((f) => ({
      name: f.fileName || f.kind,
      on: localDateIn(f.createdAt, zone),
      by: f.addedBy ? (names[String(f.addedBy)] ?? "") : "",
    })),
  };
}

/** «выполнен 03.11.2026 (телефон)», «пропущен: …», «отмечено 3 раза, последний 27.11.2026», «просрочен». */
function stepMark(t: TFunction, record: StepRecord | undefined, status: string | undefined): string {
  if (!record) return "";
  if (record.state === "skipped") return t("caseFile.mark.skipped", { reason: record.skipReason ?? "" });
  if (record.occurrences.length > 0) {
    return t("caseFile.mark.occurrences", { count: record.occurrences.length, last: formatRussianDate(record.occurrences.at(-1)!) });
  }
  if (record.state === "done") {
    const form = record.form ? ` (${t(`forms.${record.form}`)})` : "";
    return t("caseFile.mark.done", { date: record.completedOn ? formatRussianDate(record.completedOn) : "" }) + form;
  }
  return status === "overdue" ? t("caseFile.mark.overdue") : "";
}
