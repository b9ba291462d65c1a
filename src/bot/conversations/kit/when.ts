import type { BotConversation, InnerContext } from "../../context.js";
import { momentInstant, parseMoment, type LocalMoment } from "../../../app/meetings/propose-meeting.js";
import { parseRussianDate, type LocalDate } from "../../../domain/dates.js";
import {
  accept,
  ask,
  askText,
  choiceKeyboard,
  refuse,
  textReader,
  type Answer,
  type Choices,
  type Pressed,
  type Prompt,
  type Reading,
} from "./ask.js";

/*
 * Dates and times in dialogues: typed as 25.11 or 25.11.2026, and «25.11 15:30».
 */

const WITH_YEAR = /^\s*\d{1,2}[./]\d{1,2}[./]\d{2,4}\s*$/;

/**
 * A date the teacher types as 25.11 or 25.11.2026. Without a year it is the latest such date not
 * after `today` (in January, 28.12 is last December).
 */
export function parsePastDate(text: string, today: LocalDate): LocalDate | undefined {
  const year = Number(today.slice(0, 4));
  const date = parseRussianDate(text, year);
  if (!date) return undefined;
  return !WITH_YEAR.test(text) && date > today ? parseRussianDate(text, year - 1) : date;
}

/** Like parsePastDate, for deadlines: without a year, the next such date on or after `today`. */
export function parseComingDate(text: string, today: LocalDate): LocalDate | undefined {
  const year = Number(today.slice(0, 4));
  const date = parseRussianDate(text, year);
  if (!date) return undefined;
  return !WITH_YEAR.test(text) && date < today ? parseRussianDate(text, year + 1) : date;
}

export interface DateOptions<V> {
  prompt: string | Prompt;
  today: LocalDate;
  /**
   * How a typed date is read: "past" (a year left out means the latest such date up to today),
   * "coming" (the next such date from today), or a reader of its own with its own hints.
   */
  read: "past" | "coming" | ((text: string, c: InnerContext) => Reading<LocalDate>);
  /** The hint for text that is no date; "steps.badDate" unless said (not used with a reader of its own). */
  badDate?: string;
  /** Further checks of the date (bounds): a hint, or undefined when it fits. */
  check?: (date: LocalDate, c: InnerContext) => string | undefined;
  /** Buttons that answer instead of a date («Сегодня», «Без срока»). */
  or?: Choices<V>;
  cancelButton?: boolean;
  hint?: string;
  buttonHint?: (data: string, c: InnerContext) => string;
}

/** A typed date (or one of the `or` buttons); undefined on «Отмена». */
export function askDate(
  conversation: BotConversation,
  ctx: InnerContext,
  options: DateOptions<never> & { or?: undefined },
): Promise<Answer<LocalDate> | undefined>;
export function askDate<V>(
  conversation: BotConversation,
  ctx: InnerContext,
  options: DateOptions<V>,
): Promise<Answer<LocalDate> | Pressed<V> | undefined>;
export async function askDate<V>(
  conversation: BotConversation,
  ctx: InnerContext,
  options: DateOptions<V>,
): Promise<Answer<LocalDate> | Pressed<V> | undefined> {
  const { read, today } = options;
  const readDate = (text: string, c: InnerContext): Reading<LocalDate> => {
    if (typeof read === "function") return read(text, c);
    const date = (read === "past" ? parsePastDate : parseComingDate)(text, today);
    return date ? accept(date) : refuse(c.t(options.badDate ?? "steps.badDate"));
  };
  const answer = await askText<V>(conversation, ctx, {
    prompt: options.prompt,
    max: 40,
    ...(options.or ? { or: options.or } : {}),
    ...(options.cancelButton !== undefined ? { cancelButton: options.cancelButton } : {}),
    ...(options.hint !== undefined ? { hint: options.hint } : {}),
    ...(options.buttonHint ? { buttonHint: options.buttonHint } : {}),
    check: (text, c) => {
      const date = readDate(text, c);
      if (!date.ok) return date.hint;
      return options.check?.(date.value, c);
    },
  });
  if (!answer || "pressed" in answer) return answer;
  const date = readDate(answer.value, answer.ctx);
  // The check above accepted it: the same text reads the same again.
  return { value: (date as { value: LocalDate }).value, ctx: answer.ctx };
}

export interface TimeOptions<V> {
  prompt: string | Prompt;
  today: LocalDate;
  timezone: string;
  /** The hint for text that is no «25.11 15:30». */
  badTime: string;
  /** When given, a moment that is not after `now()` is refused with `inPast` (checked outside the replay). */
  future?: { now: () => Date; inPast: string };
  or?: Choices<V>;
}

export interface Moment {
  moment: LocalMoment;
  /** The instant, ISO 8601 (it survives the dialogue's storage). */
  at: string;
}

/** «25.11 15:30» (a date and a time); with `future`, a moment still ahead. Undefined on «Отмена». */
export function askTime(
  conversation: BotConversation,
  ctx: InnerContext,
  options: TimeOptions<never> & { or?: undefined },
): Promise<Answer<Moment> | undefined>;
export function askTime<V>(
  conversation: BotConversation,
  ctx: InnerContext,
  options: TimeOptions<V>,
): Promise<Answer<Moment> | Pressed<V> | undefined>;
export async function askTime<V>(
  conversation: BotConversation,
  ctx: InnerContext,
  options: TimeOptions<V>,
): Promise<Answer<Moment> | Pressed<V> | undefined> {
  const read = textReader<V>({
    max: 40,
    ...(options.or ? { or: options.or } : {}),
    check: (text, c) => (parseMoment(text, options.today) ? undefined : c.t(options.badTime)),
  });
  let prompt: string | Prompt | undefined = withButtons(ctx, options);
  for (;;) {
    const answer: Answer<{ text: string } | { pressed: V }> | undefined = await ask(conversation, ctx, read, { prompt });
    if (!answer) return undefined;
    if ("pressed" in answer.value) {
      await answer.ctx.answerCallbackQuery();
      return { pressed: answer.value.pressed, ctx: answer.ctx };
    }
    const moment = parseMoment(answer.value.text, options.today)!;
    const at = momentInstant(moment, options.timezone);
    const future = options.future;
    if (!future || (await conversation.external(() => at.getTime() > future.now().getTime()))) {
      return { value: { moment, at: at.toISOString() }, ctx: answer.ctx };
    }
    // In the past: the hint, and the same question again (its buttons may have scrolled away).
    prompt = { text: answer.ctx.t(future.inPast), keyboard: withButtons(answer.ctx, options).keyboard };
    ctx = answer.ctx;
  }
}

function withButtons<V>(ctx: InnerContext, options: Pick<TimeOptions<V>, "prompt" | "or">): Prompt {
  const prompt = typeof options.prompt === "string" ? { text: options.prompt } : options.prompt;
  if (prompt.keyboard) return prompt;
  return { text: prompt.text, keyboard: choiceKeyboard(ctx, options.or) };
}

/** «15:30» on a moment. */
export function timeOf(moment: LocalMoment): string {
  return `${String(moment.hour).padStart(2, "0")}:${String(moment.minute).padStart(2, "0")}`;
}
