import type { Context } from "grammy";
import type { ConversationData, ConversationStorage, VersionedState } from "@grammyjs/conversations";
import type { DialogueStateStore } from "../app/people/identify-sender.js";

/** A chat's dialogue state is the Session row "conv:<chat id>" (the plugin's key storage with this prefix wrote it so). */
const KEY_PREFIX = "conv:";

export function conversationKey(ctx: Context): string | undefined {
  return ctx.chatId === undefined ? undefined : KEY_PREFIX + ctx.chatId.toString();
}

/** The stored value read for this update (null: no row), until the storage takes it. */
const held = new WeakMap<Context, string | null>();
/** What the storage read in this update, to tell an unchanged state from a changed one. */
const readValues = new WeakMap<Context, string | null>();

/** Hands the storage the value the update's first read already fetched (see appContext). */
export function holdConversationState(ctx: Context, value: string | null) {
  held.set(ctx, value);
}

/**
 * The conversations plugin's storage: the same rows and format as PrismaAdapter under the key
 * "conv:<chat id>", but
 * - the read uses the value fetched together with the sender at the start of this update, if
 *   any (taken once: a second read in the same update asks the database again);
 * - the write is skipped when the state is exactly what this update read (nothing changed).
 * Nothing outlives the update: the values are kept per context object.
 */
export function conversationStorage<C extends Context>(
  rows: DialogueStateStore,
  version: number,
): ConversationStorage<C, ConversationData> {
  return {
    type: "context",
    version,
    adapter: {
      async read(ctx) {
        const key = conversationKey(ctx);
        if (key === undefined) return undefined;
        let value = held.get(ctx);
        held.delete(ctx);
        if (value === undefined) value = await rows.read(key);
        readValues.set(ctx, value);
        return value ? (JSON.parse(value) as VersionedState<ConversationData>) : undefined;
      },
      async write(ctx, state) {
        const key = conversationKey(ctx);
        if (key === undefined) return;
        const read = readValues.get(ctx);
        if (read !== undefined && read !== null && read === JSON.stringify(state)) return;
        readValues.delete(ctx);
        await rows.write(key, state);
      },
      async delete(ctx) {
        const key = conversationKey(ctx);
        if (key === undefined) return;
        readValues.delete(ctx);
        await rows.delete(key);
      },
    },
  };
}
