import type { Api } from "grammy";
import type { Role } from "../app/actor.js";
import type { I18n, Language } from "../i18n.js";
import type { Logger } from "../logger.js";

/** The menu before anyone is known: what a class teacher uses most, the commonest role. */
const DEFAULT_COMMANDS = ["new", "sos", "today", "cases", "case", "students", "menu", "settings", "help", "cancel", "start"] as const;

/** Each role's own commands; a person's chat menu is the union of their roles', in this order. */
const ROLE_COMMANDS: Record<Role, readonly string[]> = {
  teacher: ["new", "sos", "today", "absent", "cases", "case", "students", "annual"],
  deputy: ["overdue", "school", "dashboard", "case", "event", "events", "workgroup"],
  director: ["overdue", "school", "dashboard", "case", "event", "events", "workgroup"],
  specialist: ["case"],
  admin: ["admin", "invite", "students", "school_switch"],
};
const COMMON_COMMANDS = ["menu", "settings", "help", "cancel"] as const;

function describe(i18n: I18n, language: Language, commands: readonly string[]) {
  const t = i18n.t(language);
  return commands
    .filter((command) => i18n.t("ru")(`commands.${command}`, { defaultValue: "" }) !== "")
    .map((command) => ({ command, description: t(`commands.${command}`) }));
}

export function commandMenu(i18n: I18n, language: Language) {
  return describe(i18n, language, DEFAULT_COMMANDS);
}

export function roleCommandMenu(i18n: I18n, language: Language, roles: readonly Role[]) {
  const ordered = new Set<string>();
  for (const role of ["teacher", "deputy", "director", "specialist", "admin"] as const) {
    if (roles.includes(role)) for (const command of ROLE_COMMANDS[role]) ordered.add(command);
  }
  for (const command of COMMON_COMMANDS) ordered.add(command);
  return describe(i18n, language, [...ordered]);
}

/** Russian is the default menu; English for clients set to English. Failure never stops the start. */
export async function publishCommandMenu(api: Api, i18n: I18n, logger: Logger): Promise<void> {
  try {
    await api.setMyCommands(commandMenu(i18n, "ru"));
    await api.setMyCommands(commandMenu(i18n, "en"), { language_code: "en" });
  } catch (error) {
    logger.warn({ err: error }, "could not set the command menu; continuing");
  }
}

/** A person's own menu in their chat, by their roles and language; a refusal is only logged. */
export async function publishChatMenu(api: Api, i18n: I18n, logger: Logger, chatId: number, language: Language, roles: readonly Role[]) {
  try {
    await api.setMyCommands(roleCommandMenu(i18n, language, roles), { scope: { type: "chat", chat_id: chatId } });
  } catch (error) {
    logger.warn({ err: error, chatId }, "could not set a chat's command menu; continuing");
  }
}
