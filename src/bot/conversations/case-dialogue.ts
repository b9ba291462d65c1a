import type { BotConversation, InnerContext } from "../context.js";
import type { BotDeps } from "../deps.js";
import type { LocalDate } from "../../domain/dates.js";
import type { Actor } from "../../app/actor.js";
import { getOpenStep } from "../../app/cases/get-open-step.js";
import { markStep } from "../../app/cases/mark-step.js";
import { stepRefusalOffers } from "../views/refusal-offers.js";
import type { Language } from "../../i18n.js";
import { DIALOGUE_CALLBACK } from "../views/callback-data.js";
import { caseTitle } from "../views/case-card-view.js";
import { fullDate } from "../views/format.js";
import { buildCaseCardMessage } from "../views/show-case-card.js";
import { askChoice, askDate, choicesOf, requireActor, run } from "./kit/index.js";

/*
 * What the case dialogues share. Every database or clock call runs through the kit's `run` (inside
 * conversation.external) and returns plain JSON, so a dialogue replays the same way after a
 * restart. A refusal ends the dialogue and is said by the error boundary.
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

/** The step at `index` of an open case the actor may work on; a refusal otherwise (the use case asks the policy). */
export async function loadDialogueStep(
  deps: BotDeps,
  ctx: { actor: Actor | undefined; lang: Language },
  caseId: number,
  index: number,
): Promise<DialogueStep> {
  const { card, step } = await getOpenStep(deps, { actor: requireActor(ctx), caseId: String(caseId), stepIndex: index });
  const { lang } = ctx;
  return {
    caseId,
    subject: caseTitle(card),
    stepId: step.id,
    number: step.number,
    recurring: step.timing.kind === "recurring",
    ...(step.question
      ? { question: { text: step.question.text[lang], answers: step.question.answers.map((a) => ({ id: a.id, label: a.label[lang] })) } }
      : {}),
    openedOn: card.state.openedOn,
    today: card.today,
  };
}

/** The answer to the step's question, when it asks one. */
export async function askStepAnswer(conversation: BotConversation, ctx: InnerContext, step: DialogueStep) {
  const question = step.question!;
  return askChoice(conversation, ctx, {
    prompt: question.text,
    choices: choicesOf(
      DIALOGUE_CALLBACK,
      question.answers.map((a, i) => ({ label: a.label, data: { action: "a" as const, index: i }, value: a.id })),
    ),
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
  // The confirmation first: the change is saved even if the card cannot be shown now.
  if (confirmation) await ctx.reply(confirmation);
  const message = await run(conversation, () => buildCaseCardMessage(deps, ctx.actor, ctx.t, ctx.lang, caseId));
  if (message.ok) await ctx.reply(message.text, { reply_markup: message.reply_markup });
  else await ctx.reply(message.text);
}

/**
 * Marks the dialogue's step with what was typed (a comment or a date): the step's answer is asked
 * first when it has a question. The context to reply on, or undefined when the teacher left.
 */
export async function markFromDialogue(
  conversation: BotConversation,
  ctx: InnerContext,
  deps: BotDeps,
  step: DialogueStep,
  typed: { note: string } | { on: LocalDate },
): Promise<InnerContext | undefined> {
  let last = ctx;
  let answer: string | undefined;
  if (step.question) {
    const chosen = await askStepAnswer(conversation, last, step);
    if (!chosen) return undefined;
    answer = chosen.value;
    last = chosen.ctx;
  }
  await run(
    conversation,
    (outer) =>
      markStep(deps, {
        actor: requireActor(outer),
        caseId: String(step.caseId),
        stepId: step.stepId,
        recurring: step.recurring,
        ...typed,
        ...(answer ? { answer } : {}),
      }),
    { offers: stepRefusalOffers(last.t, step.caseId) },
  );
  return last;
}
