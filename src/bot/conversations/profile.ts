import { daysBetween, formatRussianDate, localDateIn, parseRussianDate, yearOf, type LocalDate } from "../../domain/dates.js";
import type { BotConversation, InnerContext } from "../context.js";
import type { BotDeps } from "../deps.js";
import { askFullName, askPhone, restoredKeyboard, saveName } from "./people-prompts.js";
import { accept, askDate, quote, refuse, run } from "./kit/index.js";
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
      if (!fullName) return;
      const answer = await saveName(conversation, ctx, deps, fullName);
      if (!answer) return;
      await answer.reply(answer.t("settings.nameSaved", { name: quote(fullName) }));
      return;
    }

    if (item === "phone") {
      const phoned = await askPhone(conversation, ctx, "settings.askPhone", ["settings.removePhone", "settings.keepPhone"]);
      if (!phoned) return;
      const { phone, choice, answer } = phoned;
      const keyboard = { reply_markup: restoredKeyboard(answer) };
      if (phone) {
        await run(conversation, () => updateMySettings(deps, { telegramId, change: { phone } }));
        await answer.reply(answer.t("settings.phoneSaved", { phone }), keyboard);
      } else if (choice === "settings.removePhone") {
        await run(conversation, () => updateMySettings(deps, { telegramId, change: { phone: null } }));
        await answer.reply(answer.t("settings.phoneRemoved"), keyboard);
      } else {
        await answer.reply(answer.t("settings.phoneKept"), keyboard);
      }
      return;
    }

    const today = await run(conversation, async (outer) => {
      const settings = await getMySettings(deps, { telegramId, schoolId: outer.actor?.schoolId });
      return localDateIn(deps.now(), settings?.school?.timezone ?? deps.defaultTimezone);
    });
    const from = await askMuteDate(conversation, ctx, "settings.askMuteFrom", today);
    if (!from) return;
    const until = await askMuteDate(conversation, ctx, "settings.askMuteUntil", today, (date, c) => {
      if (date < from) return c.t("settings.muteEndsBeforeStart");
      if (date < today) return c.t("settings.muteInPast");
      if (daysBetween(from, date) >= MAX_MUTE_DAYS) return c.t("settings.muteTooLong");
      return undefined;
    });
    if (!until) return;
    const mutedUntil = until;
    await run(conversation, () => updateMySettings(deps, { telegramId, change: { mutedFrom: from, mutedUntil } }));
    await ctx.reply(ctx.t("settings.muteSaved", { from: formatRussianDate(from), until: formatRussianDate(mutedUntil) }));
  };
}

/** A date typed as dd.mm.yyyy (or dd.mm: this year). */
async function askMuteDate(
  conversation: BotConversation,
  ctx: InnerContext,
  questionKey: string,
  today: LocalDate,
  check?: (date: LocalDate, c: InnerContext) => string | undefined,
): Promise<LocalDate | undefined> {
  const answer = await askDate(conversation, ctx, {
    prompt: ctx.t(questionKey),
    today,
    read: (text, c) => {
      const date = parseRussianDate(text, yearOf(today));
      return date ? accept(date) : refuse(c.t("settings.badDate"));
    },
    ...(check ? { check } : {}),
    cancelButton: false,
    hint: "settings.badDate",
    buttonHint: (_data, c) => c.t("settings.badDate"),
  });
  return answer?.value;
}
