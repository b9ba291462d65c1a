import {
  DIGEST_KINDS,
  ESCALATION_KINDS,
  messageGroupOf,
  type MessageGroup,
  type NotificationPayload,
  type StepPayload,
} from "./notification.js";

/** A claimed outbox row, its payload parsed. */
export interface OutboxItem {
  id: number;
  schoolId: number;
  userId: number;
  kind: string;
  urgent: boolean;
  payload: NotificationPayload;
}

/** One Telegram message to one person: a digest, a list of escalations, or a single notice. */
export interface MessagePlan {
  userId: number;
  group: MessageGroup;
  items: OutboxItem[];
}

const ORDER: readonly string[] = [...ESCALATION_KINDS, ...DIGEST_KINDS];

function stepOf(item: OutboxItem): Partial<StepPayload> {
  return item.payload as Partial<StepPayload>;
}

function byAttention(a: OutboxItem, b: OutboxItem): number {
  const pa = stepOf(a);
  const pb = stepOf(b);
  return (
    ORDER.indexOf(a.kind) - ORDER.indexOf(b.kind) ||
    (pa.dueOn ?? "").localeCompare(pb.dueOn ?? "") ||
    (pa.caseId ?? 0) - (pb.caseId ?? 0) ||
    a.id - b.id
  );
}

/**
 * Gathers rows into messages: each person's digest items into one message, their escalations
 * into another, everything else alone. Digest items past their day (`expiresAt`) are stale and
 * come back separately, to be dropped rather than sent.
 */
export function groupMessages(items: readonly OutboxItem[], now: Date): { messages: MessagePlan[]; expired: OutboxItem[] } {
  const expired: OutboxItem[] = [];
  const grouped = new Map<string, MessagePlan>();
  const messages: MessagePlan[] = [];
  for (const item of items) {
    const group = messageGroupOf(item.kind);
    const expiresAt = stepOf(item).expiresAt;
    if (group === "digest" && expiresAt && new Date(expiresAt) <= now) {
      expired.push(item);
      continue;
    }
    if (group === "single") {
      messages.push({ userId: item.userId, group, items: [item] });
      continue;
    }
    const key = `${item.userId}:${group}`;
    let message = grouped.get(key);
    if (!message) {
      message = { userId: item.userId, group, items: [] };
      grouped.set(key, message);
      messages.push(message);
    }
    message.items.push(item);
  }
  for (const message of messages) message.items.sort(byAttention);
  // Urgent first; otherwise the order the rows came in.
  messages.sort((a, b) => Number(b.items.some((i) => i.urgent)) - Number(a.items.some((i) => i.urgent)));
  return { messages, expired };
}
