import type { BotConversation, InnerContext } from "../context.js";
import type { BotDeps } from "../deps.js";
import type { LocalDate } from "../../domain/dates.js";
import { can } from "../../app/access-policy.js";
import { getCaseCard } from "../../app/cases/get-case-card.js";
import { DIALOGUE_DATA } from "../views/callback-data.js";
import { refusalText } from "../views/case-errors.js";
import { caseTitle } from "../views/case-card-view.js";
import { fullDate } from "../views/format.js";
import { buildCaseCardMessage } from "../views/show-case-card.js";
import { askChoice, askDate } from "./kit/index.js";

/*
 * What the case dialogues share. Every database or clock call runs inside conversation.external
 * and returns plain JSON, so a dialogue replays the same way after a restart.
 */

/** The step a dialogue works on, as it stood when the dialogue began. */
export interface DialogueStep {
  caseId: number;
  subject: string;
  stepId: string;
  number: string;
  recurring: boolean;
  question?: { text: string; answers: { id: string; label: string }[] };
  openedOn: LocalDate;
  today: LocalDate;
}

export type Loaded<T> = { ok: true; value: T } | { ok: false; text: string };

/** The step at `index` of an open case the actor may work on, or why not. */
export async function loadDialogueStep(deps: BotDeps, ctx: InnerContext, caseId: number, index: number): Promise<Loaded<DialogueStep>> {
  const { t, lang, actor } = ctx;
  if (!actor) return { ok: false, text: t("card.unavailable") };
  try {
    const card = await getCaseCard(deps, { actor, caseId: String(caseId) });
    const resource = { schoolId: actor.schoolId ?? -1, teacherMemberId: Number(card.state.teacherId) };
    if (!can(actor, "completeStep", resource)) return { ok: false, text: t("common.notAllowed") };
    if (card.state.status !== "open") return { ok: false, text: t("caseErrors.caseClosed") };
    const step = card.regulation.steps[index];
    if (!step) return { ok: false, text: t("caseErrors.unknownStep") };
    if (card.state.steps[step.id]?.state !== "open") return { ok: false, text: t("caseErrors.stepAlreadyResolved") };
    return {
      ok: true,
      value: {
        caseId,
        subject: caseTitle(card),
        stepId: step.id,
        number: step.number,
        recurring: step.timing.kind === "recurring",
        ...(step.question
          ? {
              question: { text: step.question.text[lang], answers: step.question.answers.map((a) => ({ id: a.id, label: a.label[lang] })) },
            }
          : {}),
        openedOn: card.state.openedOn,
        today: card.today,
      },
    };
  } catch (error) {
    const text = refusalText(t, error);
    if (text === undefined) throw error;
    return { ok: false, text };
  }
}

/** Runs a change; a refusal comes back as its translated text instead of an exception. */
export async function attempt(ctx: InnerContext, run: () => Promise<unknown>): Promise<{ ok: true } | { ok: false; text: string }> {
  try {
    await run();
    return { ok: true };
  } catch (error) {
    const text = refusalText(ctx.t, error);
    if (text === undefined) throw error;
    ctx.log.info({ err: error }, "case change refused");
    return { ok: false, text };
  }
}

/** The answer to the step's question, when it asks one. */
export async function askStepAnswer(conversation: BotConversation, ctx: InnerContext, step: DialogueStep) {
  const question = step.question!;
  return askChoice(conversation, ctx, {
    prompt: question.text,
    choices: question.answers.map((a, i) => ({ label: a.label, data: DIALOGUE_DATA.answer(i), value: a.id })),
  });
}

/** A past date within the case: not after today, not before the case opened. */
export async function askPastDate(conversation: BotConversation, ctx: InnerContext, prompt: string, step: DialogueStep) {
  return askDate(conversation, ctx, {
    prompt,
    today: step.today,
    read: "past",
    check: (date, c) => {
      if (date > step.today) return c.t("caseErrors.dateInFuture") + " " + c.t("steps.dateBounds", bounds(step));
      if (date < step.openedOn) return c.t("caseErrors.dateBeforeOpening") + " " + c.t("steps.dateBounds", bounds(step));
      return undefined;
    },
  });
}

function bounds(step: DialogueStep) {
  return { from: fullDate(step.openedOn), to: fullDate(step.today) };
}

/** Ends a dialogue with a short confirmation and the case card, as a new message. */
export async function finishWithCard(
  conversation: BotConversation,
  ctx: InnerContext,
  deps: BotDeps,
  caseId: number,
  confirmation?: string,
) {
  const message = await conversation.external(() => buildCaseCardMessage(deps, ctx.actor, ctx.t, ctx.lang, caseId));
  if (confirmation) await ctx.reply(confirmation);
  if (message.ok) await ctx.reply(message.text, { reply_markup: message.reply_markup });
  else await ctx.reply(message.text);
}
