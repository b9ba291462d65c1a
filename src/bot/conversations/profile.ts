import { daysBetween, formatRussianDate, localDateIn, parseRussianDate, yearOf, type LocalDate } from "../../domain/dates.js";
import type { BotConversation, InnerContext } from "../context.js";
import type { BotDeps } from "../deps.js";
import { askFullName, askPhone, hint, restoredKeyboard, nextAnswer } from "./people-prompts.js";
import { getMySettings } from "../../app/people/get-my-settings.js";
import { updateMySettings } from "../../app/people/update-my-settings.js";

export const PROFILE_CONVERSATION = "profile";

/** What /settings asks by typing; everything else there is buttons (features/settings.ts). */
export type ProfileItem = "name" | "phone" | "mute";

/** A vacation mute longer than this is surely a typo. */
const MAX_MUTE_DAYS = 366;

/** One setting that needs typing: the name, the phone (or the contact button), or vacation dates. */
export function profileConversation(deps: BotDeps) {
  return async function profile(conversation: BotConversation, ctx: InnerContext, item: ProfileItem = "name") {
    const telegramId = ctx.from!.id;
    if (item === "name") {
      const fullName = await askFullName(conversation, ctx, "settings.askName");
      await conversation.external(() => updateMySettings(deps, { telegramId, change: { fullName } }));
      await ctx.reply(ctx.t("settings.nameSaved", { name: fullName }));
      return;
    }

    if (item === "phone") {
      const { phone, choice, answer } = await askPhone(conversation, ctx, "settings.askPhone", ["settings.removePhone", "settings.keepPhone"]);
      const keyboard = { reply_markup: restoredKeyboard(answer) };
      if (phone) {
        await conversation.external(() => updateMySettings(deps, { telegramId, change: { phone } }));
        await answer.reply(answer.t("settings.phoneSaved", { phone }), keyboard);
      } else if (choice === "settings.removePhone") {
        await conversation.external(() => updateMySettings(deps, { telegramId, change: { phone: null } }));
        await answer.reply(answer.t("settings.phoneRemoved"), keyboard);
      } else {
        await answer.reply(answer.t("settings.phoneKept"), keyboard);
      }
      return;
    }

    const today = await conversation.external(async (outer) => {
      const settings = await getMySettings(deps, { telegramId, schoolId: outer.actor?.schoolId });
      return localDateIn(deps.now(), settings?.school?.timezone ?? deps.defaultTimezone);
    });
    const from = await askDate(conversation, ctx, "settings.askMuteFrom", today);
    let until: LocalDate | undefined;
    while (!until) {
      const answer = await askDate(conversation, ctx, "settings.askMuteUntil", today);
      if (answer < from) await ctx.reply(ctx.t("settings.muteEndsBeforeStart"));
      else if (answer < today) await ctx.reply(ctx.t("settings.muteInPast"));
      else if (daysBetween(from, answer) >= MAX_MUTE_DAYS) await ctx.reply(ctx.t("settings.muteTooLong"));
      else until = answer;
    }
    const mutedUntil = until;
    await conversation.external(() => updateMySettings(deps, { telegramId, change: { mutedFrom: from, mutedUntil } }));
    await ctx.reply(ctx.t("settings.muteSaved", { from: formatRussianDate(from), until: formatRussianDate(mutedUntil) }));
  };
}

/** A date typed as dd.mm.yyyy (or dd.mm: this year). */
async function askDate(conversation: BotConversation, ctx: InnerContext, questionKey: string, today: LocalDate): Promise<LocalDate> {
  await ctx.reply(ctx.t(questionKey));
  for (;;) {
    const answer = await nextAnswer(conversation);
    const date = parseRussianDate(answer.message?.text ?? "", yearOf(today));
    if (date) return date;
    await hint(answer, "settings.badDate");
  }
}
