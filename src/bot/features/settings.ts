import { InlineKeyboard } from "grammy";
import { BotComposer } from "../composer.js";
import type { TFunction } from "i18next";
import { can } from "../../app/access-policy.js";
import { formatRussianDate, localDateIn } from "../../domain/dates.js";
import { LANGUAGES, type Language } from "../../i18n.js";
import type { BotContext } from "../context.js";
import type { BotDeps } from "../deps.js";
import { PROFILE_CONVERSATION, type ProfileItem } from "../conversations/profile.js";
import { restoredKeyboard } from "../conversations/people-prompts.js";
import { ensureUser } from "../../app/people/ensure-user.js";
import { getMySettings, type UserSettings } from "../../app/people/get-my-settings.js";
import { updateMySettings } from "../../app/people/update-my-settings.js";

/*
 * /settings: a summary with buttons. Language, reminder hours and switching the vacation mute off
 * are buttons only (stateless: each press carries what it sets, checked again here); the name,
 * the phone and vacation dates are typed in the profile dialogue.
 */

const HOURS_PER_ROW = 6;

function hour(h: number): string {
  return `${h}:00`;
}

function menuKeyboard(t: TFunction, withHours: boolean): InlineKeyboard {
  const keyboard = new InlineKeyboard()
    .text(t("settings.buttons.name"), "set:name")
    .text(t("settings.buttons.phone"), "set:phone")
    .text(t("settings.buttons.language"), "set:lang")
    .row();
  if (withHours) keyboard.text(t("settings.buttons.hours"), "set:hours");
  return keyboard.text(t("settings.buttons.mute"), "set:mute");
}

function summary(t: TFunction, language: Language, settings: UserSettings, today: string): string {
  const school = settings.school;
  const hours =
    settings.reminderStartHour !== null && settings.reminderEndHour !== null
      ? t("settings.hoursOwn", { from: hour(settings.reminderStartHour), to: hour(settings.reminderEndHour) })
      : school
        ? t("settings.hoursSchool", { from: hour(school.workStartHour), to: hour(school.workEndHour) })
        : undefined;
  const muted = settings.mutedFrom && settings.mutedUntil && settings.mutedUntil >= today;
  return [
    t("settings.title"),
    t("settings.nameLine", { name: settings.fullName || "—" }),
    t("settings.phoneLine", { phone: settings.phone ?? t("settings.noPhone") }),
    t("settings.languageLine", { language: t(`language.${language}`) }),
    ...(hours ? [t("settings.hoursLine", { hours })] : []),
    t("settings.muteLine", {
      mute: muted
        ? t("settings.muteOn", { from: formatRussianDate(settings.mutedFrom!), until: formatRussianDate(settings.mutedUntil!) })
        : t("settings.muteOff"),
    }),
  ].join("\n");
}

export function settingsFeature(deps: BotDeps) {
  const feature = new BotComposer<BotContext>();

  async function load(ctx: BotContext): Promise<UserSettings | undefined> {
    return getMySettings(deps, { telegramId: ctx.from!.id, schoolId: ctx.actor?.schoolId });
  }

  feature.command("settings", async (ctx) => {
    if (!can(ctx.actor, "editOwnProfile")) {
      await ctx.reply(ctx.t("start.stranger"));
      return;
    }
    // Installation admins may come here before their first /start.
    await ensureUser(deps, { telegramId: ctx.from!.id, chatId: ctx.chat.id, fullName: ctx.actor!.fullName || ctx.from!.first_name });
    const settings = (await load(ctx))!;
    const today = localDateIn(deps.now(), settings.school?.timezone ?? deps.defaultTimezone);
    await ctx.reply(summary(ctx.t, ctx.lang, settings, today), { reply_markup: menuKeyboard(ctx.t, settings.school !== null) });
  });

  // Every settings button: only for those who may edit their profile, and always answered.
  const buttons = feature.filter((ctx) => ctx.callbackQuery?.data?.startsWith("set:") === true);
  buttons.use(async (ctx, next) => {
    if (!can(ctx.actor, "editOwnProfile")) return void (await ctx.answerCallbackQuery({ text: ctx.t("common.notAllowed") }));
    await next();
  });

  const typed: Record<string, ProfileItem> = { "set:name": "name", "set:phone": "phone", "set:mute:dates": "mute" };
  buttons.callbackQuery(Object.keys(typed), async (ctx) => {
    await ctx.answerCallbackQuery();
    await ctx.conversation.enter(PROFILE_CONVERSATION, typed[ctx.callbackQuery.data]);
  });

  buttons.callbackQuery("set:lang", async (ctx) => {
    const keyboard = new InlineKeyboard();
    for (const language of LANGUAGES) keyboard.text(ctx.t(`language.${language}`), `set:lang:${language}`);
    await ctx.answerCallbackQuery();
    await ctx.reply(ctx.t("settings.askLanguage"), { reply_markup: keyboard });
  });

  buttons.callbackQuery(/^set:lang:(ru|en)$/, async (ctx) => {
    const language = ctx.match[1] as Language;
    await updateMySettings(deps, { telegramId: ctx.from.id, change: { language } });
    await ctx.answerCallbackQuery();
    await ctx.editMessageReplyMarkup();
    const t = deps.i18n.t(language);
    await ctx.reply(t("settings.languageSaved"), { reply_markup: restoredKeyboard(ctx, t) });
  });

  buttons.callbackQuery("set:hours", async (ctx) => {
    const school = (await load(ctx))?.school;
    if (!school) return void (await ctx.answerCallbackQuery({ text: ctx.t("common.unknownButton") }));
    const keyboard = new InlineKeyboard();
    for (let h = school.workStartHour; h < school.workEndHour; h++) {
      keyboard.text(hour(h), `set:hs:${h}`);
      if ((h - school.workStartHour) % HOURS_PER_ROW === HOURS_PER_ROW - 1) keyboard.row();
    }
    keyboard
      .row()
      .text(ctx.t("settings.hoursAsSchool", { from: hour(school.workStartHour), to: hour(school.workEndHour) }), "set:hours:school");
    await ctx.answerCallbackQuery();
    await ctx.reply(ctx.t("settings.askHoursFrom"), { reply_markup: keyboard });
  });

  buttons.callbackQuery(/^set:hs:(\d{1,2})$/, async (ctx) => {
    const school = (await load(ctx))?.school;
    const from = Number(ctx.match[1]);
    if (!school || from < school.workStartHour || from >= school.workEndHour) {
      return void (await ctx.answerCallbackQuery({ text: ctx.t("common.unknownButton") }));
    }
    const keyboard = new InlineKeyboard();
    for (let h = from + 1; h <= school.workEndHour; h++) {
      keyboard.text(hour(h), `set:he:${from}:${h}`);
      if ((h - from - 1) % HOURS_PER_ROW === HOURS_PER_ROW - 1) keyboard.row();
    }
    await ctx.answerCallbackQuery();
    await ctx.editMessageText(ctx.t("settings.askHoursTo", { from: hour(from) }), { reply_markup: keyboard });
  });

  buttons.callbackQuery(/^set:he:(\d{1,2}):(\d{1,2})$/, async (ctx) => {
    const school = (await load(ctx))?.school;
    const [from, to] = [Number(ctx.match[1]), Number(ctx.match[2])];
    if (!school || from < school.workStartHour || to > school.workEndHour || to <= from) {
      return void (await ctx.answerCallbackQuery({ text: ctx.t("common.unknownButton") }));
    }
    await updateMySettings(deps, { telegramId: ctx.from.id, change: { reminderStartHour: from, reminderEndHour: to } });
    await ctx.answerCallbackQuery();
    await ctx.editMessageText(ctx.t("settings.hoursSaved", { from: hour(from), to: hour(to) }));
  });

  buttons.callbackQuery("set:hours:school", async (ctx) => {
    const school = (await load(ctx))?.school;
    if (!school) return void (await ctx.answerCallbackQuery({ text: ctx.t("common.unknownButton") }));
    await updateMySettings(deps, { telegramId: ctx.from.id, change: { reminderStartHour: null, reminderEndHour: null } });
    await ctx.answerCallbackQuery();
    await ctx.editMessageText(ctx.t("settings.hoursReset", { from: hour(school.workStartHour), to: hour(school.workEndHour) }));
  });

  buttons.callbackQuery("set:mute", async (ctx) => {
    const settings = await load(ctx);
    const keyboard = new InlineKeyboard().text(ctx.t("settings.buttons.muteDates"), "set:mute:dates");
    if (settings?.mutedFrom) keyboard.text(ctx.t("settings.buttons.muteOff"), "set:mute:off");
    await ctx.answerCallbackQuery();
    await ctx.reply(ctx.t("settings.aboutMute"), { reply_markup: keyboard });
  });

  buttons.callbackQuery("set:mute:off", async (ctx) => {
    await updateMySettings(deps, { telegramId: ctx.from.id, change: { mutedFrom: null, mutedUntil: null } });
    await ctx.answerCallbackQuery();
    await ctx.editMessageText(ctx.t("settings.muteCleared"));
  });

  return feature;
}
