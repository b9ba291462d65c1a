import { Composer, type Context } from "grammy";
import { describe, expect, it } from "vitest";
import { inTurn } from "../../src/bot/middleware/in-turn.js";

/*
 * The features take an update in turn (decision 023): the first part that does not pass it on has
 * handled it, the chain goes on after the last one, and a part's code after `await next()` runs
 * before the later parts (the one difference from grammY's nesting, why the menu stays outside).
 */

const update = { text: "" } as unknown as Context;

function recorder() {
  const seen: string[] = [];
  const passes = (name: string) => async (_ctx: Context, next: () => Promise<void>) => {
    seen.push(name);
    await next();
  };
  const handles = (name: string) => async () => {
    seen.push(name);
  };
  return { seen, passes, handles };
}

describe("parts taking an update in turn", () => {
  it("stops at the first part that handles it; the chain does not go on", async () => {
    const { seen, passes, handles } = recorder();
    const after = async () => void seen.push("after");
    await inTurn<Context>(passes("a"), handles("b"), handles("c"))(update, after);
    expect(seen).toEqual(["a", "b"]);
  });

  it("goes on after the last part when every part passes it on", async () => {
    const { seen, passes } = recorder();
    await inTurn<Context>(passes("a"), passes("b"))(update, async () => void seen.push("after"));
    expect(seen).toEqual(["a", "b", "after"]);
  });

  it("takes grammY composers: a filter that does not match passes the update on", async () => {
    const { seen } = recorder();
    const commands = new Composer<Context>();
    commands.filter(
      () => false,
      () => void seen.push("never"),
    );
    const fallback = new Composer<Context>();
    fallback.use(() => void seen.push("fallback"));
    await inTurn<Context>(commands, fallback)(update, async () => void seen.push("after"));
    expect(seen).toEqual(["fallback"]);
  });

  it("runs a part's code after `await next()` before the later parts", async () => {
    const seen: string[] = [];
    const wraps = async (_ctx: Context, next: () => Promise<void>) => {
      await next();
      seen.push("a, after next");
    };
    await inTurn<Context>(wraps, async () => void seen.push("b"))(update, async () => undefined);
    expect(seen).toEqual(["a, after next", "b"]);
  });

  it("lets a part's error through, and no later part runs", async () => {
    const { seen, handles } = recorder();
    const fails = async () => {
      throw new Error("refused");
    };
    await expect(inTurn<Context>(fails, handles("b"))(update, async () => undefined)).rejects.toThrow("refused");
    expect(seen).toEqual([]);
  });
});
