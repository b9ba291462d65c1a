import { InlineKeyboard } from "grammy";
import type { TFunction } from "i18next";
import type { BotConversation, InnerContext } from "../context.js";
import type { BotDeps } from "../deps.js";
import type { Actor } from "../../app/actor.js";
import { AppError, type AppErrorCode } from "../../app/app-error.js";
import { schoolNow } from "../../app/cases/case-service.js";
import { countAbsenceDays } from "../../app/cases/count-absence-days.js";
import { findOpenCase, type OpenCaseRef } from "../../app/cases/find-open-case.js";
import { openCase } from "../../app/cases/open-case.js";
import { findStudentFor, listOwnClasses, listOwnClassStudents, normalizeStudentQuery, searchStudents } from "../../app/students/search-students.js";
import type { Criterion22Result } from "../../domain/calendar/criterion22.js";
import { daysBetween, formatRussianDate, parseRussianDate, yearOf, type LocalDate } from "../../domain/dates.js";
import type { StudentRecord } from "../../app/students/search-students.js";
import { mainMenuItem } from "../features/main-menu.js";
import { regulationShortTitle } from "../views/case-status-line.js";
import { buildCaseCardMessage } from "../views/show-case-card.js";
import { openingQuestions } from "./new-case-questions.js";

export const NEW_CASE_CONVERSATION = "newCase";

/*
 * /new: student → regulation → dates → confirmation → openCase → the card. Every database and
 * clock call is inside conversation.external, and what it returns is plain JSON (the dialogue is
 * replayed from storage after a restart). Buttons carry "nc:" and short ids; each press is checked
 * against the database again. Commands and main-menu buttons leave the dialogue and run as usual.
 */

const CLASS_PAGE_SIZE = 8;
const DATE_SHAPE = /^\s*\d{1,2}[./]\d{1,2}(?:[./](?:\d{2}|\d{4}))?\s*$/;

type Answer = { kind: "text"; ctx: InnerContext; text: string } | { kind: "button"; ctx: InnerContext; data: string };

export function newCaseConversation(deps: BotDeps) {
  return async function newCase(conversation: BotConversation, ctx: InnerContext) {
    const picked = await pickStudent(conversation, ctx, deps);
    const student = picked.student;
    let c = picked.ctx;

    for (;;) {
      const chosen = await pickRegulation(conversation, c, deps, student);
      c = chosen.ctx;
      const regulationId = chosen.regulationId;
      const actor = await actorOf(conversation, c);
      const existing = await conversation.external(() => findOpenCase(deps, { actor, studentId: student.id, regulationId }));
      if (existing) {
        if ((await offerExisting(conversation, c, deps, student, existing)) === "back") continue;
        return;
      }

      const { ctx: answered, ...dates } = await askDates(conversation, c, deps, regulationId);
      await confirmAndOpen(conversation, answered, deps, { student, regulationId, ...dates });
      return;
    }
  };
}

// ---- answers

/** The next answer: one of our buttons, or text where text is welcome; anything else gets `hintKey`. */
async function nextAnswer(conversation: BotConversation, deps: BotDeps, hintKey: string, acceptText: boolean): Promise<Answer> {
  for (;;) {
    const c = await conversation.wait();
    const data = c.callbackQuery?.data;
    if (data?.startsWith("nc:")) return { kind: "button", ctx: c, data };
    if (c.callbackQuery) {
      await c.answerCallbackQuery({ text: c.t("newCase.finishFirst") });
      continue;
    }
    const text = c.message?.text;
    if (text !== undefined && (text.startsWith("/") || mainMenuItem(deps.i18n, text))) {
      await conversation.halt({ next: true });
    }
    if (text !== undefined && acceptText) return { kind: "text", ctx: c, text };
    await c.reply(c.t(hintKey));
  }
}

/** The acting staff member on this update; someone who lost their membership mid-dialogue is stopped. */
async function actorOf(conversation: BotConversation, c: InnerContext): Promise<Actor> {
  if (c.actor?.schoolId !== undefined && c.actor.memberId !== undefined) return c.actor;
  await c.reply(c.t("start.stranger"));
  return conversation.halt();
}

async function stale(c: InnerContext): Promise<void> {
  await c.answerCallbackQuery({ text: c.t("newCase.staleButton") });
}

/** Drops the buttons of the message a button was pressed on, so they cannot be pressed again. */
async function dropButtons(c: InnerContext): Promise<void> {
  await c.editMessageReplyMarkup().catch(() => undefined);
}

function studentLabel(student: StudentRecord): string {
  return `${student.fullName}, ${student.classLabel}`;
}

/** The case card (or the refusal), built inside external so that a replay does not read the database again. */
async function sendCard(conversation: BotConversation, c: InnerContext, deps: BotDeps, caseId: number): Promise<void> {
  const message = await conversation.external(() => buildCaseCardMessage(deps, c.actor, c.t, c.lang, caseId));
  await c.reply(message.text, message.ok ? { reply_markup: message.reply_markup } : {});
}

function errorText(t: TFunction, code: AppErrorCode): string {
  return t(`caseErrors.${code}`, { defaultValue: "" }) || t(`newCase.errors.${code}`, { defaultValue: t("common.error") });
}

// ---- the student

async function pickStudent(conversation: BotConversation, ctx: InnerContext, deps: BotDeps): Promise<{ student: StudentRecord; ctx: InnerContext }> {
  await ctx.reply(ctx.t("newCase.askStudent"), { reply_markup: classListButton(ctx.t) });
  for (;;) {
    const answer = await nextAnswer(conversation, deps, "newCase.askStudentHint", true);
    const c = answer.ctx;
    const actor = await actorOf(conversation, c);

    if (answer.kind === "text") {
      const query = normalizeStudentQuery(answer.text);
      if (!query) {
        await c.reply(c.t("newCase.badQuery"));
        continue;
      }
      const found = await conversation.external(() => searchStudents(deps, { actor, query, purpose: "openCase" }));
      if (found.students.length === 0) {
        await c.reply(c.t("newCase.noStudent", { query: answer.text.trim() }), { reply_markup: classListButton(c.t) });
        continue;
      }
      const keyboard = new InlineKeyboard();
      for (const s of found.students) keyboard.text(studentLabel(s), `nc:s:${s.id}`).row();
      keyboard.text(c.t("newCase.fromClassList"), "nc:cl");
      const prompt = found.more ? c.t("newCase.pickStudentMore", { shown: found.students.length }) : c.t("newCase.pickStudent");
      await c.reply(prompt, { reply_markup: keyboard });
      continue;
    }

    const studentPress = /^nc:s:(\d{1,9})$/.exec(answer.data);
    const pagePress = /^nc:k:(\d{1,9}):(\d{1,4})$/.exec(answer.data);
    if (studentPress) {
      const studentId = Number(studentPress[1]);
      const student = await conversation.external(() => findStudentFor(deps, { actor, studentId, purpose: "openCase" }));
      if (!student) {
        await c.answerCallbackQuery({ text: c.t("newCase.studentGone") });
        continue;
      }
      await c.answerCallbackQuery();
      await dropButtons(c);
      return { student, ctx: c };
    }
    if (answer.data === "nc:cl") {
      await c.answerCallbackQuery();
      await showClasses(conversation, c, deps, actor);
    } else if (pagePress) {
      await c.answerCallbackQuery();
      await showClassPage(conversation, c, deps, actor, Number(pagePress[1]), Number(pagePress[2]), true);
    } else {
      await stale(c);
    }
  }
}

function classListButton(t: TFunction): InlineKeyboard {
  return new InlineKeyboard().text(t("newCase.fromClassList"), "nc:cl");
}

async function showClasses(conversation: BotConversation, c: InnerContext, deps: BotDeps, actor: Actor): Promise<void> {
  const classes = await conversation.external(() => listOwnClasses(deps, { actor }));
  if (classes.length === 0) {
    await c.reply(c.t("newCase.noClasses"));
    return;
  }
  if (classes.length === 1) {
    await showClassPage(conversation, c, deps, actor, classes[0]!.id, 0, false);
    return;
  }
  const keyboard = new InlineKeyboard();
  classes.forEach((k, i) => {
    keyboard.text(`${k.label} (${k.students})`, `nc:k:${k.id}:0`);
    if (i % 3 === 2) keyboard.row();
  });
  await c.reply(c.t("newCase.pickClass"), { reply_markup: keyboard });
}

async function showClassPage(
  conversation: BotConversation,
  c: InnerContext,
  deps: BotDeps,
  actor: Actor,
  classId: number,
  page: number,
  edit: boolean,
): Promise<void> {
  const result = await conversation.external(async () => {
    try {
      return await listOwnClassStudents(deps, { actor, classId, page, pageSize: CLASS_PAGE_SIZE });
    } catch (error) {
      if (error instanceof AppError && error.code === "notFound") return undefined;
      throw error;
    }
  });
  if (!result) {
    await c.reply(c.t("newCase.classGone"));
    return;
  }
  const keyboard = new InlineKeyboard();
  for (const s of result.students) keyboard.text(s.fullName, `nc:s:${s.id}`).row();
  if (result.page > 0) keyboard.text(c.t("newCase.previousPage"), `nc:k:${classId}:${result.page - 1}`);
  if (result.page < result.pages - 1) keyboard.text(c.t("newCase.nextPage"), `nc:k:${classId}:${result.page + 1}`);
  const text =
    result.students.length === 0
      ? c.t("newCase.emptyClass", { label: result.label })
      : result.pages > 1
        ? c.t("newCase.classPagePaged", { label: result.label, page: result.page + 1, pages: result.pages })
        : c.t("newCase.classPage", { label: result.label });
  if (edit) await c.editMessageText(text, { reply_markup: keyboard }).catch(() => c.reply(text, { reply_markup: keyboard }));
  else await c.reply(text, { reply_markup: keyboard });
}

// ---- the regulation

async function pickRegulation(
  conversation: BotConversation,
  ctx: InnerContext,
  deps: BotDeps,
  student: StudentRecord,
): Promise<{ regulationId: string; ctx: InnerContext }> {
  const offered = deps.regulations.list().filter((r) => r.subject === "student");
  const keyboard = new InlineKeyboard();
  for (const r of offered) keyboard.text(regulationShortTitle(ctx.t, ctx.lang, deps.regulations, r.id), `nc:r:${r.id}`).row();
  await ctx.reply(ctx.t("newCase.askRegulation", { student: studentLabel(student) }), { reply_markup: keyboard });
  for (;;) {
    const answer = await nextAnswer(conversation, deps, "newCase.pressButton", false);
    if (answer.kind !== "button") continue;
    const c = answer.ctx;
    const regulationId = /^nc:r:([a-z0-9-]{1,60})$/.exec(answer.data)?.[1];
    if (!regulationId || !offered.some((r) => r.id === regulationId)) {
      await stale(c);
      continue;
    }
    await c.answerCallbackQuery();
    await dropButtons(c);
    return { regulationId, ctx: c };
  }
}

/** The student already has this case open: offer its card instead of a second one. */
async function offerExisting(
  conversation: BotConversation,
  ctx: InnerContext,
  deps: BotDeps,
  student: StudentRecord,
  existing: OpenCaseRef,
): Promise<"back" | "done"> {
  const keyboard = new InlineKeyboard();
  if (existing.canView) keyboard.text(ctx.t("newCase.openExisting"), `nc:x:${existing.caseId}`).row();
  keyboard.text(ctx.t("newCase.otherRegulation"), "nc:back").text(ctx.t("newCase.cancel"), "nc:no");
  const key = existing.canView ? "newCase.alreadyOpen" : "newCase.alreadyOpenNotYours";
  await ctx.reply(ctx.t(key, { student: studentLabel(student), date: formatRussianDate(existing.openedOn) }), { reply_markup: keyboard });
  for (;;) {
    const answer = await nextAnswer(conversation, deps, "newCase.pressButton", false);
    if (answer.kind !== "button") continue;
    const c = answer.ctx;
    if (existing.canView && answer.data === `nc:x:${existing.caseId}`) {
      await c.answerCallbackQuery();
      await dropButtons(c);
      await sendCard(conversation, c, deps, existing.caseId);
      return "done";
    }
    if (answer.data === "nc:back") {
      await c.answerCallbackQuery();
      await dropButtons(c);
      return "back";
    }
    if (answer.data === "nc:no") {
      await c.answerCallbackQuery();
      await dropButtons(c);
      await c.reply(c.t("newCase.cancelled"));
      return "done";
    }
    await stale(c);
  }
}

// ---- dates

interface OpeningDates {
  openedOn: LocalDate;
  firstAbsenceDay?: LocalDate;
  absence?: Criterion22Result;
}

async function askDates(
  conversation: BotConversation,
  ctx: InnerContext,
  deps: BotDeps,
  regulationId: string,
): Promise<OpeningDates & { ctx: InnerContext }> {
  const questions = openingQuestions(regulationId);
  const actor = await actorOf(conversation, ctx);
  const today = await conversation.external(async () => (await schoolNow(deps, actor.schoolId!)).today);

  const prompt = questions.openedOn === "notice" ? "newCase.askNoticeDate" : "newCase.askStartDate";
  const opened = await askDate(conversation, ctx, deps, { prompt, today, latest: today, offerToday: true, skippable: false });
  if (!questions.firstAbsence || !opened.date) return { openedOn: opened.date ?? today, ctx: opened.ctx };

  const first = await askDate(conversation, opened.ctx, deps, {
    prompt: "newCase.askFirstAbsence",
    today,
    latest: opened.date,
    offerToday: false,
    skippable: true,
  });
  if (!first.date) return { openedOn: opened.date, ctx: first.ctx };
  const firstAbsenceDay = first.date;
  const counter = await actorOf(conversation, first.ctx);
  const absence = await conversation.external(() => countAbsenceDays(deps, { actor: counter, firstAbsenceDay, until: opened.date! }));
  return { openedOn: opened.date, firstAbsenceDay, absence, ctx: first.ctx };
}

interface AskDateOptions {
  prompt: string;
  today: LocalDate;
  /** The latest acceptable date: today, or the notice date for the first day of absence. */
  latest: LocalDate;
  offerToday: boolean;
  skippable: boolean;
}

async function askDate(
  conversation: BotConversation,
  ctx: InnerContext,
  deps: BotDeps,
  options: AskDateOptions,
): Promise<{ date?: LocalDate; ctx: InnerContext }> {
  const { today, latest } = options;
  const keyboard = new InlineKeyboard();
  if (options.offerToday) keyboard.text(ctx.t("newCase.today"), "nc:today");
  if (options.skippable) keyboard.text(ctx.t("newCase.skip"), "nc:skip");
  await ctx.reply(ctx.t(options.prompt), { reply_markup: keyboard });
  for (;;) {
    const answer = await nextAnswer(conversation, deps, "newCase.dateHint", true);
    const c = answer.ctx;
    if (answer.kind === "button") {
      if ((answer.data === "nc:today" && options.offerToday) || (answer.data === "nc:skip" && options.skippable)) {
        await c.answerCallbackQuery();
        await dropButtons(c);
        return answer.data === "nc:today" ? { date: today, ctx: c } : { ctx: c };
      }
      await stale(c);
      continue;
    }
    const text = answer.text.trim();
    if (!DATE_SHAPE.test(text)) {
      await c.reply(c.t("newCase.badDate"));
      continue;
    }
    const date = typedDate(text, today);
    if (!date) {
      await c.reply(c.t("newCase.noSuchDate", { text }));
    } else if (date > today) {
      await c.reply(c.t("newCase.futureDate", { today: formatRussianDate(today) }));
    } else if (date > latest) {
      await c.reply(c.t("newCase.afterNotice", { date: formatRussianDate(latest) }));
    } else {
      return { date, ctx: c };
    }
  }
}

/** Days back a date typed without a year may reach into last year (25.12 typed on 12.01). */
const LAST_YEAR_REACH_DAYS = 120;

/** "05.11" is this year's, unless that is still ahead and last year's was recent: then last year's. */
function typedDate(text: string, today: LocalDate): LocalDate | undefined {
  const date = parseRussianDate(text, yearOf(today));
  if (!date || date <= today || /\d[./]\d{1,2}[./]\d/.test(text)) return date;
  const lastYear = parseRussianDate(text, yearOf(today) - 1);
  return lastYear && daysBetween(lastYear, today) <= LAST_YEAR_REACH_DAYS ? lastYear : date;
}

// ---- confirmation

interface Draft extends OpeningDates {
  student: StudentRecord;
  regulationId: string;
}

type OpenOutcome = { kind: "opened"; caseId: number } | { kind: "exists"; existing: OpenCaseRef } | { kind: "refused"; code: AppErrorCode };

function summaryOf(t: TFunction, deps: BotDeps, lang: InnerContext["lang"], draft: Draft): string {
  const regulation = deps.regulations.current(draft.regulationId);
  const notice = openingQuestions(draft.regulationId).openedOn === "notice";
  const lines = [
    t("newCase.confirmTitle"),
    t("newCase.summaryStudent", { student: studentLabel(draft.student) }),
    t("newCase.summaryRegulation", { title: regulation.title[lang] }),
    t(notice ? "newCase.summaryNotice" : "newCase.summaryStarted", { date: formatRussianDate(draft.openedOn) }),
  ];
  if (draft.firstAbsenceDay && draft.absence) {
    const from = formatRussianDate(draft.firstAbsenceDay);
    lines.push(t("newCase.summaryFirstAbsence", { date: from }));
    lines.push(
      [
        t("newCase.absenceCount", { count: draft.absence.schoolDaysSoFar, from, to: formatRussianDate(draft.openedOn) }),
        t(draft.absence.met ? "newCase.criterionMet" : "newCase.criterionNotMet", { date: formatRussianDate(draft.absence.metOn) }),
      ].join(" "),
    );
  }
  return lines.join("\n");
}

async function confirmAndOpen(conversation: BotConversation, ctx: InnerContext, deps: BotDeps, draft: Draft): Promise<void> {
  const summary = summaryOf(ctx.t, deps, ctx.lang, draft);
  const keyboard = new InlineKeyboard().text(ctx.t("newCase.open"), "nc:ok").text(ctx.t("newCase.cancel"), "nc:no");
  await ctx.reply(summary, { reply_markup: keyboard });
  for (;;) {
    const answer = await nextAnswer(conversation, deps, "newCase.pressButton", false);
    if (answer.kind !== "button") continue;
    const c = answer.ctx;
    if (answer.data === "nc:no") {
      await c.answerCallbackQuery();
      await dropButtons(c);
      await c.reply(c.t("newCase.cancelled"));
      return;
    }
    if (answer.data !== "nc:ok") {
      await stale(c);
      continue;
    }
    await c.answerCallbackQuery();
    const actor = await actorOf(conversation, c);
    const outcome = await conversation.external(() => openDraft(deps, actor, draft));
    if (outcome.kind === "exists") {
      await dropButtons(c);
      await offerExisting(conversation, c, deps, draft.student, outcome.existing);
      return;
    }
    if (outcome.kind === "refused") {
      await dropButtons(c);
      await c.reply(errorText(c.t, outcome.code));
      return;
    }
    c.log.info({ caseId: outcome.caseId, regulationId: draft.regulationId }, "case opened");
    await c.editMessageText(`${summaryOf(c.t, deps, c.lang, draft)}\n\n${c.t("newCase.opened")}`).catch(() => undefined);
    await sendCard(conversation, c, deps, outcome.caseId);
    return;
  }
}

/** Re-checks the student and that no such case is open (a second tap, another device), then opens it. */
async function openDraft(deps: BotDeps, actor: Actor, draft: Draft): Promise<OpenOutcome> {
  try {
    const student = await findStudentFor(deps, { actor, studentId: draft.student.id, purpose: "openCase" });
    if (!student) return { kind: "refused", code: "notFound" };
    const existing = await findOpenCase(deps, { actor, studentId: student.id, regulationId: draft.regulationId });
    if (existing) return { kind: "exists", existing };
    const change = await openCase(deps, { actor, regulationId: draft.regulationId, studentId: student.id, openedOn: draft.openedOn });
    return { kind: "opened", caseId: Number(change.state.id) };
  } catch (error) {
    if (error instanceof AppError) return { kind: "refused", code: error.code };
    throw error;
  }
}
