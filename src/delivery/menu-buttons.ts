import type { Api } from "grammy";
import { menuButtonsDue, recordMenuButton } from "../app/dashboard/dashboard-session.js";
import type { PeopleDeps } from "../app/people/operator.js";
import type { I18n } from "../i18n.js";
import type { Logger } from "../logger.js";

/** Between two chats' calls: well under Telegram's limits, beside the outbox's sending. */
const GAP_MS = 100;

/**
 * Sets the dashboard's Mini App (over HTTPS) as the menu button of the chats that should have it
 * and do not yet (menuButtonsDue), paced; each is recorded once set. A refusal (a blocked bot) is
 * logged and tried again on the next run. One person's chat when `userId` is given.
 */
export async function applyMenuButtons(
  deps: PeopleDeps & { i18n: I18n; logger: Logger },
  api: Api,
  options: { url: string; userId?: number },
): Promise<{ set: number; failed: number }> {
  let set = 0;
  let failed = 0;
  const due = await menuButtonsDue(deps, { url: options.url, ...(options.userId !== undefined ? { userId: options.userId } : {}) });
  for (const [i, chat] of due.entries()) {
    if (i > 0) await new Promise((resolve) => setTimeout(resolve, GAP_MS));
    try {
      await api.setChatMenuButton({
        chat_id: chat.chatId,
        menu_button: { type: "web_app", text: deps.i18n.t(chat.language)("dashboard.command.menu"), web_app: { url: options.url } },
      });
      await recordMenuButton(deps, { userId: chat.userId, url: options.url });
      set++;
    } catch (err) {
      failed++;
      deps.logger.warn({ err, userId: chat.userId }, "menu button not set");
    }
  }
  return { set, failed };
}
