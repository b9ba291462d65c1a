import { InlineKeyboard } from "grammy";
import type { BotConversation, InnerContext } from "../../context.js";
import { DIALOGUE_DATA } from "../../views/callback-data.js";
import { accept, ask, refuse, type Answer } from "./ask.js";

/*
 * Several of a list by toggle buttons (✅/▫️), then «Готово»: classes for an event, teachers for a
 * working group, colleagues for a meeting. Each press is a step of the dialogue, so the choice
 * survives a restart like any other answer.
 */

export interface SelectItem<K> {
  key: K;
  label: string;
  /** Always chosen; pressing it shows `fixedHint`. */
  fixed?: boolean;
}

export interface MultiSelectOptions<K> {
  prompt: string;
  items: readonly SelectItem<K>[];
  /** Chosen from the start (fixed items always are). */
  initial?: readonly K[];
  /** Callback data: `<prefix>:t:<index>`, `<prefix>:all`, `<prefix>:go`. */
  prefix: string;
  /** Toggle buttons a row; 1 unless said. */
  columns?: number;
  /** The label of «Готово». */
  doneLabel: string;
  /** A «Все» button with this label. */
  allLabel?: string;
  /** When given, «Готово» with nothing chosen shows this toast and the question stands. */
  emptyHint?: string;
  fixedHint?: string;
}

type Press = { kind: "toggle"; index: number } | { kind: "all" } | { kind: "done" };

/** The keys chosen, in the list's order; undefined on «Отмена». */
export async function askMultiSelect<K>(
  conversation: BotConversation,
  ctx: InnerContext,
  options: MultiSelectOptions<K>,
): Promise<Answer<K[]> | undefined> {
  const { items, prefix } = options;
  const chosen = new Set<K>(options.initial ?? []);
  for (const item of items) if (item.fixed) chosen.add(item.key);
  const columns = options.columns ?? 1;
  const keyboard = (c: InnerContext) => {
    const k = new InlineKeyboard();
    items.forEach((item, i) => {
      k.text(`${chosen.has(item.key) ? "✅" : "▫️"} ${item.label}`, `${prefix}:t:${i}`);
      if (i % columns === columns - 1) k.row();
    });
    if (items.length % columns !== 0) k.row();
    if (options.allLabel !== undefined) k.text(options.allLabel, `${prefix}:all`);
    return k.text(options.doneLabel, `${prefix}:go`).row().text(c.t("steps.cancelButton"), DIALOGUE_DATA.cancel);
  };
  const toggle = new RegExp(`^${prefix}:t:(\\d{1,4})$`);
  const read = (c: InnerContext) => {
    const data = c.callbackQuery?.data;
    if (data === undefined) return refuse(c.t("steps.pressButton"));
    if (data === `${prefix}:go`)
      return chosen.size === 0 && options.emptyHint ? refuse(options.emptyHint) : accept<Press>({ kind: "done" });
    if (data === `${prefix}:all` && options.allLabel !== undefined) return accept<Press>({ kind: "all" });
    const index = toggle.exec(data)?.[1];
    const item = index === undefined ? undefined : items[Number(index)];
    if (!item) return refuse(c.t("steps.pressButton"));
    if (item.fixed) return refuse(options.fixedHint ?? c.t("steps.pressButton"));
    return accept<Press>({ kind: "toggle", index: Number(index) });
  };

  let prompt: { text: string; keyboard: InlineKeyboard } | undefined = { text: options.prompt, keyboard: keyboard(ctx) };
  for (;;) {
    const press = await ask(conversation, ctx, read, prompt ? { prompt } : {});
    if (!press) return undefined;
    prompt = undefined;
    const c = press.ctx;
    await c.answerCallbackQuery();
    if (press.value.kind === "done") return { value: items.filter((item) => chosen.has(item.key)).map((item) => item.key), ctx: c };
    if (press.value.kind === "all") items.forEach((item) => chosen.add(item.key));
    else {
      const key = items[press.value.index]!.key;
      if (chosen.has(key)) chosen.delete(key);
      else chosen.add(key);
    }
    await c.editMessageReplyMarkup({ reply_markup: keyboard(c) });
  }
}
