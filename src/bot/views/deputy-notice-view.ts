import { InlineKeyboard } from "grammy";
import type { TFunction } from "i18next";
import type { DeputyNotice } from "../../app/cases/notify-deputy.js";
import type { Language } from "../../i18n.js";
import { cardData } from "./callback-data.js";
import { fullDate, subjectLabel } from "./format.js";

/** The first line names the student by surname and initial only: it shows in notifications. */
export function deputyNoticeText(t: TFunction, lang: Language, notice: DeputyNotice): string {
  return [
    t("deputyNotice.first", { subject: subjectLabel(notice.studentName, notice.classLabel) }),
    t("deputyNotice.regulation", { title: notice.regulation.title[lang] }),
    t("deputyNotice.opened", { date: fullDate(notice.openedOn) }),
    t("deputyNotice.sent", { date: fullDate(notice.sentOn) }),
    t("deputyNotice.teacher", { name: notice.teacherName }),
  ].join("\n");
}

export function deputyNoticeKeyboard(t: TFunction, caseId: string): InlineKeyboard {
  return new InlineKeyboard().text(t("deputyNotice.open"), cardData("open", caseId));
}
