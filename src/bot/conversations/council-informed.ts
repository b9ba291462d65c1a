import { recordInformed } from "../../app/council/info-pack.js";
import { councilAudience, tellStaffAboutCouncil } from "../../app/council/tell-staff.js";
import { surnameWithInitials } from "../../domain/people/names.js";
import type { BotConversation, InnerContext } from "../context.js";
import type { BotDeps } from "../deps.js";
import { askMultiSelect, requireActor, run, selectCallback, type SelectItem } from "./kit/index.js";

export const COUNCIL_INFORMED_CONVERSATION = "council-informed";

/** The list's buttons: "cni:t:<index>", "cni:p:<page>", "cni:go". */
const INFORMED = selectCallback("cni");
const PAGE_SIZE = 8;
const PARENTS = "parents";

/*
 * IV.3 after the info pack: whom the teacher informed. The parents (recorded only: the bot does
 * not write to them), the council's participants (always told, shown ticked), and colleagues
 * picked from the staff list a page at a time. Only those picked get the council's notice;
 * tellStaffAboutCouncil checks every picked id again.
 */
export function councilInformedConversation(deps: BotDeps) {
  return async function councilInformed(conversation: BotConversation, ctx: InnerContext, caseId: number) {
    const audience = await run(conversation, (outer) => councilAudience(deps, { actor: requireActor(outer), caseId: String(caseId) }));
    const items: SelectItem<string>[] = [
      { key: PARENTS, label: ctx.t("infoPack.parentsItem") },
      ...audience.participants.map((p) => ({ key: String(p.memberId), label: p.fullName, fixed: true })),
      ...audience.staff.map((p) => ({ key: String(p.memberId), label: p.fullName })),
    ];
    const picked = await askMultiSelect(conversation, ctx, {
      prompt: ctx.t(audience.agreed ? "infoPack.askInformed" : "infoPack.askInformedNoCouncil"),
      items,
      codec: INFORMED,
      doneLabel: ctx.t("council.buttons.done"),
      fixedHint: ctx.t("infoPack.participantHint"),
      pageSize: PAGE_SIZE,
    });
    if (!picked) return;
    const c = picked.ctx;
    const parents = picked.value.includes(PARENTS);
    const participants = new Set(audience.participants.map((p) => String(p.memberId)));
    const memberIds = picked.value.filter((k) => k !== PARENTS && !participants.has(k)).map(Number);
    const done = await run(conversation, async (outer) => {
      const actor = requireActor(outer);
      const notified = await tellStaffAboutCouncil(deps, { actor, caseId: String(caseId), memberIds });
      // The chronology keeps who was told, in the school's language.
      const ru = deps.i18n.t("ru");
      const names = [...audience.participants, ...audience.staff.filter((p) => memberIds.includes(p.memberId))].map((p) =>
        surnameWithInitials(p.fullName),
      );
      const note = [
        ...(parents ? [ru("infoPack.noteParents")] : []),
        ...(names.length > 0 && audience.agreed ? [ru("infoPack.noteStaff", { names: names.join(", ") })] : []),
      ].join(" ");
      const recorded = await recordInformed(deps, { actor, caseId: String(caseId), note: note || ru("infoPack.noteNobody") });
      return { recorded, notified };
    });
    await c.editMessageReplyMarkup().catch(() => undefined);
    await c.reply(c.t(done.recorded ? "infoPack.recorded" : "infoPack.noted", { count: done.notified }));
  };
}
