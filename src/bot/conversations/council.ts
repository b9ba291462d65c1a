import type { BotConversation, InnerContext } from "../context.js";
import type { BotDeps } from "../deps.js";
import { agreeCouncil, councilToAgree } from "../../app/council/answer-council.js";
import { completeInformDeputyStep } from "../../app/council/council-steps.js";
import { mayRequestCouncil, requestCouncil } from "../../app/council/request-council.js";
import { getCaseCard } from "../../app/cases/get-case-card.js";
import { localDateIn } from "../../domain/dates.js";
import { COUNCIL_FORMS } from "../../domain/council/council-form.js";
import { getSchoolTimezone } from "../../app/people/get-school-timezone.js";
import { councilWhen } from "../views/council-messages.js";
import type { Actor } from "../../app/actor.js";
import { finishWithCard } from "./case-dialogue.js";
import { defineCallback, int, oneOf, optional } from "../../app/callback-data.js";
import {
  askChoice,
  askText,
  askTime,
  choicesOf,
  requireActor,
  run,
  type Answer,
  type Moment,
  type Pressed,
  type Prompt,
} from "./kit/index.js";

export const COUNCIL_REQUEST_CONVERSATION = "council-request";
export const COUNCIL_TIME_CONVERSATION = "council-time";

export const COUNCIL_REGULATIONS = ["interaction-4-council", "interaction-2-difficulty"];
/** The request dialogue's buttons: the form (cnd:f:<i>), «Готово» after the slots (cnd:done). */
const COUNCIL_DIALOGUE_CALLBACK = defineCallback("cnd", { action: oneOf("f", "done"), index: optional(int(9)) });

type Start = { ok: true; studentId: number; today: string; timezone: string } | { ok: false; text: string };

/** The open section II/IV case with a student that the actor may see; a refusal goes on to the error boundary. */
export async function councilRequestStart(deps: BotDeps, ctx: Pick<InnerContext, "actor" | "t">, caseId: number): Promise<Start> {
  const { actor, t } = ctx;
  if (!actor?.schoolId) return { ok: false, text: t("card.unavailable") };
  const card = await getCaseCard(deps, { actor, caseId: String(caseId) });
  if (card.state.status !== "open") return { ok: false, text: t("caseErrors.caseClosed") };
  if (!COUNCIL_REGULATIONS.includes(card.regulation.id) || !card.student) return { ok: false, text: t("council.notHere") };
  // requestCouncil's own rule, asked before the dialogue collects anything; a refusal is its answer.
  await mayRequestCouncil(deps, { actor, studentId: card.student.id });
  const timezone = await getSchoolTimezone(deps, { actor, schoolId: actor.schoolId });
  return { ok: true, studentId: card.student.id, today: card.today, timezone };
}

/** IV.2: reason, form, 1–3 slots; then to the deputy, or first to the class teacher for consent. */
export function councilRequestConversation(deps: BotDeps) {
  return async function councilRequest(conversation: BotConversation, ctx: InnerContext, caseId: number) {
    const start = await run(conversation, () => councilRequestStart(deps, ctx, caseId));
    if (!start.ok) {
      await ctx.reply(start.text);
      return;
    }
    const typedReason = await askText(conversation, ctx, { prompt: ctx.t("council.askReason"), max: 1000 });
    if (!typedReason) return;
    const reason = { text: typedReason.value, ctx: typedReason.ctx };
    const form = await askChoice(conversation, reason.ctx, {
      prompt: reason.ctx.t("council.askForm"),
      choices: choicesOf(
        COUNCIL_DIALOGUE_CALLBACK,
        COUNCIL_FORMS.map((f, i) => ({ label: reason.ctx.t(`council.forms.${f}`), data: { action: "f" as const, index: i }, value: f })),
      ),
    });
    if (!form) return;
    let last = form.ctx;
    const slots: string[] = [];
    let prompt: string | Prompt = last.t("council.askSlot");
    // One to three times; «Готово» after the first.
    while (slots.length < 3) {
      const done = choicesOf(
        COUNCIL_DIALOGUE_CALLBACK,
        slots.length > 0 ? [{ label: last.t("council.buttons.done"), data: { action: "done" as const }, value: "done" as const }] : [],
      );
      const slot: Answer<Moment> | Pressed<"done"> | undefined = await askTime(conversation, last, {
        prompt,
        today: start.today,
        timezone: start.timezone,
        badTime: "council.badSlot",
        future: { now: deps.now, inPast: "council.slotInPast" },
        or: done,
      });
      if (!slot) return;
      last = slot.ctx;
      if ("pressed" in slot) break;
      const at: Date = new Date(slot.value.at);
      slots.push(slot.value.at);
      prompt = last.t("council.askMoreSlots", { when: councilWhen(last.t, at, start.timezone), count: slots.length });
    }
    const sent = await run(conversation, async (outer) => {
      const request = await requestCouncil(deps, {
        actor: requireActor(outer),
        studentId: start.studentId,
        caseId,
        reason: reason.text,
        form: form.value,
        slots: slots.map((s) => new Date(s)),
      });
      return { pending: request.teacherConsent === "pending", ...request.told };
    });
    const key = !sent.name
      ? "council.noRecipient"
      : !sent.reachable
        ? "council.unreachable"
        : sent.pending
          ? "council.sentForConsent"
          : "council.sentToDeputy";
    await finishWithCard(conversation, last, deps, caseId, last.t(key, { name: sent.name ?? "" }));
  };
}

/** «Другое время»: the deputy types the moment; the same as pressing a slot. */
export function councilTimeConversation(deps: BotDeps) {
  return async function councilTime(conversation: BotConversation, ctx: InnerContext, requestId: number) {
    const start = await run(conversation, async () => {
      const actor = ctx.actor;
      if (actor?.schoolId === undefined) return { ok: false as const, text: ctx.t("card.unavailable") };
      // agreeCouncil's own rule (the deputy for upbringing, after the consent), asked before the dialogue.
      await councilToAgree(deps, { actor, requestId });
      const timezone = await getSchoolTimezone(deps, { actor, schoolId: actor.schoolId });
      return { ok: true as const, timezone, today: localDateIn(deps.now(), timezone) };
    });
    if (!start.ok) {
      await ctx.reply(start.text);
      return;
    }
    let last = ctx;
    // Agreeing checks the moment again (not in the past): then the question stands.
    for (;;) {
      const typed = await askTime(conversation, last, {
        prompt: last.t("council.askOtherTime"),
        today: start.today,
        timezone: start.timezone,
        badTime: "council.badSlot",
      });
      if (!typed) return;
      last = typed.ctx;
      const at = new Date(typed.value.at);
      const answer = last;
      const done = await run(conversation, (outer) => agreeAndTell(deps, answer, requireActor(outer), requestId, at));
      await last.reply(done.text);
      if (done.ok) return;
    }
  };
}

/**
 * Agrees the council at `at`, records step IV.2 where it applies, and tells the teacher. A moment
 * already past is not agreed (ok: false, ask again); a refusal goes on to the error boundary.
 */
export async function agreeAndTell(
  deps: BotDeps,
  ctx: Pick<InnerContext, "t" | "log">,
  actor: Actor,
  requestId: number,
  at: Date,
): Promise<{ ok: boolean; text: string }> {
  if (at.getTime() <= deps.now().getTime()) return { ok: false, text: ctx.t("council.slotInPast") };
  const agreed = await agreeCouncil(deps, { actor, requestId, at });
  try {
    await completeInformDeputyStep(deps, agreed);
  } catch (error) {
    // The agreement stands; the step can still be marked by hand.
    ctx.log.warn({ err: error, requestId }, "could not record step IV.2");
  }
  const timezone = await getSchoolTimezone(deps, { actor, schoolId: agreed.schoolId });
  return {
    ok: true,
    text: ctx.t("council.agreed", { form: ctx.t(`council.forms.${agreed.proposedForm}`), when: councilWhen(ctx.t, at, timezone) }),
  };
}
