import type { BotConversation, InnerContext } from "../context.js";
import type { BotDeps } from "../deps.js";
import { logMeasure, MEASURE_PERSON_MAX, MEASURE_RESULT_MAX, MEASURE_WHAT_MAX } from "../../app/difficulty/log-measure.js";
import { measureLine } from "../../documents/measure-line.js";
import type { LocalDate } from "../../domain/dates.js";
import { MEASURE_PARTNERS, measureFormsOf } from "../../domain/difficulty/measure-partner.js";
import { DIALOGUE_CALLBACK } from "../views/callback-data.js";
import { fullDate } from "../views/format.js";
import { loadCardModel } from "../views/show-case-card.js";
import { finishWithCard } from "./case-dialogue.js";
import { askChoice, askDate, askText, choicesOf, quote, requireActor, run } from "./kit/index.js";
import { defineCallback, int, oneOf, optional } from "../../app/callback-data.js";

export const MEASURE_CONVERSATION = "difficulty-measure";

/**
 * Buttons of the section II dialogues (measures and the memo): with whom (dfd:w:<i>), the form
 * (dfd:f:<i>), «Сегодня» (dfd:today), «Прошу провести встречу» (dfd:rq), «Пропустить» (dfd:skip).
 */
export const DIFFICULTY_DIALOGUE_CALLBACK = defineCallback("dfd", {
  action: oneOf("w", "f", "today", "rq", "skip"),
  index: optional(int(99)),
});

interface MeasureStart {
  ok: true;
  today: LocalDate;
  openedOn: LocalDate;
}

/** The difficulty case the actor may work on, with what the questions need; a refusal goes on to the error boundary. */
export async function measureDialogueStart(
  deps: BotDeps,
  ctx: Pick<InnerContext, "actor" | "t">,
  caseId: number,
): Promise<MeasureStart | { ok: false; text: string }> {
  const { actor, t } = ctx;
  if (!actor) return { ok: false, text: t("card.unavailable") };
  const model = await loadCardModel(deps, actor, caseId);
  if (!model.canAct) return { ok: false, text: t("common.notAllowed") };
  if (model.card.state.status !== "open") return { ok: false, text: t("caseErrors.caseClosed") };
  if (model.card.regulation.id !== "interaction-2-difficulty") return { ok: false, text: t("difficulty.notDifficulty") };
  return { ok: true, today: model.card.today, openedOn: model.card.state.openedOn };
}

/**
 * Measures of step II.1, one after another: with whom (and the named person, unless it is the child),
 * what, when, in which of that partner's forms, and the result when there is one.
 */
export function measureConversation(deps: BotDeps) {
  return async function measure(conversation: BotConversation, ctx: InnerContext, caseId: number) {
    const start = await run(conversation, () => measureDialogueStart(deps, ctx, caseId));
    if (!start.ok) {
      await ctx.reply(start.text);
      return;
    }
    let last = ctx;
    let count = 0;
    for (;;) {
      const partner = await askChoice(conversation, last, {
        prompt: last.t("difficulty.askWithWhom"),
        choices: choicesOf(
          DIFFICULTY_DIALOGUE_CALLBACK,
          MEASURE_PARTNERS.map((p, i) => ({
            label: last.t(`difficulty.partners.${p}`),
            data: { action: "w" as const, index: i },
            value: p,
          })),
        ),
      });
      if (!partner) return;
      let person: string | undefined;
      let before = partner.ctx;
      if (partner.value !== "student") {
        const named = await askOptionalLine(conversation, before, "difficulty.askPerson", MEASURE_PERSON_MAX);
        if (!named) return;
        person = named.value;
        before = named.ctx;
      }
      const what = await askText(conversation, before, { prompt: before.t("difficulty.askWhat"), max: MEASURE_WHAT_MAX });
      if (!what) return;
      const when = await askWhen(conversation, what.ctx, start);
      if (!when) return;
      last = when.ctx;
      // Only the forms a measure with this partner takes (a meeting with a mother is not «наблюдение»).
      const chosen = await askChoice(conversation, last, {
        prompt: last.t("difficulty.askForm"),
        choices: choicesOf(
          DIFFICULTY_DIALOGUE_CALLBACK,
          measureFormsOf(partner.value).map((f, i) => ({
            label: last.t(`forms.${f}`),
            data: { action: "f" as const, index: i },
            value: f,
          })),
        ),
      });
      if (!chosen) return;
      const form = chosen.value;
      const outcome = await askOptionalLine(conversation, chosen.ctx, "difficulty.askResult", MEASURE_RESULT_MAX);
      if (!outcome) return;
      last = outcome.ctx;
      const measure = {
        withWhom: partner.value,
        what: what.value,
        on: when.date,
        form,
        ...(person ? { person } : {}),
        ...(outcome.value ? { result: outcome.value } : {}),
      };
      await run(conversation, async (outer) => {
        await logMeasure(deps, { actor: requireActor(outer), caseId: String(caseId), ...measure });
      });
      count++;
      await last.reply(last.t("difficulty.measureSaved", { line: quote(measureLine(last.t, measure), 1500) }));
      const next = await askChoice(conversation, last, {
        prompt: last.t("difficulty.askMore"),
        choices: choicesOf(DIALOGUE_CALLBACK, [
          { label: last.t("difficulty.buttons.more"), data: { action: "more" }, value: "more" },
          { label: last.t("difficulty.buttons.finish"), data: { action: "finish" }, value: "finish" },
        ]),
        cancelButton: false,
      });
      if (!next) return;
      last = next.ctx;
      if (next.value === "finish") break;
    }
    await finishWithCard(conversation, last, deps, caseId, last.t("difficulty.measuresDone", { count }));
  };
}

/** A typed line or «Пропустить» (value undefined); undefined altogether on «Отмена». */
async function askOptionalLine(
  conversation: BotConversation,
  ctx: InnerContext,
  promptKey: string,
  max: number,
): Promise<{ value: string | undefined; ctx: InnerContext } | undefined> {
  const answer = await askText(conversation, ctx, {
    prompt: ctx.t(promptKey),
    max,
    or: choicesOf(DIFFICULTY_DIALOGUE_CALLBACK, [
      { label: ctx.t("difficulty.buttons.skip"), data: { action: "skip" }, value: "skip" as const },
    ]),
  });
  if (!answer) return undefined;
  return { value: "pressed" in answer ? undefined : answer.value, ctx: answer.ctx };
}

/** When: «Сегодня» or a typed date within the case. */
async function askWhen(
  conversation: BotConversation,
  ctx: InnerContext,
  start: MeasureStart,
): Promise<{ date: LocalDate; ctx: InnerContext } | undefined> {
  const answer = await askDate(conversation, ctx, {
    prompt: ctx.t("difficulty.askWhen"),
    today: start.today,
    read: "past",
    check: (date, c) =>
      date <= start.today && date >= start.openedOn
        ? undefined
        : c.t("steps.dateBounds", { from: fullDate(start.openedOn), to: fullDate(start.today) }),
    or: choicesOf(DIFFICULTY_DIALOGUE_CALLBACK, [
      { label: ctx.t("difficulty.buttons.today"), data: { action: "today" }, value: "today" as const },
    ]),
  });
  if (!answer) return undefined;
  return { date: "pressed" in answer ? start.today : answer.value, ctx: answer.ctx };
}
