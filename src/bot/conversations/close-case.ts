import type { BotConversation, InnerContext } from "../context.js";
import type { BotDeps } from "../deps.js";
import { can } from "../../app/access-policy.js";
import { closeCase } from "../../app/cases/close-case.js";
import { getCaseCard } from "../../app/cases/get-case-card.js";
import { DIALOGUE_CALLBACK } from "../views/callback-data.js";
import { caseTitle } from "../views/case-card-view.js";
import { NOTE_REASON } from "../views/close-reasons.js";
import { finishWithCard } from "./case-dialogue.js";
import { askChoice, askText, choicesOf, quote, requireActor, run } from "./kit/index.js";

export const CLOSE_CASE_CONVERSATION = "close-case";

/** The case's title, when it is open and the actor may close it; why not otherwise. */
async function loadClosable(
  deps: BotDeps,
  ctx: InnerContext,
  caseId: number,
): Promise<{ ok: true; subject: string } | { ok: false; text: string }> {
  const { actor, t } = ctx;
  if (!actor) return { ok: false, text: t("card.unavailable") };
  const card = await getCaseCard(deps, { actor, caseId: String(caseId) });
  if (!can(actor, "closeCase", { schoolId: actor.schoolId ?? -1, teacherMemberId: Number(card.state.teacherId) })) {
    return { ok: false, text: t("common.notAllowed") };
  }
  if (card.state.status !== "open") return { ok: false, text: t("caseErrors.caseClosed") };
  return { ok: true, subject: caseTitle(card) };
}

/** Closing for «другое»: the teacher types the reason in their own words, then confirms. */
export function closeCaseConversation(deps: BotDeps) {
  return async function closeCaseDialogue(conversation: BotConversation, ctx: InnerContext, caseId: number) {
    const loaded = await run(conversation, () => loadClosable(deps, ctx, caseId));
    if (!loaded.ok) {
      await ctx.reply(loaded.text);
      return;
    }
    const typed = await askText(conversation, ctx, { prompt: ctx.t("close.askNote"), max: 500 });
    if (!typed) return;
    const prompt = typed.ctx.t("close.confirm", { subject: loaded.subject, reason: quote(typed.value) });
    const confirmed = await askChoice(conversation, typed.ctx, {
      prompt,
      choices: choicesOf(DIALOGUE_CALLBACK, [{ label: typed.ctx.t("close.yes"), data: { action: "yes" }, value: "yes" }]),
    });
    if (!confirmed) return;
    const last = confirmed.ctx;
    await run(conversation, (outer) =>
      closeCase(deps, { actor: requireActor(outer), caseId: String(caseId), reason: NOTE_REASON, note: typed.value }),
    );
    await finishWithCard(conversation, last, deps, caseId, last.t("close.closed"));
  };
}
