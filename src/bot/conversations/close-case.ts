import type { BotConversation, InnerContext } from "../context.js";
import type { BotDeps } from "../deps.js";
import { can } from "../../app/access-policy.js";
import { closeCase } from "../../app/cases/close-case.js";
import { getCaseCard } from "../../app/cases/get-case-card.js";
import { GAP_REASON_MAX, unrecordedWeeklySteps } from "../../domain/case/index.js";
import { DIALOGUE_CALLBACK } from "../views/callback-data.js";
import { caseTitle } from "../views/case-card-view.js";
import { CLOSE_REASONS, NOTE_REASON } from "../views/close-reasons.js";
import { gapStepsText } from "../views/close-gaps-view.js";
import { finishWithCard } from "./case-dialogue.js";
import { askChoice, askText, choicesOf, quote, requireActor, run } from "./kit/index.js";

export const CLOSE_CASE_CONVERSATION = "close-case";

/** The case's title and its weekly steps never recorded, when it is open and the actor may close it; why not otherwise. */
async function loadClosable(
  deps: BotDeps,
  ctx: InnerContext,
  caseId: number,
): Promise<{ ok: true; subject: string; gaps: string } | { ok: false; text: string }> {
  const { actor, t } = ctx;
  if (!actor) return { ok: false, text: t("card.unavailable") };
  const card = await getCaseCard(deps, { actor, caseId: String(caseId) });
  if (!can(actor, "closeCase", { schoolId: actor.schoolId ?? -1, teacherMemberId: Number(card.state.teacherId) })) {
    return { ok: false, text: t("common.notAllowed") };
  }
  if (card.state.status !== "open") return { ok: false, text: t("caseErrors.caseClosed") };
  const gaps = unrecordedWeeklySteps(card.regulation, card.state);
  return { ok: true, subject: caseTitle(card), gaps: gapStepsText(ctx.lang, gaps) };
}

/**
 * Closing that needs words typed: «другое» (the reason in the teacher's own words), and a case
 * with a weekly step that had started and was never recorded (why, in a line). Then a confirmation.
 */
export function closeCaseConversation(deps: BotDeps) {
  return async function closeCaseDialogue(conversation: BotConversation, ctx: InnerContext, caseId: number, reasonIndex?: number) {
    const reason = CLOSE_REASONS[reasonIndex ?? CLOSE_REASONS.indexOf(NOTE_REASON)] ?? NOTE_REASON;
    const loaded = await run(conversation, () => loadClosable(deps, ctx, caseId));
    if (!loaded.ok) {
      await ctx.reply(loaded.text);
      return;
    }
    let last = ctx;
    let note: string | undefined;
    if (reason === NOTE_REASON) {
      const typed = await askText(conversation, last, { prompt: last.t("close.askNote"), max: 500 });
      if (!typed) return;
      note = typed.value;
      last = typed.ctx;
    }
    let gapReason: string | undefined;
    if (loaded.gaps) {
      const typed = await askText(conversation, last, {
        prompt: last.t("close.askGapReason", { steps: loaded.gaps, max: GAP_REASON_MAX }),
        max: GAP_REASON_MAX,
      });
      if (!typed) return;
      gapReason = typed.value;
      last = typed.ctx;
    }
    const reasonText = note !== undefined ? quote(note) : last.t(`close.reasons.${reason}`);
    const gapLine = gapReason !== undefined ? `\n${last.t("close.gapLine", { steps: loaded.gaps, reason: quote(gapReason) })}` : "";
    const confirmed = await askChoice(conversation, last, {
      prompt: last.t("close.confirm", { subject: loaded.subject, reason: reasonText }) + gapLine,
      choices: choicesOf(DIALOGUE_CALLBACK, [{ label: last.t("close.yes"), data: { action: "yes" }, value: "yes" }]),
    });
    if (!confirmed) return;
    last = confirmed.ctx;
    await run(conversation, (outer) =>
      closeCase(deps, {
        actor: requireActor(outer),
        caseId: String(caseId),
        reason,
        ...(note !== undefined ? { note } : {}),
        ...(gapReason !== undefined ? { gapReason } : {}),
      }),
    );
    await finishWithCard(conversation, last, deps, caseId, last.t("close.closed"));
  };
}
