import { InlineKeyboard, InputFile } from "grammy";
import { addVacation, updateSchoolSettings } from "../../app/admin/school-settings.js";
import { exportAudit } from "../../app/admin/export-audit.js";
import { applyCalendarYear, parseCalendarUpload } from "../../app/admin/production-calendar.js";
import { searchNameOf } from "../../domain/people/search-name.js";
import { findStudentsToAdminister } from "../../app/admin/find-students.js";
import { formatRussianDate, localDateIn, parseRussianDate, yearOf, type LocalDate } from "../../domain/dates.js";
import type { ProductionYear } from "../../domain/calendar/production-calendar.js";
import type { BotConversation, InnerContext } from "../context.js";
import type { BotDeps } from "../deps.js";
import { ADMIN_REFUSALS } from "../features/admin-press.js";
import { ADMIN_DATA } from "../features/admin-menu-data.js";
import { DIALOGUE_CALLBACK } from "../views/callback-data.js";
import { truncate } from "../views/format.js";
import { accept, ask, askChoice, CANCEL_DATA, choicesOf, refuse, refusedWith, run } from "./kit/index.js";

export const ADMIN_INPUT_CONVERSATION = "admin-input";

export type AdminInput =
  | "name"
  | "officialName"
  | "address"
  | "director"
  | "timezone"
  | "hours"
  | "digest"
  | "vacation"
  | "auditRange"
  | "student"
  | "calendar";

const MAX_CALENDAR_BYTES = 256 * 1024;
/** What of a rejected file's problems is shown (they name fields and values of the upload). */
const PROBLEMS_MAX = 1000;

/** "01.11.2026–09.11.2026" (any dash or a space between the two dates). */
export function parseDateRange(text: string, defaultYear: number): { from: LocalDate; to: LocalDate } | undefined {
  const parts = text
    .trim()
    .split(/\s*[–—-]\s*|\s+/)
    .filter(Boolean);
  if (parts.length !== 2) return undefined;
  const from = parseRussianDate(parts[0]!, defaultYear);
  const to = parseRussianDate(parts[1]!, defaultYear);
  return from && to && from <= to ? { from, to } : undefined;
}

/**
 * One typed value of /admin: asks, re-asks on a bad answer, saves through the use case. A refusal
 * ends the dialogue; the error boundary says it in the admin section's words (ADMIN_REFUSALS).
 */
export function adminInputConversation(deps: BotDeps) {
  return async function adminInput(conversation: BotConversation, ctx: InnerContext, item: AdminInput) {
    const today = await run(conversation, () => localDateIn(deps.now(), deps.defaultTimezone));
    let prompt: string | undefined = ctx.t(`admin.ask.${item}`);
    // A value the use case cannot take gets its reason, and the question stands.
    for (;;) {
      if (item === "calendar") {
        const sent = await ask(
          conversation,
          ctx,
          (c) => (c.message?.document ? accept(c.message.document) : refuse(c.t("admin.calendar.needFile"))),
          prompt ? { prompt } : {},
        );
        if (!sent) return;
        prompt = undefined;
        const answer = sent.ctx;
        const document = sent.value;
        // The outer context's api: the conversation's own is replayed and must not run inside external.
        const parsed = await run(conversation, async (outer) => {
          if ((document.file_size ?? 0) > MAX_CALENDAR_BYTES) return { ok: false as const, text: answer.t("admin.calendar.tooLarge") };
          const file = await outer.api.getFile(document.file_id);
          const bytes = await deps.downloadFile(file.file_path!);
          try {
            return { ok: true as const, year: parseCalendarUpload(new TextDecoder().decode(bytes), document.file_name ?? "upload.json") };
          } catch (error) {
            // A file that does not parse: its problems, and the question stands.
            const { message } = refusedWith(error, "invalidInput");
            return { ok: false as const, text: answer.t("admin.calendar.invalid", { problems: truncate(message, PROBLEMS_MAX) }) };
          }
        });
        if (!parsed.ok) {
          await answer.reply(parsed.text);
          continue;
        }
        await confirmCalendar(conversation, answer, deps, parsed.year);
        return;
      }
      const typed = await ask(
        conversation,
        ctx,
        (c) => {
          const text = c.message?.text?.trim();
          return text === undefined ? refuse(c.t(`admin.hint.${item}`)) : accept(text);
        },
        prompt ? { prompt } : {},
      );
      if (!typed) return;
      prompt = undefined;
      const answer = typed.ctx;
      const text = typed.value;
      const result = await run(
        conversation,
        (outer) => handleText(deps, { ...answer, actor: outer.actor } as InnerContext, item, text, today),
        { refusals: ADMIN_REFUSALS },
      );
      if (result === undefined) {
        await answer.reply(answer.t(`admin.hint.${item}`));
        continue;
      }
      if (result.kind === "document") {
        await answer.replyWithDocument(new InputFile(Buffer.from(result.content, "utf8"), result.fileName), { caption: result.text });
        return;
      }
      await answer.reply(result.text, result.keyboard ? { reply_markup: result.keyboard } : {});
      return;
    }
  };
}

type TextResult =
  | { kind: "message"; text: string; keyboard?: { inline_keyboard: { text: string; callback_data: string }[][] } }
  | { kind: "document"; text: string; content: string; fileName: string };

/** The typed value saved; undefined when the text does not fit at all. A refusal is thrown on. */
async function handleText(
  deps: BotDeps,
  ctx: InnerContext,
  item: AdminInput,
  text: string,
  today: LocalDate,
): Promise<TextResult | undefined> {
  const saved = (text: string): TextResult => ({ kind: "message", text });
  const actor = ctx.actor;
  switch (item) {
    case "name":
      await updateSchoolSettings(deps, { actor, change: { name: text } });
      return saved(ctx.t("school.saved"));
    case "officialName":
      await updateSchoolSettings(deps, { actor, change: { officialName: text } });
      return saved(ctx.t("school.saved"));
    case "address":
      await updateSchoolSettings(deps, { actor, change: { address: text } });
      return saved(ctx.t("school.saved"));
    case "director":
      await updateSchoolSettings(deps, { actor, change: { directorName: text } });
      return saved(ctx.t("school.saved"));
    case "timezone":
      await updateSchoolSettings(deps, { actor, change: { timezone: text } });
      return saved(ctx.t("school.saved"));
    case "hours": {
      const match = /^(\d{1,2})(?::00)?\s*[–—-]\s*(\d{1,2})(?::00)?$/.exec(text);
      if (!match) return undefined;
      await updateSchoolSettings(deps, { actor, change: { workStartHour: Number(match[1]), workEndHour: Number(match[2]) } });
      return saved(ctx.t("school.saved"));
    }
    case "digest": {
      const match = /^(\d{1,2})(?::00)?$/.exec(text);
      if (!match) return undefined;
      await updateSchoolSettings(deps, { actor, change: { digestHour: Number(match[1]) } });
      return saved(ctx.t("school.saved"));
    }
    case "vacation": {
      const range = parseDateRange(text, yearOf(today));
      if (!range) return undefined;
      await addVacation(deps, { actor, ...range });
      return saved(ctx.t("school.vacationAdded", { from: formatRussianDate(range.from), to: formatRussianDate(range.to) }));
    }
    case "auditRange": {
      const range = parseDateRange(text, yearOf(today));
      if (!range) return undefined;
      const { csv, rows } = await exportAudit(deps, { by: actor, ...range });
      return {
        kind: "document",
        text: ctx.t("export.auditCaption", { count: rows }),
        content: csv,
        fileName: `audit-${range.from}-${range.to}.csv`,
      };
    }
    case "student": {
      const query = searchNameOf(text);
      if (query.replace(/[^\p{L}]/gu, "").length < 2 || actor?.schoolId === undefined) return undefined;
      const students = await findStudentsToAdminister(deps, { actor, searchName: query });
      if (students.length === 0) return { kind: "message", text: ctx.t("admin.studentNotFound") };
      const keyboard = new InlineKeyboard();
      for (const s of students) {
        const left = s.leftOn ? ` (${ctx.t("privacy.leftMark", { date: formatRussianDate(s.leftOn) })})` : "";
        keyboard
          .text(`📄 ${s.fullName}, ${s.classLabel}${left}`, ADMIN_DATA.exportStudent.encode({ studentId: s.id }))
          .text(
            ctx.t(s.leftOn ? "privacy.buttons.returned" : "privacy.buttons.left"),
            (s.leftOn ? ADMIN_DATA.studentReturned : ADMIN_DATA.studentLeft).encode({ studentId: s.id }),
          )
          .text(ctx.t("privacy.buttons.erase"), ADMIN_DATA.eraseStudent.encode({ studentId: s.id }))
          .row();
      }
      return {
        kind: "message",
        text: ctx.t("admin.studentsFound"),
        keyboard: { inline_keyboard: keyboard.inline_keyboard as { text: string; callback_data: string }[][] },
      };
    }
    default:
      return undefined;
  }
}

/** The uploaded year shown back; applied only after «Применить». */
async function confirmCalendar(conversation: BotConversation, ctx: InnerContext, deps: BotDeps, year: ProductionYear): Promise<void> {
  const summary = ctx.t("admin.calendar.summary", {
    year: year.year,
    status: ctx.t(`admin.calendar.status.${year.status}`),
    source: year.source,
    holidays: year.holidays.length,
    nonWorking: year.fiveDayWeek.nonWorkingDays.length,
    working: year.fiveDayWeek.workingDays.map(formatRussianDate).join(", ") || "—",
  });
  const choices = choicesOf(DIALOGUE_CALLBACK, [{ label: ctx.t("admin.calendar.apply"), data: { action: "yes" }, value: "apply" }]);
  const keyboard = new InlineKeyboard()
    .text(ctx.t("admin.calendar.apply"), choices.buttons[0]!.data)
    .text(ctx.t("admin.calendar.cancel"), CANCEL_DATA);
  const applied = await askChoice(conversation, ctx, {
    prompt: { text: summary, keyboard },
    choices,
    hint: "admin.calendar.pressButton",
    cancelled: "admin.calendar.cancelled",
  });
  if (!applied) return;
  const answer = applied.ctx;
  await run(
    conversation,
    async (outer) => {
      await applyCalendarYear(deps, { actor: outer.actor, year });
    },
    { refusals: ADMIN_REFUSALS },
  );
  await answer.reply(answer.t("admin.calendar.applied", { year: year.year }));
}
