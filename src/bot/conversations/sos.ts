import { InlineKeyboard } from "grammy";
import type { BotConversation, InnerContext } from "../context.js";
import type { BotDeps } from "../deps.js";
import { AppError } from "../../app/app-error.js";
import { raiseSos } from "../../app/sos/raise-sos.js";
import { SOS_SITUATIONS, SOS_TEXT_MAX } from "../../app/sos/sos-situations.js";
import { findStudentFor, normalizeStudentQuery, searchStudents } from "../../app/students/search-students.js";
import { mainMenuItem } from "../features/main-menu.js";

export const SOS_CONVERSATION = "sos";

/*
 * /sos: the situation (buttons), the student (a surname, or «Без ученика»), one line of what
 * happened — then the alert goes out at once. No confirmation step: speed matters more here.
 * Dialogue buttons carry "sq:"; the alert's own buttons ("sos:") are handled outside dialogues.
 */

type Answer = { kind: "text"; ctx: InnerContext; text: string } | { kind: "button"; ctx: InnerContext; data: string };

async function nextAnswer(conversation: BotConversation, deps: BotDeps, hintKey: string, acceptText: boolean): Promise<Answer> {
  for (;;) {
    const c = await conversation.wait();
    const data = c.callbackQuery?.data;
    if (data?.startsWith("sq:")) return { kind: "button", ctx: c, data };
    if (c.callbackQuery) {
      await c.answerCallbackQuery({ text: c.t("sos.finishFirst") });
      continue;
    }
    const text = c.message?.text;
    if (text !== undefined && (text.startsWith("/") || mainMenuItem(deps.i18n, text))) await conversation.halt({ next: true });
    if (text !== undefined && acceptText) return { kind: "text", ctx: c, text };
    await c.reply(c.t(hintKey));
  }
}

export function sosConversation(deps: BotDeps) {
  return async function sos(conversation: BotConversation, ctx: InnerContext) {
    const kinds = new InlineKeyboard();
    SOS_SITUATIONS.forEach((kind, i) => kinds.text(ctx.t(`sos.situations.${kind}`), `sq:k:${i}`).row());
    await ctx.reply(ctx.t("sos.askKind"), { reply_markup: kinds });
    let kind: string | undefined;
    let c = ctx;
    while (!kind) {
      const answer = await nextAnswer(conversation, deps, "sos.askKindHint", false);
      c = answer.ctx;
      const index = answer.kind === "button" ? /^sq:k:(\d)$/.exec(answer.data)?.[1] : undefined;
      kind = index !== undefined ? SOS_SITUATIONS[Number(index)] : undefined;
      await c.answerCallbackQuery(kind ? {} : { text: c.t("sos.staleButton") });
    }
    await c.editMessageReplyMarkup().catch(() => undefined);

    const noStudent = () => new InlineKeyboard().text(c.t("sos.noStudent"), "sq:ns");
    await c.reply(c.t("sos.askStudent", { situation: c.t(`sos.situations.${kind}`) }), { reply_markup: noStudent() });
    let studentId: number | undefined;
    for (;;) {
      const answer = await nextAnswer(conversation, deps, "sos.askStudentHint", true);
      c = answer.ctx;
      const actor = c.actor;
      if (!actor) return;
      if (answer.kind === "text") {
        const query = normalizeStudentQuery(answer.text);
        const found = query ? await conversation.external(() => searchStudents(deps, { actor, query, purpose: "openCase" })) : { students: [], more: false };
        if (found.students.length === 0) {
          await c.reply(c.t("sos.studentNotFound"), { reply_markup: noStudent() });
          continue;
        }
        const keyboard = new InlineKeyboard();
        for (const s of found.students) keyboard.text(`${s.fullName}, ${s.classLabel}`, `sq:s:${s.id}`).row();
        keyboard.text(c.t("sos.noStudent"), "sq:ns");
        await c.reply(c.t("sos.pickStudent"), { reply_markup: keyboard });
        continue;
      }
      if (answer.data === "sq:ns") {
        await c.answerCallbackQuery();
        break;
      }
      const picked = /^sq:s:(\d{1,9})$/.exec(answer.data);
      const student = picked ? await conversation.external(() => findStudentFor(deps, { actor, studentId: Number(picked[1]), purpose: "openCase" })) : undefined;
      if (!student) {
        await c.answerCallbackQuery({ text: c.t("sos.staleButton") });
        continue;
      }
      await c.answerCallbackQuery();
      studentId = student.id;
      break;
    }
    await c.editMessageReplyMarkup().catch(() => undefined);

    await c.reply(c.t("sos.askText"));
    let text = "";
    while (!text) {
      const answer = await nextAnswer(conversation, deps, "sos.askTextHint", true);
      c = answer.ctx;
      if (answer.kind === "button") {
        await c.answerCallbackQuery({ text: c.t("sos.staleButton") });
        continue;
      }
      text = answer.text.trim();
      if (!text) await c.reply(c.t("sos.askTextHint"));
    }

    const actor = c.actor;
    if (!actor) return;
    const raised = await conversation.external(async () => {
      try {
        return { ok: true as const, ...(await raiseSos(deps, { actor, kind, text, ...(studentId !== undefined ? { studentId } : {}) })) };
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        c.log.warn({ err: error }, "emergency alert refused");
        return { ok: false as const, code: error.code };
      }
    });
    if (!raised.ok) {
      await c.reply(c.t(raised.code === "forbidden" ? "sos.notAllowed" : "sos.failed"));
      return;
    }
    const lines = [raised.recipients > 0 ? c.t("sos.sent", { count: raised.recipients }) : c.t("sos.sentNobody")];
    if (text.length > SOS_TEXT_MAX) lines.push(c.t("sos.textCut", { max: SOS_TEXT_MAX }));
    await c.reply(lines.join("\n"));
  };
}
