import type { Context } from "grammy";
import type { ConversationData, ConversationStorage, VersionedState } from "@grammyjs/conversations";
import type { DialogueStateStore } from "../app/people/identify-sender.js";

/** A chat's dialogue state is the Session row "conv:<chat id>" (the plugin's key storage with this prefix wrote it so). */
const KEY_PREFIX = "conv:";

export function conversationKey(ctx: Context): string | undefined {
  return ctx.chatId === undefined ? undefined : KEY_PREFIX + ctx.chatId.toString();
}

/** What the storage read in this update, to tell an unchanged state from a changed one. */
const readValues = new WeakMap<Context, string | null>();

/**
 * The conversations plugin's storage: the same rows and format as PrismaAdapter under the key
 * "conv:<chat id>", but the write is skipped when the state is exactly what this update read
 * (nothing changed). Nothing outlives the update: the value read is kept per context object.
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
        const value = await rows.read(key);
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
