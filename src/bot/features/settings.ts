import { type CallbackQueryContext, Composer, InlineKeyboard } from "grammy";
import type { TFunction } from "i18next";
import { can } from "../../app/access-policy.js";
import { formatRussianDate, localDateIn } from "../../domain/dates.js";
import { LANGUAGES, type Language } from "../../i18n.js";
import type { CallbackCodec } from "../../app/callback-data.js";
import { onCallback } from "../callback.js";
import { SETTINGS_DATA } from "./settings-data.js";
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
    .text(t("settings.buttons.name"), SETTINGS_DATA.name.encode({}))
    .text(t("settings.buttons.phone"), SETTINGS_DATA.phone.encode({}))
    .text(t("settings.buttons.language"), SETTINGS_DATA.languages.encode({}))
    .row();
  if (withHours) keyboard.text(t("settings.buttons.hours"), SETTINGS_DATA.hours.encode({}));
  return keyboard.text(t("settings.buttons.mute"), SETTINGS_DATA.mute.encode({}));
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
  const feature = new Composer<BotContext>();

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

  /** A settings button: refused to those who may not edit their profile; data that does not decode is stale. */
  function onPress<T>(codec: CallbackCodec<T>, handler: (ctx: CallbackQueryContext<BotContext>, data: T) => Promise<unknown>) {
    onCallback(feature, codec, async (ctx, data) => {
      if (!can(ctx.actor, "editOwnProfile")) return void (await ctx.answerCallbackQuery({ text: ctx.t("common.notAllowed") }));
      await handler(ctx, data);
    });
  }

  const typed = (item: ProfileItem) => async (ctx: CallbackQueryContext<BotContext>) => {
    await ctx.answerCallbackQuery();
    await ctx.conversation.enter(PROFILE_CONVERSATION, item);
  };
  onPress(SETTINGS_DATA.name, typed("name"));
  onPress(SETTINGS_DATA.phone, typed("phone"));
  onPress(SETTINGS_DATA.muteDates, typed("mute"));

  onPress(SETTINGS_DATA.languages, async (ctx) => {
    const keyboard = new InlineKeyboard();
    for (const language of LANGUAGES) keyboard.text(ctx.t(`language.${language}`), SETTINGS_DATA.language.encode({ language }));
    await ctx.answerCallbackQuery();
    await ctx.reply(ctx.t("settings.askLanguage"), { reply_markup: keyboard });
  });

  onPress(SETTINGS_DATA.language, async (ctx, { language }) => {
    await updateMySettings(deps, { telegramId: ctx.from.id, change: { language } });
    await ctx.answerCallbackQuery();
    await ctx.editMessageReplyMarkup();
    const t = deps.i18n.t(language);
    await ctx.reply(t("settings.languageSaved"), { reply_markup: restoredKeyboard(ctx, t) });
  });

  onPress(SETTINGS_DATA.hours, async (ctx) => {
    const school = (await load(ctx))?.school;
    if (!school) return void (await ctx.answerCallbackQuery({ text: ctx.t("common.unknownButton") }));
    const keyboard = new InlineKeyboard();
    for (let h = school.workStartHour; h < school.workEndHour; h++) {
      keyboard.text(hour(h), SETTINGS_DATA.hoursFrom.encode({ from: h }));
      if ((h - school.workStartHour) % HOURS_PER_ROW === HOURS_PER_ROW - 1) keyboard.row();
    }
    keyboard
      .row()
      .text(
        ctx.t("settings.hoursAsSchool", { from: hour(school.workStartHour), to: hour(school.workEndHour) }),
        SETTINGS_DATA.schoolHours.encode({}),
      );
    await ctx.answerCallbackQuery();
    await ctx.reply(ctx.t("settings.askHoursFrom"), { reply_markup: keyboard });
  });

  onPress(SETTINGS_DATA.hoursFrom, async (ctx, { from }) => {
    const school = (await load(ctx))?.school;
    if (!school || from < school.workStartHour || from >= school.workEndHour) {
      return void (await ctx.answerCallbackQuery({ text: ctx.t("common.unknownButton") }));
    }
    const keyboard = new InlineKeyboard();
    for (let h = from + 1; h <= school.workEndHour; h++) {
      keyboard.text(hour(h), SETTINGS_DATA.hoursTo.encode({ from, to: h }));
      if ((h - from - 1) % HOURS_PER_ROW === HOURS_PER_ROW - 1) keyboard.row();
    }
    await ctx.answerCallbackQuery();
    await ctx.editMessageText(ctx.t("settings.askHoursTo", { from: hour(from) }), { reply_markup: keyboard });
  });

  onPress(SETTINGS_DATA.hoursTo, async (ctx, { from, to }) => {
    const school = (await load(ctx))?.school;
    if (!school || from < school.workStartHour || to > school.workEndHour || to <= from) {
      return void (await ctx.answerCallbackQuery({ text: ctx.t("common.unknownButton") }));
    }
    await updateMySettings(deps, { telegramId: ctx.from.id, change: { reminderStartHour: from, reminderEndHour: to } });
    await ctx.answerCallbackQuery();
    await ctx.editMessageText(ctx.t("settings.hoursSaved", { from: hour(from), to: hour(to) }));
  });

  onPress(SETTINGS_DATA.schoolHours, async (ctx) => {
    const school = (await load(ctx))?.school;
    if (!school) return void (await ctx.answerCallbackQuery({ text: ctx.t("common.unknownButton") }));
    await updateMySettings(deps, { telegramId: ctx.from.id, change: { reminderStartHour: null, reminderEndHour: null } });
    await ctx.answerCallbackQuery();
    await ctx.editMessageText(ctx.t("settings.hoursReset", { from: hour(school.workStartHour), to: hour(school.workEndHour) }));
  });

  onPress(SETTINGS_DATA.mute, async (ctx) => {
    const settings = await load(ctx);
    const keyboard = new InlineKeyboard().text(ctx.t("settings.buttons.muteDates"), SETTINGS_DATA.muteDates.encode({}));
    if (settings?.mutedFrom) keyboard.text(ctx.t("settings.buttons.muteOff"), SETTINGS_DATA.muteOff.encode({}));
    await ctx.answerCallbackQuery();
    await ctx.reply(ctx.t("settings.aboutMute"), { reply_markup: keyboard });
  });

  onPress(SETTINGS_DATA.muteOff, async (ctx) => {
    await updateMySettings(deps, { telegramId: ctx.from.id, change: { mutedFrom: null, mutedUntil: null } });
    await ctx.answerCallbackQuery();
    await ctx.editMessageText(ctx.t("settings.muteCleared"));
  });

  return feature;
}
