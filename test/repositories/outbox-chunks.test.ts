import { describe, expect, it } from "vitest";
import type { PlannedNotification } from "../../src/domain/reminders/notification.js";
import { byPerson } from "../../src/repositories/outbox-repository.js";

const row = (userId: number, n: number) => ({ userId, key: `${userId}:${n}` }) as unknown as PlannedNotification;
const keys = (chunks: (readonly PlannedNotification[])[]) => chunks.map((c) => c.map((r) => r.key));

describe("the outbox's insert statements", () => {
  it("keep one call's rows in one statement when they fit, in the order planned", () => {
    expect(keys(byPerson([row(2, 1), row(1, 1), row(2, 2)], 3))).toEqual([["2:1", "1:1", "2:2"]]);
    expect(byPerson([], 3)).toEqual([]);
  });

  it("never split a person's rows across two statements, people in the order they first appear", () => {
    const rows = [row(5, 1), row(7, 1), row(5, 2), row(9, 1), row(7, 2), row(5, 3)];
    expect(keys(byPerson(rows, 4))).toEqual([
      ["5:1", "5:2", "5:3"],
      ["7:1", "7:2", "9:1"],
    ]);
    // A person with more rows than a statement holds still gets one statement of their own.
    expect(keys(byPerson([row(1, 1), row(2, 1), row(2, 2), row(2, 3)], 2))).toEqual([["1:1"], ["2:1", "2:2", "2:3"]]);
  });
});
