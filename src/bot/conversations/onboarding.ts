import type { BotConversation, InnerContext } from "../context.js";
import type { BotDeps } from "../deps.js";
import { askFullName, askLanguage, askPhone, languageCallback, restoredKeyboard, saveName } from "./people-prompts.js";
import { quote, run } from "./kit/index.js";
import { updateMySettings } from "../../app/people/update-my-settings.js";

export const ONBOARDING_CONVERSATION = "onboarding";

/** The language buttons: "onb:lang:<code>". */
const LANGUAGE = languageCallback("onb");

/**
 * After joining by an invitation: the full name colleagues know (and how it declines, when the
 * library is not sure), an optional phone number (shown to the director and deputies in alerts)
 * and the language. Each answer is saved when given.
 */
export function onboardingConversation(deps: BotDeps) {
  return async function onboarding(conversation: BotConversation, ctx: InnerContext) {
    const telegramId = ctx.from!.id;
    const fullName = await askFullName(conversation, ctx, "onboarding.askName");
    if (!fullName) return;
    if (!(await saveName(conversation, ctx, deps, fullName))) return;

    const phoned = await askPhone(conversation, ctx, "onboarding.askPhone", ["onboarding.skipPhone"]);
    if (!phoned) return;
    const { phone, answer } = phoned;
    if (phone) await run(conversation, () => updateMySettings(deps, { telegramId, change: { phone } }));
    await answer.reply(answer.t(phone ? "onboarding.phoneSaved" : "onboarding.phoneSkipped"), { reply_markup: restoredKeyboard(answer) });

    const spoken = await askLanguage(conversation, ctx, LANGUAGE);
    if (!spoken) return;
    const { language, answer: chosen } = spoken;
    await run(conversation, () => updateMySettings(deps, { telegramId, change: { language } }));
    const t = deps.i18n.t(language);
    // The menu again, now in the chosen language.
    await chosen.reply(t("onboarding.done", { name: quote(fullName) }), { reply_markup: restoredKeyboard(chosen, t) });
  };
}
