import { describe, expect, it } from "vitest";
import { groupMessages, type OutboxItem } from "../../../src/domain/reminders/group-messages.js";

const item = (id: number, userId: number, kind: string, payload: Record<string, unknown> = {}, urgent = false): OutboxItem => ({
  id,
  schoolId: 1,
  userId,
  kind,
  urgent,
  payload: { caseId: id, dueOn: "2025-11-05", ...payload } as never,
});

describe("gathering outbox rows into messages", () => {
  const now = new Date("2025-11-05T10:00:00Z");

  it("gives each person one digest and one list of escalations; other notices go alone", () => {
    const { messages } = groupMessages(
      [
        item(1, 10, "dueSoon", { dueOn: "2025-11-07" }),
        item(2, 20, "escalationDeputy"),
        item(3, 10, "overdue", { dueOn: "2025-11-01" }),
        item(4, 20, "escalationDeputy"),
        item(5, 20, "userUnreachable"),
        item(6, 10, "toldDeputy"),
        item(7, 30, "emergency", {}, true),
      ],
      now,
    );
    expect(messages.map((m) => [m.userId, m.group, m.items.map((i) => i.id)])).toEqual([
      [30, "single", [7]],
      [10, "digest", [3, 1, 6]],
      [20, "escalations", [2, 4]],
      [20, "single", [5]],
    ]);
  });

  it("drops digest items whose day is over, never escalations", () => {
    const { messages, expired } = groupMessages(
      [
        item(1, 10, "overdue", { expiresAt: "2025-11-04T16:00:00.000Z" }),
        item(2, 10, "dueToday", { expiresAt: "2025-11-05T16:00:00.000Z" }),
        item(3, 20, "escalationDeputy"),
      ],
      now,
    );
    expect(expired.map((i) => i.id)).toEqual([1]);
    expect(messages.map((m) => m.items.map((i) => i.id))).toEqual([[2], [3]]);
  });
});
