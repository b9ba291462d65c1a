import { Composer, InlineKeyboard } from "grammy";
import type { TFunction } from "i18next";
import type { BotContext } from "../context.js";
import type { BotDeps } from "../deps.js";
import type { Language } from "../../i18n.js";
import { can } from "../../app/access-policy.js";
import { DEPUTY_DATA, DEPUTY_OPEN, MAX_OPEN_BUTTONS, OPEN_BUTTONS_PER_ROW } from "../../app/deputy/deputy-data.js";
import { onCallback } from "../callback.js";
import { listOverdue, type OverdueList } from "../../app/deputy/list-overdue.js";
import { summarizeSchool, type SchoolSummary, type SummaryCase } from "../../app/deputy/school-summary.js";
import type { RegulationCatalog } from "../../domain/regulation/catalog.js";
import { regulationShortTitle } from "../views/case-status-line.js";
import { dueText, shortName, subjectLabel } from "../views/format.js";
import { showCaseCard } from "../views/show-case-card.js";
import { replyInParts } from "../views/reply-or-edit.js";

/** Numbered «open» buttons for the first cases of a view. */
function openKeyboard(t: TFunction, caseIds: readonly number[]): InlineKeyboard | undefined {
  if (caseIds.length === 0) return undefined;
  const keyboard = new InlineKeyboard();
  caseIds.slice(0, MAX_OPEN_BUTTONS).forEach((caseId, i) => {
    keyboard.text(t("deputy.open", { n: i + 1 }), DEPUTY_DATA.open(caseId));
    if (i % OPEN_BUTTONS_PER_ROW === OPEN_BUTTONS_PER_ROW - 1) keyboard.row();
  });
  return keyboard;
}

export function overdueText(
  t: TFunction,
  lang: Language,
  regulations: RegulationCatalog,
  list: OverdueList,
): { text: string; caseIds: number[] } {
  if (list.total === 0) return { text: t("overdue.none"), caseIds: [] };
  const lines = [t("overdue.title", { count: list.total })];
  const caseIds: number[] = [];
  for (const group of list.groups) {
    lines.push("", t("overdue.group", { classLabel: group.classLabel || t("overdue.noClass"), teacher: shortName(group.teacherName) }));
    for (const item of group.items) {
      caseIds.push(item.caseId);
      const late = t("common.schoolDays", { count: item.lateSchoolDays });
      lines.push(
        t("overdue.item", {
          n: caseIds.length,
          student: item.studentName ? shortName(item.studentName) : t("overdue.classCase"),
          regulation: regulationShortTitle(t, lang, regulations, item.regulationId),
          number: item.stepNumber,
          due: dueText(t, item.dueOn),
          late,
        }),
      );
    }
  }
  return { text: lines.join("\n"), caseIds };
}

export function summaryText(
  t: TFunction,
  lang: Language,
  regulations: RegulationCatalog,
  s: SchoolSummary,
): { text: string; caseIds: number[] } {
  const lines = [t("schoolView.title", { count: s.openCases })];
  const caseIds: number[] = [];
  if (s.byRegulation.length > 0) {
    lines.push("", t("schoolView.byRegulation"));
    for (const r of s.byRegulation)
      lines.push(t("schoolView.countLine", { label: regulationShortTitle(t, lang, regulations, r.regulationId), count: r.count }));
    lines.push("", t("schoolView.byClass"));
    for (const c of s.byClass) lines.push(t("schoolView.countLine", { label: c.classLabel || t("overdue.noClass"), count: c.count }));
  }
  const list = (title: string, items: readonly (SummaryCase & { reason?: string })[]) => {
    lines.push("", t(title, { count: items.length }));
    if (items.length === 0) lines.push(t("schoolView.nobody"));
    for (const item of items) {
      caseIds.push(item.caseId);
      const reason = item.reason ? ` — ${t(`schoolView.reason.${item.reason}`)}` : "";
      lines.push(`${caseIds.length}. ${subjectLabel(item.studentName, item.classLabel, false)} (${shortName(item.teacherName)})${reason}`);
    }
  };
  list("schoolView.withoutPlan", s.withoutPlan);
  list("schoolView.noFamilyContact", s.noFamilyContact);
  return { text: lines.join("\n"), caseIds };
}

/** /overdue and /school for deputies and the director; their buttons open a case card. */
export function deputyViewsFeature(deps: BotDeps) {
  const feature = new Composer<BotContext>();
  const chat = feature.chatType("private");

  const allowed = async (ctx: BotContext): Promise<boolean> => {
    if (ctx.actor && ctx.actor.schoolId !== undefined && can(ctx.actor, "viewSchool")) return true;
    await ctx.reply(ctx.actor ? ctx.t("deputy.notAllowed") : ctx.t("start.stranger"));
    return false;
  };

  chat.command("overdue", async (ctx) => {
    if (!(await allowed(ctx))) return;
    const list = await listOverdue(deps, { actor: ctx.actor! });
    const view = overdueText(ctx.t, ctx.lang, deps.regulations, list);
    await replyInParts(ctx, view.text, openKeyboard(ctx.t, view.caseIds));
  });

  chat.command("school", async (ctx) => {
    if (!(await allowed(ctx))) return;
    const summary = await summarizeSchool(deps, { actor: ctx.actor! });
    const view = summaryText(ctx.t, ctx.lang, deps.regulations, summary);
    await replyInParts(ctx, view.text, openKeyboard(ctx.t, view.caseIds));
  });

  onCallback(feature, DEPUTY_OPEN, async (ctx, { caseId }) => {
    await ctx.answerCallbackQuery();
    // The card checks the access policy and the database itself.
    await showCaseCard(ctx, deps, caseId);
  });
  return feature;
}
