import { InlineKeyboard } from "grammy";
import type { BotConversation, InnerContext } from "../context.js";
import type { BotDeps } from "../deps.js";
import { agreeCouncil, councilToAgree } from "../../app/council/answer-council.js";
import { completeInformDeputyStep } from "../../app/council/council-steps.js";
import { mayRequestCouncil, requestCouncil } from "../../app/council/request-council.js";
import { getCaseCard } from "../../app/cases/get-case-card.js";
import { localDateIn } from "../../domain/dates.js";
import { momentInstant, parseMoment } from "../../app/meetings/propose-meeting.js";
import { COUNCIL_FORMS, type CouncilForm } from "../../domain/council/council-form.js";
import { getSchoolTimezone } from "../../app/people/get-school-timezone.js";
import { DIALOGUE_DATA } from "../views/callback-data.js";
import { refusalText } from "../views/case-errors.js";
import { councilWhen } from "../views/council-messages.js";
import { askChoice, askPlainText, askText, attempt, finishWithCard } from "./case-dialogue.js";

export const COUNCIL_REQUEST_CONVERSATION = "council-request";
export const COUNCIL_TIME_CONVERSATION = "council-time";

export const COUNCIL_REGULATIONS = ["interaction-4-council", "interaction-2-difficulty"];
const DATA = { form: (i: number) => `cnd:f:${i}`, done: "cnd:done" } as const;

type Start = { ok: true; studentId: number; today: string; timezone: string } | { ok: false; text: string };

/** The open section II/IV case with a student that the actor may see. */
export async function councilRequestStart(deps: BotDeps, ctx: InnerContext, caseId: number): Promise<Start> {
  const { actor, t } = ctx;
  if (!actor?.schoolId) return { ok: false, text: t("card.unavailable") };
  try {
    const card = await getCaseCard(deps, { actor, caseId: String(caseId) });
    if (card.state.status !== "open") return { ok: false, text: t("caseErrors.caseClosed") };
    if (!COUNCIL_REGULATIONS.includes(card.regulation.id) || !card.student) return { ok: false, text: t("council.notHere") };
    // requestCouncil's own rule, asked before the dialogue collects anything; a refusal is its answer.
    await mayRequestCouncil(deps, { actor, studentId: card.student.id });
    const timezone = await getSchoolTimezone(deps, { actor, schoolId: actor.schoolId });
    return { ok: true, studentId: card.student.id, today: card.today, timezone };
  } catch (error) {
    const text = refusalText(t, error);
    if (text === undefined) throw error;
    return { ok: false, text };
  }
}

/** IV.2: reason, form, 1–3 slots; then to the deputy, or first to the class teacher for consent. */
export function councilRequestConversation(deps: BotDeps) {
  return async function councilRequest(conversation: BotConversation, ctx: InnerContext, caseId: number) {
    const start = await conversation.external(() => councilRequestStart(deps, ctx, caseId));
    if (!start.ok) {
      await ctx.reply(start.text);
      return;
    }
    const reason = await askPlainText(conversation, ctx, ctx.t("council.askReason"), 1000);
    if (!reason) return;
    const form = await askChoice<CouncilForm>(
      conversation,
      reason.ctx,
      reason.ctx.t("council.askForm"),
      COUNCIL_FORMS.map((f, i) => ({ label: reason.ctx.t(`council.forms.${f}`), data: DATA.form(i), value: f })),
    );
    if (!form) return;
    let last = form.ctx;
    const slots: string[] = [];
    let prompt = last.t("council.askSlot");
    while (slots.length < 3) {
      const keyboard = new InlineKeyboard();
      if (slots.length > 0) keyboard.text(last.t("council.buttons.done"), DATA.done).row();
      keyboard.text(last.t("steps.cancelButton"), DIALOGUE_DATA.cancel);
      const typed = await askText(conversation, last, prompt, { max: 40, keyboard, accept: (next) => slots.length > 0 && next.callbackQuery?.data === DATA.done });
      if (!typed) return;
      if ("other" in typed) {
        await typed.other.answerCallbackQuery();
        last = typed.other;
        break;
      }
      last = typed.ctx;
      const parsed = parseMoment(typed.text, start.today);
      const at = parsed ? momentInstant(parsed, start.timezone) : undefined;
      const future = at ? await conversation.external(() => at.getTime() > deps.now().getTime()) : false;
      if (!at || !future) {
        prompt = last.t(at ? "council.slotInPast" : "council.badSlot");
        continue;
      }
      slots.push(at.toISOString());
      prompt = last.t("council.askMoreSlots", { when: councilWhen(last.t, at, start.timezone), count: slots.length });
    }
    const actor = last.actor;
    const sent = await conversation.external(async () => {
      let outcome: { pending: boolean; name?: string; reachable: boolean } | undefined;
      const result = await attempt(last, async () => {
        if (!actor) throw new Error("no actor");
        const request = await requestCouncil(deps, { actor, studentId: start.studentId, caseId, reason: reason.text, form: form.value, slots: slots.map((s) => new Date(s)) });
        const pending = request.teacherConsent === "pending";
        outcome = { pending, ...request.told };
      });
      return result.ok && outcome ? { ok: true as const, ...outcome } : { ok: false as const, text: result.ok ? last.t("common.error") : result.text };
    });
    if (!sent.ok) {
      await last.reply(sent.text);
      return;
    }
    const key = !sent.name ? "council.noRecipient" : !sent.reachable ? "council.unreachable" : sent.pending ? "council.sentForConsent" : "council.sentToDeputy";
    await finishWithCard(conversation, last, deps, caseId, last.t(key, { name: sent.name ?? "" }));
  };
}

/** «Другое время»: the deputy types the moment; the same as pressing a slot. */
export function councilTimeConversation(deps: BotDeps) {
  return async function councilTime(conversation: BotConversation, ctx: InnerContext, requestId: number) {
    const start = await conversation.external(async () => {
      const actor = ctx.actor;
      if (actor?.schoolId === undefined) return { ok: false as const, text: ctx.t("card.unavailable") };
      // agreeCouncil's own rule (the deputy for upbringing, after the consent), asked before the dialogue.
      const allowed = await attempt(ctx, () => councilToAgree(deps, { actor, requestId }));
      if (!allowed.ok) return allowed;
      const timezone = await getSchoolTimezone(deps, { actor, schoolId: actor.schoolId });
      return { ok: true as const, timezone, today: localDateIn(deps.now(), timezone) };
    });
    if (!start.ok) {
      await ctx.reply(start.text);
      return;
    }
    let last = ctx;
    let prompt = ctx.t("council.askOtherTime");
    for (;;) {
      const typed = await askPlainText(conversation, last, prompt, 40);
      if (!typed) return;
      last = typed.ctx;
      const parsed = parseMoment(typed.text, start.today);
      if (!parsed) {
        prompt = last.t("council.badSlot");
        continue;
      }
      const at = momentInstant(parsed, start.timezone);
      const actor = last.actor;
      const done = await conversation.external(() => agreeAndTell(deps, last, actor, requestId, at));
      await last.reply(done.text);
      if (done.ok || !done.retry) return;
    }
  };
}

/** Agrees the council at `at`, records step IV.2 where it applies, and tells the teacher. */
export async function agreeAndTell(deps: BotDeps, ctx: InnerContext, actor: InnerContext["actor"], requestId: number, at: Date): Promise<{ ok: boolean; text: string; retry?: boolean }> {
  if (at.getTime() <= deps.now().getTime()) return { ok: false, text: ctx.t("council.slotInPast"), retry: true };
  let agreed: Awaited<ReturnType<typeof agreeCouncil>> | undefined;
  const result = await attempt(ctx, async () => {
    if (!actor) throw new Error("no actor");
    agreed = await agreeCouncil(deps, { actor, requestId, at });
  });
  if (!result.ok || !agreed) return { ok: false, text: result.ok ? ctx.t("common.error") : result.text };
  try {
    await completeInformDeputyStep(deps, agreed);
  } catch (error) {
    // The agreement stands; the step can still be marked by hand.
    ctx.log.warn({ err: error, requestId }, "could not record step IV.2");
  }
  const timezone = await getSchoolTimezone(deps, { actor, schoolId: agreed.schoolId });
  return { ok: true, text: ctx.t("council.agreed", { form: ctx.t(`council.forms.${agreed.proposedForm}`), when: councilWhen(ctx.t, at, timezone) }) };
}
