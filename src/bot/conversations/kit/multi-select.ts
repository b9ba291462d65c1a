import { InlineKeyboard } from "grammy";
import { defineCallback, int, oneOf, optional, type CallbackCodec } from "../../../app/callback-data.js";
import type { BotConversation, InnerContext } from "../../context.js";
import { accept, ask, CANCEL_DATA, refuse, type Answer } from "./ask.js";

/*
 * Several of a list by toggle buttons (✅/▫️), then «Готово»: classes for an event, teachers for a
 * working group, colleagues for a meeting. Each press is a step of the dialogue, so the choice
 * survives a restart like any other answer.
 */

/** A list's buttons: `<prefix>:t:<index>` toggles an item, `<prefix>:all`, `<prefix>:go` («Готово»). */
export type SelectPress = { action: "t" | "all" | "go"; index?: number };
export type SelectCodec = CallbackCodec<SelectPress>;

/** The codec of one dialogue's list (its own prefix, so a button of another list is not taken). */
export function selectCallback(prefix: string): SelectCodec {
  return defineCallback(prefix, { action: oneOf("t", "all", "go"), index: optional(int(9999)) });
}

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
  /** The list's buttons (selectCallback). */
  codec: SelectCodec;
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
  const { items, codec } = options;
  const chosen = new Set<K>(options.initial ?? []);
  for (const item of items) if (item.fixed) chosen.add(item.key);
  const columns = options.columns ?? 1;
  const keyboard = (c: InnerContext) => {
    const k = new InlineKeyboard();
    items.forEach((item, i) => {
      k.text(`${chosen.has(item.key) ? "✅" : "▫️"} ${item.label}`, codec.encode({ action: "t", index: i }));
      if (i % columns === columns - 1) k.row();
    });
    if (items.length % columns !== 0) k.row();
    if (options.allLabel !== undefined) k.text(options.allLabel, codec.encode({ action: "all" }));
    return k
      .text(options.doneLabel, codec.encode({ action: "go" }))
      .row()
      .text(c.t("steps.cancelButton"), CANCEL_DATA);
  };
  const read = (c: InnerContext) => {
    const data = c.callbackQuery?.data;
    const pressed = data === undefined ? undefined : codec.decode(data);
    if (pressed === undefined) return refuse(c.t("steps.pressButton"));
    const { action, index } = pressed;
    if (action === "go" && index === undefined)
      return chosen.size === 0 && options.emptyHint ? refuse(options.emptyHint) : accept<Press>({ kind: "done" });
    if (action === "all" && index === undefined && options.allLabel !== undefined) return accept<Press>({ kind: "all" });
    const item = action === "t" && index !== undefined ? items[index] : undefined;
    if (!item) return refuse(c.t("steps.pressButton"));
    if (item.fixed) return refuse(options.fixedHint ?? c.t("steps.pressButton"));
    return accept<Press>({ kind: "toggle", index: index! });
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
