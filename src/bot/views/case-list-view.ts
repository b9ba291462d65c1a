import { InlineKeyboard } from "grammy";
import type { TFunction } from "i18next";
import type { MyCase, MyCases } from "../../app/cases/list-my-cases.js";
import type { TodayGroup, TodayList } from "../../app/cases/today.js";
import { weekday } from "../../domain/dates.js";
import type { Regulation } from "../../domain/regulation/schema.js";
import type { Language } from "../../i18n.js";
import { cardData } from "./callback-data.js";
import { MESSAGE_LIMIT, STATUS_ICONS, stepTitle, whenText } from "./case-card-view.js";
import { shortDate, subjectLabel, truncate } from "./format.js";

/** «Пропуски (крит. 22)»: a regulation's short name for lists, its title cut short otherwise. */
export function shortTitle(t: TFunction, lang: Language, regulation: Regulation): string {
  return t(`card.shortTitle.${regulation.id}`, { defaultValue: truncate(regulation.title[lang], 40) });
}

export interface ListMessage {
  text: string;
  keyboard?: InlineKeyboard;
}

// ---- /cases

export function myCasesMessage(t: TFunction, lang: Language, mine: MyCases): ListMessage {
  if (mine.cases.length === 0) return { text: t("myCases.none") };
  const keyboard = new InlineKeyboard();
  const lines = mine.cases.map((item) => {
    const subject = subjectLabel(item.studentName, item.classLabel);
    keyboard.text(truncate(`${subject} — ${shortTitle(t, lang, item.regulation)}`, 60), cardData("open", item.caseId)).row();
    return t("myCases.line", {
      icon: item.nextStep ? STATUS_ICONS[item.nextStep.status] : "✅",
      subject,
      title: shortTitle(t, lang, item.regulation),
      next: nextText(t, item),
    });
  });
  const text = [t("myCases.title", { cases: t("common.cases", { count: mine.cases.length }) }), "", ...lines].join("\n");
  return { text: truncate(text, MESSAGE_LIMIT), keyboard };
}

function nextText(t: TFunction, item: MyCase): string {
  if (!item.nextStep) return t("myCases.allResolved");
  const step = item.regulation.steps.find((s) => s.id === item.nextStep!.stepId)!;
  return t("myCases.next", { number: step.number, when: whenText(t, item.regulation, step, item.nextStep) });
}

// ---- /today

export function todayMessages(t: TFunction, lang: Language, list: TodayList): ListMessage[] {
  const date = t("today.date", { date: shortDate(list.today), weekday: t(`common.weekdays.${weekday(list.today)}`) });
  const holiday = list.schoolDay ? [] : [t("today.holiday")];
  if (list.openCases === 0) return [{ text: [t("today.title", { date }), ...holiday, t("myCases.none")].join("\n") }];
  if (list.groups.length === 0) return [{ text: [t("today.title", { date }), ...holiday, t("today.nothing")].join("\n") }];
  const steps = list.groups.reduce((n, g) => n + g.cases.reduce((m, c) => m + c.items.length, 0), 0);
  const header = [t("today.title", { date }), ...holiday, t("today.summary", { steps: t("today.steps", { count: steps }) })].join("\n");
  return [{ text: header }, ...list.groups.map((group) => groupMessage(t, lang, group))];
}

function groupMessage(t: TFunction, lang: Language, group: TodayGroup): ListMessage {
  const keyboard = new InlineKeyboard();
  const lines = [t("today.subject", { subject: subjectLabel(group.studentName, group.classLabel) })];
  for (const { case: item, items } of group.cases) {
    const regulation = item.regulation;
    lines.push(t("today.regulation", { title: shortTitle(t, lang, regulation) }));
    for (const view of items) {
      const index = regulation.steps.findIndex((s) => s.id === view.stepId);
      const step = regulation.steps[index]!;
      lines.push(
        t("today.item", {
          icon: STATUS_ICONS[view.status],
          number: step.number,
          text: stepTitle(step, lang),
          when: whenText(t, regulation, step, view),
        }),
      );
      if (step.question) {
        step.question.answers.forEach((answer, a) =>
          keyboard
            .text(t("today.buttons.answer", { number: step.number, answer: answer.label[lang] }), cardData("answer", item.caseId, index, a))
            .row(),
        );
      } else if (step.timing.kind === "recurring") {
        keyboard
          .text(t("card.buttons.occurrenceToday", { title: stepTitle(step, lang) }), cardData("occurrence", item.caseId, index))
          .row();
      } else {
        keyboard.text(t("today.buttons.done", { number: step.number }), cardData("done", item.caseId, index)).row();
      }
    }
    const open =
      group.cases.length > 1 ? t("today.buttons.openTitled", { title: shortTitle(t, lang, regulation) }) : t("today.buttons.open");
    keyboard.text(open, cardData("open", item.caseId)).row();
  }
  return { text: truncate(lines.join("\n"), MESSAGE_LIMIT), keyboard };
}
