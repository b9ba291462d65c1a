import { InlineKeyboard } from "grammy";
import type { TFunction } from "i18next";
import type { BotConversation, InnerContext } from "../context.js";
import type { BotDeps } from "../deps.js";
import type { Actor } from "../../app/actor.js";
import { AppError } from "../../app/app-error.js";
import { schoolNow } from "../../app/cases/case-service.js";
import { countAbsenceDays } from "../../app/cases/count-absence-days.js";
import { findOpenCase, type OpenCaseRef } from "../../app/cases/find-open-case.js";
import { openCase } from "../../app/cases/open-case.js";
import {
  findStudentFor,
  listOwnClasses,
  listOwnClassStudents,
  normalizeStudentQuery,
  searchStudents,
} from "../../app/students/search-students.js";
import type { Criterion22Result } from "../../domain/calendar/criterion22.js";
import { daysBetween, formatRussianDate, parseRussianDate, yearOf, type LocalDate } from "../../domain/dates.js";
import type { StudentRecord } from "../../app/students/search-students.js";
import { defineCallback, int, oneOf, optional } from "../../app/callback-data.js";
import {
  accept,
  ask,
  askChoice,
  askDate,
  choicesOf,
  dropButtons,
  quote,
  refuse,
  refusedWith,
  run,
  type Prompt,
  type Reading,
} from "./kit/index.js";
import { regulationShortTitle } from "../views/case-status-line.js";
import { buildCaseCardMessage } from "../views/show-case-card.js";
import { openingQuestions } from "./new-case-questions.js";
import { askDeputyArea, type DeputyChoice } from "./deputy-question.js";

export const NEW_CASE_CONVERSATION = "newCase";

/*
 * /new: student → regulation → dates → confirmation → openCase → the card. Every database and
 * clock call goes through the kit's `run` (conversation.external), and what it returns is plain
 * JSON (the dialogue is replayed from storage after a restart). A refusal ends the dialogue and is
 * said by the error boundary, in this dialogue's words (NEW_CASE_REFUSALS). Buttons carry "nc:" and
 * short ids; each press is checked against the database again. Commands and main-menu buttons leave
 * the dialogue and run as usual.
 */

/**
 * The dialogue's buttons, "nc:<action>[:<id>[:<page>]]": a student (s:<student>), the class list
 * (cl), a page of a class (k:<class>:<page>), a regulation (r:<index among those offered>), the
 * open case (x:<case>), «Другой регламент» (back), «Отмена» (no), «Сегодня» (today), «Пропустить»
 * (skip), «Открыть случай» (ok).
 */
const NEW_CASE_CALLBACK = defineCallback("nc", {
  action: oneOf("s", "cl", "k", "r", "x", "back", "no", "today", "skip", "ok"),
  id: optional(int()),
  page: optional(int(9999)),
});
type NewCasePress = NonNullable<ReturnType<typeof NEW_CASE_CALLBACK.decode>>;

function newCaseData(press: NewCasePress): string {
  return NEW_CASE_CALLBACK.encode(press);
}

const CLASS_PAGE_SIZE = 8;
const DATE_SHAPE = /^\s*\d{1,2}[./]\d{1,2}(?:[./](?:\d{2}|\d{4}))?\s*$/;

/** A case the early warning proposes: the student and the regulation are known, and the first day absent. */
export interface NewCasePreset {
  studentId: number;
  regulationId: string;
  firstAbsenceOn?: LocalDate;
}

export function newCaseConversation(deps: BotDeps) {
  return async function newCase(conversation: BotConversation, ctx: InnerContext, preset?: NewCasePreset) {
    const picked = preset ? await presetStudent(conversation, ctx, deps, preset.studentId) : await pickStudent(conversation, ctx, deps);
    if (!picked) return;
    const student = picked.student;
    let c = picked.ctx;

    for (let first = true; ; first = false) {
      const chosen = preset && first ? { regulationId: preset.regulationId, ctx: c } : await pickRegulation(conversation, c, deps, student);
      if (!chosen) return;
      c = chosen.ctx;
      const regulationId = chosen.regulationId;
      const actor = await actorOf(conversation, c);
      const existing = await run(conversation, () => findOpenCase(deps, { actor, studentId: student.id, regulationId }));
      if (existing) {
        if ((await offerExisting(conversation, c, deps, student, existing)) === "back") continue;
        return;
      }

      const asked = await askDates(conversation, c, deps, regulationId, preset && first ? preset.firstAbsenceOn : undefined);
      if (!asked) return;
      const { ctx: answered, ...dates } = asked;
      const deputy = await askDeputyArea(conversation, answered, deps, regulationId);
      if (!deputy) return;
      await confirmAndOpen(conversation, deputy.ctx, deps, { student, regulationId, ...dates, ...deputy.value });
      return;
    }
  };
}

// ---- answers

/**
 * How an update reads in this dialogue: one of this question's buttons, or text where text is
 * welcome. Any other button gets a toast (an earlier question's «nc:» button is stale, another
 * feature's must wait), anything else typed gets `hintKey`.
 */
function reader<T>(hintKey: string, button: (data: string) => T | undefined, text?: (typed: string) => T) {
  return (c: InnerContext): Reading<T> => {
    const data = c.callbackQuery?.data;
    if (data !== undefined) {
      const value = button(data);
      return value !== undefined ? accept(value) : refuse(buttonHint(data, c));
    }
    const typed = c.message?.text;
    return typed !== undefined && text ? accept(text(typed)) : refuse(c.t(hintKey));
  };
}

function buttonHint(data: string, c: InnerContext): string {
  return c.t(data.startsWith(`${NEW_CASE_CALLBACK.prefix}:`) ? "newCase.staleButton" : "newCase.finishFirst");
}

/** The acting staff member on this update; someone who lost their membership mid-dialogue is stopped. */
async function actorOf(conversation: BotConversation, c: InnerContext): Promise<Actor> {
  if (c.actor?.schoolId !== undefined && c.actor.memberId !== undefined) return c.actor;
  await c.reply(c.t("start.stranger"));
  return conversation.halt();
}

function studentLabel(student: StudentRecord): string {
  return `${student.fullName}, ${student.classLabel}`;
}

/** The case card, built inside external so that a replay does not read the database again. */
async function sendCard(conversation: BotConversation, c: InnerContext, deps: BotDeps, caseId: number): Promise<void> {
  const message = await run(conversation, () => buildCaseCardMessage(deps, c.actor, c.t, c.lang, caseId));
  await c.reply(message.text, message.ok ? { reply_markup: message.reply_markup } : {});
}

/** Why a case was not opened, in this dialogue's words (the domain's refusals keep their `errors.<code>`). */
const NEW_CASE_REFUSALS = {
  notFound: "newCase.errors.notFound",
  forbidden: "newCase.errors.forbidden",
  conflict: "newCase.errors.conflict",
  invalidInput: "newCase.errors.invalidInput",
} as const;

// ---- the student

type StudentAnswer =
  | { kind: "text"; text: string }
  | { kind: "student"; id: number }
  | { kind: "classes" }
  | { kind: "page"; classId: number; page: number };

function studentButton(data: string): StudentAnswer | undefined {
  const pressed = NEW_CASE_CALLBACK.decode(data);
  if (pressed === undefined) return undefined;
  const { action, id, page } = pressed;
  if (action === "s" && id !== undefined && page === undefined) return { kind: "student", id };
  if (action === "cl" && id === undefined) return { kind: "classes" };
  if (action === "k" && id !== undefined && page !== undefined) return { kind: "page", classId: id, page };
  return undefined;
}

/** A surname (the students found are shown) or the class list, until a student's button is pressed. */
async function pickStudent(
  conversation: BotConversation,
  ctx: InnerContext,
  deps: BotDeps,
): Promise<{ student: StudentRecord; ctx: InnerContext } | undefined> {
  const read = reader<StudentAnswer>("newCase.askStudentHint", studentButton, (text) => ({ kind: "text", text }));
  let prompt: Prompt | undefined = { text: ctx.t("newCase.askStudent"), keyboard: classListButton(ctx.t) };
  for (;;) {
    const answer = await ask(conversation, ctx, read, prompt ? { prompt } : {});
    if (!answer) return undefined;
    prompt = undefined;
    const c = answer.ctx;
    const value = answer.value;
    const actor = await actorOf(conversation, c);

    if (value.kind === "text") {
      const query = normalizeStudentQuery(value.text);
      if (!query) {
        await c.reply(c.t("newCase.badQuery"));
        continue;
      }
      const found = await run(conversation, () => searchStudents(deps, { actor, query, purpose: "openCase" }));
      if (found.students.length === 0) {
        await c.reply(c.t("newCase.noStudent", { query: quote(value.text) }), { reply_markup: classListButton(c.t) });
        continue;
      }
      const keyboard = new InlineKeyboard();
      for (const s of found.students) keyboard.text(studentLabel(s), newCaseData({ action: "s", id: s.id })).row();
      keyboard.text(c.t("newCase.fromClassList"), newCaseData({ action: "cl" }));
      const list = found.more ? c.t("newCase.pickStudentMore", { shown: found.students.length }) : c.t("newCase.pickStudent");
      await c.reply(list, { reply_markup: keyboard });
      continue;
    }

    if (value.kind === "student") {
      const student = await run(conversation, () => findStudentFor(deps, { actor, studentId: value.id, purpose: "openCase" }));
      if (!student) {
        await c.answerCallbackQuery({ text: c.t("newCase.studentGone") });
        continue;
      }
      await c.answerCallbackQuery();
      await dropButtons(c);
      return { student, ctx: c };
    }
    await c.answerCallbackQuery();
    if (value.kind === "classes") await showClasses(conversation, c, deps, actor);
    else await showClassPage(conversation, c, deps, actor, value.classId, value.page, true);
  }
}

/** The student a preset names, if the actor may still open a case for them. */
async function presetStudent(
  conversation: BotConversation,
  ctx: InnerContext,
  deps: BotDeps,
  studentId: number,
): Promise<{ student: StudentRecord; ctx: InnerContext } | undefined> {
  const actor = await actorOf(conversation, ctx);
  const student = await run(conversation, () => findStudentFor(deps, { actor, studentId, purpose: "openCase" }));
  if (!student) {
    await ctx.reply(ctx.t("newCase.studentGone"));
    return undefined;
  }
  await ctx.reply(ctx.t("newCase.presetStudent", { student: studentLabel(student) }));
  return { student, ctx };
}

function classListButton(t: TFunction): InlineKeyboard {
  return new InlineKeyboard().text(t("newCase.fromClassList"), newCaseData({ action: "cl" }));
}

async function showClasses(conversation: BotConversation, c: InnerContext, deps: BotDeps, actor: Actor): Promise<void> {
  const classes = await run(conversation, () => listOwnClasses(deps, { actor }));
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
    keyboard.text(`${k.label} (${k.students})`, newCaseData({ action: "k", id: k.id, page: 0 }));
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
  let result: Awaited<ReturnType<typeof listOwnClassStudents>>;
  try {
    result = await run(conversation, () => listOwnClassStudents(deps, { actor, classId, page, pageSize: CLASS_PAGE_SIZE }));
  } catch (error) {
    // A class that is gone (or not the actor's): say so, and the question stands.
    refusedWith(error, "notFound");
    await c.reply(c.t("newCase.classGone"));
    return;
  }
  const keyboard = new InlineKeyboard();
  for (const s of result.students) keyboard.text(s.fullName, newCaseData({ action: "s", id: s.id })).row();
  if (result.page > 0) keyboard.text(c.t("newCase.previousPage"), newCaseData({ action: "k", id: classId, page: result.page - 1 }));
  if (result.page < result.pages - 1)
    keyboard.text(c.t("newCase.nextPage"), newCaseData({ action: "k", id: classId, page: result.page + 1 }));
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
): Promise<{ regulationId: string; ctx: InnerContext } | undefined> {
  const offered = deps.regulations.list().filter((r) => r.subject === "student");
  const chosen = await askChoice(conversation, ctx, {
    prompt: ctx.t("newCase.askRegulation", { student: studentLabel(student) }),
    choices: choicesOf(
      NEW_CASE_CALLBACK,
      offered.map((r, i) => ({
        label: regulationShortTitle(ctx.t, ctx.lang, deps.regulations, r.id),
        data: { action: "r" as const, id: i },
        value: r.id,
      })),
    ),
    cancelButton: false,
    dropButtons: true,
    hint: "newCase.pressButton",
    buttonHint,
  });
  return chosen ? { regulationId: chosen.value, ctx: chosen.ctx } : undefined;
}

/** The student already has this case open: offer its card instead of a second one. */
async function offerExisting(
  conversation: BotConversation,
  ctx: InnerContext,
  deps: BotDeps,
  student: StudentRecord,
  existing: OpenCaseRef,
): Promise<"back" | "done"> {
  const open = { label: ctx.t("newCase.openExisting"), data: { action: "x" as const, id: existing.caseId }, value: "open" as const };
  const back = { label: ctx.t("newCase.otherRegulation"), data: { action: "back" as const }, value: "back" as const };
  const no = { label: ctx.t("newCase.cancel"), data: { action: "no" as const }, value: "no" as const };
  const choices = choicesOf(NEW_CASE_CALLBACK, existing.canView ? [open, back, no] : [back, no]);
  // «Открыть» on a row of its own, «Другой регламент» and «Отмена» side by side.
  const keyboard = new InlineKeyboard();
  const [first, ...rest] = choices.buttons;
  if (existing.canView) keyboard.text(first!.label, first!.data).row();
  for (const b of existing.canView ? rest : choices.buttons) keyboard.text(b.label, b.data);
  const key = existing.canView ? "newCase.alreadyOpen" : "newCase.alreadyOpenNotYours";
  const text = ctx.t(key, { student: studentLabel(student), date: formatRussianDate(existing.openedOn) });
  const answer = await askChoice(conversation, ctx, {
    prompt: { text, keyboard },
    choices,
    dropButtons: true,
    hint: "newCase.pressButton",
    buttonHint,
  });
  if (!answer) return "done";
  const c = answer.ctx;
  if (answer.value === "back") return "back";
  if (answer.value === "open") await sendCard(conversation, c, deps, existing.caseId);
  else await c.reply(c.t("newCase.cancelled"));
  return "done";
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
  knownFirstAbsence?: LocalDate,
): Promise<(OpeningDates & { ctx: InnerContext }) | undefined> {
  const questions = openingQuestions(deps.regulations.current(regulationId));
  const actor = await actorOf(conversation, ctx);
  const today = await run(conversation, async () => (await schoolNow(deps, actor.schoolId!)).today);

  const prompt = questions.openedOn === "notice" ? "newCase.askNoticeDate" : "newCase.askStartDate";
  const opened = await askOpeningDate(conversation, ctx, { prompt, today, latest: today, offerToday: true, skippable: false });
  if (!opened) return undefined;
  if (!questions.firstAbsence || !opened.date) return { openedOn: opened.date ?? today, ctx: opened.ctx };
  if (knownFirstAbsence && knownFirstAbsence <= opened.date) {
    // From the journal's attendance: not asked again.
    const counter = await actorOf(conversation, opened.ctx);
    const until = opened.date;
    const absence = await run(conversation, () => countAbsenceDays(deps, { actor: counter, firstAbsenceDay: knownFirstAbsence, until }));
    return { openedOn: opened.date, firstAbsenceDay: knownFirstAbsence, absence, ctx: opened.ctx };
  }

  const first = await askOpeningDate(conversation, opened.ctx, {
    prompt: "newCase.askFirstAbsence",
    today,
    latest: opened.date,
    offerToday: false,
    skippable: true,
  });
  if (!first) return undefined;
  if (!first.date) return { openedOn: opened.date, ctx: first.ctx };
  const firstAbsenceDay = first.date;
  const counter = await actorOf(conversation, first.ctx);
  const absence = await run(conversation, () => countAbsenceDays(deps, { actor: counter, firstAbsenceDay, until: opened.date! }));
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

async function askOpeningDate(
  conversation: BotConversation,
  ctx: InnerContext,
  options: AskDateOptions,
): Promise<{ date?: LocalDate; ctx: InnerContext } | undefined> {
  const { today, latest } = options;
  const or = [
    ...(options.offerToday ? [{ label: ctx.t("newCase.today"), data: { action: "today" as const }, value: "today" as const }] : []),
    ...(options.skippable ? [{ label: ctx.t("newCase.skip"), data: { action: "skip" as const }, value: "skip" as const }] : []),
  ];
  const answer = await askDate(conversation, ctx, {
    prompt: ctx.t(options.prompt),
    today,
    read: (text, c) => {
      if (!DATE_SHAPE.test(text)) return refuse(c.t("newCase.badDate"));
      const date = typedDate(text, today);
      return date ? accept(date) : refuse(c.t("newCase.noSuchDate", { text: quote(text) }));
    },
    check: (date, c) => {
      if (date > today) return c.t("newCase.futureDate", { today: formatRussianDate(today) });
      if (date > latest) return c.t("newCase.afterNotice", { date: formatRussianDate(latest) });
      return undefined;
    },
    or: choicesOf(NEW_CASE_CALLBACK, or),
    cancelButton: false,
    hint: "newCase.dateHint",
    buttonHint,
  });
  if (!answer) return undefined;
  if (!("pressed" in answer)) return { date: answer.value, ctx: answer.ctx };
  await dropButtons(answer.ctx);
  return answer.pressed === "today" ? { date: today, ctx: answer.ctx } : { ctx: answer.ctx };
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

interface Draft extends OpeningDates, DeputyChoice {
  student: StudentRecord;
  regulationId: string;
}

type OpenOutcome = { kind: "opened"; caseId: number } | { kind: "exists"; existing: OpenCaseRef };

function summaryOf(t: TFunction, deps: BotDeps, lang: InnerContext["lang"], draft: Draft): string {
  const regulation = deps.regulations.current(draft.regulationId);
  const notice = openingQuestions(regulation).openedOn === "notice";
  const lines = [
    t("newCase.confirmTitle"),
    t("newCase.summaryStudent", { student: studentLabel(draft.student) }),
    t("newCase.summaryRegulation", { title: (regulation.shortTitle ?? regulation.title)[lang] }),
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
  const choices = choicesOf(NEW_CASE_CALLBACK, [
    { label: ctx.t("newCase.open"), data: { action: "ok" as const }, value: "open" as const },
    { label: ctx.t("newCase.cancel"), data: { action: "no" as const }, value: "no" as const },
  ]);
  // Both on one row.
  const keyboard = new InlineKeyboard();
  for (const b of choices.buttons) keyboard.text(b.label, b.data);
  const answer = await askChoice(conversation, ctx, {
    prompt: { text: summary, keyboard },
    choices,
    hint: "newCase.pressButton",
    buttonHint,
  });
  if (!answer) return;
  const c = answer.ctx;
  if (answer.value === "no") {
    await dropButtons(c);
    await c.reply(c.t("newCase.cancelled"));
    return;
  }
  const actor = await actorOf(conversation, c);
  let outcome: OpenOutcome;
  try {
    outcome = await run(conversation, () => openDraft(deps, actor, draft), { refusals: NEW_CASE_REFUSALS });
  } catch (error) {
    // The summary's buttons go; the error boundary says why the case was not opened.
    await dropButtons(c);
    throw error;
  }
  if (outcome.kind === "exists") {
    await dropButtons(c);
    await offerExisting(conversation, c, deps, draft.student, outcome.existing);
    return;
  }
  c.log.info({ caseId: outcome.caseId, regulationId: draft.regulationId }, "case opened");
  await c.editMessageText(`${summaryOf(c.t, deps, c.lang, draft)}\n\n${c.t("newCase.opened")}`).catch(() => undefined);
  await sendCard(conversation, c, deps, outcome.caseId);
}

/** Re-checks the student and that no such case is open (a second tap, another device), then opens it. */
async function openDraft(deps: BotDeps, actor: Actor, draft: Draft): Promise<OpenOutcome> {
  const student = await findStudentFor(deps, { actor, studentId: draft.student.id, purpose: "openCase" });
  if (!student) throw new AppError("notFound", `student ${draft.student.id} is no longer there to open a case for`);
  const existing = await findOpenCase(deps, { actor, studentId: student.id, regulationId: draft.regulationId });
  if (existing) return { kind: "exists", existing };
  const change = await openCase(deps, {
    actor,
    regulationId: draft.regulationId,
    studentId: student.id,
    openedOn: draft.openedOn,
    ...(draft.firstAbsenceDay ? { firstAbsenceOn: draft.firstAbsenceDay } : {}),
    ...(draft.deputyArea ? { deputyArea: draft.deputyArea } : {}),
  });
  return { kind: "opened", caseId: Number(change.state.id) };
}
