import { InlineKeyboard } from "grammy";
import { defineCallback, int, oneOf, optional, type CallbackCodec } from "../../../app/callback-data.js";
import type { BotConversation, InnerContext } from "../../context.js";
import { accept, ask, CANCEL_DATA, refuse, type Answer } from "./ask.js";

/*
 * Several of a list by toggle buttons (✅/▫️), then «Готово»: classes for an event, teachers for a
 * working group, colleagues for a meeting. Each press is a step of the dialogue, so the choice
 * survives a restart like any other answer.
 */

/**
 * A list's buttons: `<prefix>:t:<index>` toggles an item, `<prefix>:all`, `<prefix>:go` («Готово»),
 * `<prefix>:p:<page>` turns to a page of a long list.
 */
export type SelectPress = { action: "t" | "all" | "go" | "p"; index?: number };
export type SelectCodec = CallbackCodec<SelectPress>;

/** The codec of one dialogue's list (its own prefix, so a button of another list is not taken). */
export function selectCallback(prefix: string): SelectCodec {
  return defineCallback(prefix, { action: oneOf("t", "all", "go", "p"), index: optional(int(9999)) });
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
  /** Items a page; a longer list gets «◀ Назад» / «Дальше ▶» (choices on other pages are kept). All on one page unless said. */
  pageSize?: number;
}

type Press = { kind: "toggle"; index: number } | { kind: "all" } | { kind: "done" } | { kind: "page"; page: number };

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
  const pageSize = options.pageSize ?? Math.max(items.length, 1);
  const pages = Math.max(1, Math.ceil(items.length / pageSize));
  let page = 0;
  const keyboard = (c: InnerContext) => {
    const k = new InlineKeyboard();
    const shown = items.slice(page * pageSize, (page + 1) * pageSize);
    shown.forEach((item, n) => {
      k.text(`${chosen.has(item.key) ? "✅" : "▫️"} ${item.label}`, codec.encode({ action: "t", index: page * pageSize + n }));
      if (n % columns === columns - 1) k.row();
    });
    if (shown.length % columns !== 0) k.row();
    if (pages > 1) {
      if (page > 0) k.text(c.t("steps.previousPage"), codec.encode({ action: "p", index: page - 1 }));
      k.text(c.t("steps.page", { page: page + 1, pages }), codec.encode({ action: "p", index: page }));
      if (page < pages - 1) k.text(c.t("steps.nextPage"), codec.encode({ action: "p", index: page + 1 }));
      k.row();
    }
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
    if (action === "p" && index !== undefined && index < pages) return accept<Press>({ kind: "page", page: index });
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
    if (press.value.kind === "page") {
      if (press.value.page === page) continue;
      page = press.value.page;
    } else if (press.value.kind === "all") items.forEach((item) => chosen.add(item.key));
    else {
      const key = items[press.value.index]!.key;
      if (chosen.has(key)) chosen.delete(key);
      else chosen.add(key);
    }
    await c.editMessageReplyMarkup({ reply_markup: keyboard(c) });
  }
}
