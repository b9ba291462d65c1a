import { defineCallback, oneOf } from "../../app/callback-data.js";
import type { DeputyArea } from "../../domain/people/roles.js";
import type { BotConversation, InnerContext } from "../context.js";
import type { BotDeps } from "../deps.js";
import { askChoice, choicesOf, type Answer } from "./kit/index.js";

/*
 * /new, for a regulation whose deputy rule is "ask" (section II): is the difficulty about learning
 * (the deputy for learning, УВР) or behaviour (the deputy for upbringing, ВР)? Other regulations
 * name their deputy themselves and ask nothing. Buttons: "nda:l" learning, "nda:u" upbringing.
 */
const DEPUTY_AREA_CALLBACK = defineCallback("nda", { area: oneOf("l", "u") });

/** What the answer adds to the case being opened. */
export interface DeputyChoice {
  deputyArea?: DeputyArea;
}

/** The answer (nothing to add when the regulation does not ask); undefined on «Отмена». */
export async function askDeputyArea(
  conversation: BotConversation,
  ctx: InnerContext,
  deps: BotDeps,
  regulationId: string,
): Promise<Answer<DeputyChoice> | undefined> {
  if (deps.regulations.current(regulationId).deputy !== "ask") return { value: {}, ctx };
  const answer = await askChoice(conversation, ctx, {
    prompt: ctx.t("newCase.askDeputyArea"),
    choices: choicesOf(DEPUTY_AREA_CALLBACK, [
      { label: ctx.t("newCase.deputyAreas.learning"), data: { area: "l" as const }, value: "learning" as const },
      { label: ctx.t("newCase.deputyAreas.upbringing"), data: { area: "u" as const }, value: "upbringing" as const },
    ]),
    hint: "newCase.pressButton",
    dropButtons: true,
  });
  return answer ? { value: { deputyArea: answer.value }, ctx: answer.ctx } : undefined;
}
