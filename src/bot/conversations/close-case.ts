import type { BotConversation, InnerContext } from "../context.js";
import type { BotDeps } from "../deps.js";
import { can } from "../../app/access-policy.js";
import { closeCase } from "../../app/cases/close-case.js";
import { getCaseCard } from "../../app/cases/get-case-card.js";
import { DIALOGUE_DATA } from "../views/callback-data.js";
import { caseTitle } from "../views/case-card-view.js";
import { refusalText } from "../views/case-errors.js";
import { NOTE_REASON } from "../views/close-reasons.js";
import { attempt, finishWithCard, type Loaded } from "./case-dialogue.js";
import { askChoice, askText, quote } from "./kit/index.js";

export const CLOSE_CASE_CONVERSATION = "close-case";

/** The case's title, when it is open and the actor may close it. */
async function loadClosable(deps: BotDeps, ctx: InnerContext, caseId: number): Promise<Loaded<string>> {
  const { actor, t } = ctx;
  if (!actor) return { ok: false, text: t("card.unavailable") };
  try {
    const card = await getCaseCard(deps, { actor, caseId: String(caseId) });
    if (!can(actor, "closeCase", { schoolId: actor.schoolId ?? -1, teacherMemberId: Number(card.state.teacherId) })) {
      return { ok: false, text: t("common.notAllowed") };
    }
    if (card.state.status !== "open") return { ok: false, text: t("caseErrors.caseClosed") };
    return { ok: true, value: caseTitle(card) };
  } catch (error) {
    const text = refusalText(t, error);
    if (text === undefined) throw error;
    return { ok: false, text };
  }
}

/** Closing for «другое»: the teacher types the reason in their own words, then confirms. */
export function closeCaseConversation(deps: BotDeps) {
  return async function closeCaseDialogue(conversation: BotConversation, ctx: InnerContext, caseId: number) {
    const loaded = await conversation.external(() => loadClosable(deps, ctx, caseId));
    if (!loaded.ok) {
      await ctx.reply(loaded.text);
      return;
    }
    const typed = await askText(conversation, ctx, { prompt: ctx.t("close.askNote"), max: 500 });
    if (!typed) return;
    const prompt = typed.ctx.t("close.confirm", { subject: loaded.value, reason: quote(typed.value) });
    const confirmed = await askChoice(conversation, typed.ctx, {
      prompt,
      choices: [{ label: typed.ctx.t("close.yes"), data: DIALOGUE_DATA.yes, value: "yes" }],
    });
    if (!confirmed) return;
    const last = confirmed.ctx;
    const actor = last.actor;
    const result = await conversation.external(() =>
      attempt(last, async () => {
        if (!actor) throw new Error("no actor");
        await closeCase(deps, { actor, caseId: String(caseId), reason: NOTE_REASON, note: typed.value });
      }),
    );
    if (!result.ok) {
      await last.reply(result.text);
      return;
    }
    await finishWithCard(conversation, last, deps, caseId, last.t("close.closed"));
  };
}
