import { InlineKeyboard } from "grammy";
import type { BotConversation, InnerContext } from "../context.js";
import type { BotDeps } from "../deps.js";
import { raiseSos } from "../../app/sos/raise-sos.js";
import { SOS_SITUATIONS, SOS_TEXT_MAX } from "../../app/sos/sos-situations.js";
import { findStudentFor, normalizeStudentQuery, searchStudents } from "../../app/students/search-students.js";
import { defineCallback, int, oneOf, optional } from "../../app/callback-data.js";
import { accept, ask, askChoice, askText, choicesOf, dropButtons, refuse, run, type Prompt, type Reading } from "./kit/index.js";

export const SOS_CONVERSATION = "sos";

/** A message's most; the alert says when it kept only the first SOS_TEXT_MAX characters. */
const TELEGRAM_TEXT_MAX = 4096;

/*
 * /sos: the situation (buttons), the student (a surname, or «Без ученика»), one line of what
 * happened — then the alert goes out at once. No confirmation step: speed matters more here.
 * Dialogue buttons carry "sq:"; the alert's own buttons ("sos:") are handled outside dialogues.
 */

/** The dialogue's buttons: the situation (sq:k:<index>), «Без ученика» (sq:ns), a student found (sq:s:<id>). */
const SOS_DIALOGUE_CALLBACK = defineCallback("sq", { action: oneOf("k", "ns", "s"), id: optional(int()) });
const NO_STUDENT = SOS_DIALOGUE_CALLBACK.encode({ action: "ns" });

/** A refused alert: not the actor's to raise, or anything else that kept it from going out. */
const SOS_REFUSALS = { forbidden: "sos.notAllowed", other: "sos.failed" } as const;

/** A button that is not an answer here: an earlier question's («sq:»), or another feature's. */
function buttonHint(data: string, c: InnerContext): string {
  return c.t(data.startsWith(`${SOS_DIALOGUE_CALLBACK.prefix}:`) ? "sos.staleButton" : "sos.finishFirst");
}

type StudentAnswer = { kind: "typed"; text: string } | { kind: "none" } | { kind: "student"; id: number };

function readStudent(c: InnerContext): Reading<StudentAnswer> {
  const data = c.callbackQuery?.data;
  if (data !== undefined) {
    const pressed = SOS_DIALOGUE_CALLBACK.decode(data);
    if (pressed?.action === "ns" && pressed.id === undefined) return accept({ kind: "none" });
    if (pressed?.action === "s" && pressed.id !== undefined) return accept({ kind: "student", id: pressed.id });
    return refuse(buttonHint(data, c));
  }
  const text = c.message?.text;
  return text === undefined ? refuse(c.t("sos.askStudentHint")) : accept({ kind: "typed", text });
}

export function sosConversation(deps: BotDeps) {
  return async function sos(conversation: BotConversation, ctx: InnerContext) {
    const situation = await askChoice(conversation, ctx, {
      prompt: ctx.t("sos.askKind"),
      choices: choicesOf(
        SOS_DIALOGUE_CALLBACK,
        SOS_SITUATIONS.map((kind, i) => ({ label: ctx.t(`sos.situations.${kind}`), data: { action: "k" as const, id: i }, value: kind })),
      ),
      cancelButton: false,
      dropButtons: true,
      hint: "sos.askKindHint",
      buttonHint,
    });
    if (!situation) return;
    const kind = situation.value;
    let c = situation.ctx;

    const noStudent = () => new InlineKeyboard().text(c.t("sos.noStudent"), NO_STUDENT);
    let prompt: Prompt | undefined = { text: c.t("sos.askStudent", { situation: c.t(`sos.situations.${kind}`) }), keyboard: noStudent() };
    let studentId: number | undefined;
    // A surname shows the students found (or says none was); the question stands until one is picked.
    for (;;) {
      const answer = await ask(conversation, c, readStudent, prompt ? { prompt } : {});
      if (!answer) return;
      prompt = undefined;
      c = answer.ctx;
      const actor = c.actor;
      if (!actor) return;
      const value = answer.value;
      if (value.kind === "typed") {
        const query = normalizeStudentQuery(value.text);
        const found = query
          ? await run(conversation, () => searchStudents(deps, { actor, query, purpose: "openCase" }), { refusals: SOS_REFUSALS })
          : { students: [], more: false };
        if (found.students.length === 0) {
          await c.reply(c.t("sos.studentNotFound"), { reply_markup: noStudent() });
          continue;
        }
        const keyboard = new InlineKeyboard();
        for (const s of found.students)
          keyboard.text(`${s.fullName}, ${s.classLabel}`, SOS_DIALOGUE_CALLBACK.encode({ action: "s", id: s.id })).row();
        keyboard.text(c.t("sos.noStudent"), NO_STUDENT);
        await c.reply(c.t("sos.pickStudent"), { reply_markup: keyboard });
        continue;
      }
      if (value.kind === "none") {
        await c.answerCallbackQuery();
        break;
      }
      const student = await run(conversation, () => findStudentFor(deps, { actor, studentId: value.id, purpose: "openCase" }), {
        refusals: SOS_REFUSALS,
      });
      if (!student) {
        await c.answerCallbackQuery({ text: c.t("sos.staleButton") });
        continue;
      }
      await c.answerCallbackQuery();
      studentId = student.id;
      break;
    }
    await dropButtons(c);

    const typed = await askText(conversation, c, {
      prompt: c.t("sos.askText"),
      max: TELEGRAM_TEXT_MAX,
      cancelButton: false,
      hint: "sos.askTextHint",
      buttonHint,
    });
    if (!typed) return;
    c = typed.ctx;
    const text = typed.value;

    const actor = c.actor;
    if (!actor) return;
    const raised = await run(conversation, () => raiseSos(deps, { actor, kind, text, ...(studentId !== undefined ? { studentId } : {}) }), {
      refusals: SOS_REFUSALS,
    });
    const lines = [raised.recipients > 0 ? c.t("sos.sent", { count: raised.recipients }) : c.t("sos.sentNobody")];
    if (text.length > SOS_TEXT_MAX) lines.push(c.t("sos.textCut", { max: SOS_TEXT_MAX }));
    await c.reply(lines.join("\n"));
  };
}
