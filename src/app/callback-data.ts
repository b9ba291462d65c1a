/*
 * One codec for every button's callback data: "<prefix>:<field>:<field>…", typed fields in and out.
 * The prefix is the family's word, optionally followed by words that name the button ("adm:s:in").
 * Telegram allows 64 bytes, so encoding longer data throws; decoding rejects anything that does not
 * parse (another prefix, a non-integer, a number out of range, a missing or an extra part).
 * Nothing decoded is trusted: the handler still asks the use case, which asks the access policy.
 * No grammY here: use cases write notices that carry buttons.
 */

export const MAX_CALLBACK_BYTES = 64;

/** One part of the data. */
export interface FieldCodec<T> {
  readonly optional: boolean;
  encode(value: T): string;
  decode(text: string): T | undefined;
}

/** A whole number from 0 to `max` (by default the 9 digits the bot's ids have always had). */
export function int(max = 999_999_999): FieldCodec<number> & { optional: false } {
  return {
    optional: false,
    encode(value) {
      if (!Number.isSafeInteger(value) || value < 0 || value > max)
        throw new RangeError(`callback data: ${value} is not an integer in 0..${max}`);
      return String(value);
    },
    decode(text) {
      if (!/^\d{1,16}$/.test(text)) return undefined;
      const value = Number(text);
      // The canonical spelling only: "007" is not a button we made.
      return value <= max && String(value) === text ? value : undefined;
    },
  };
}

/** One of a few fixed words. */
export function oneOf<const V extends string>(...values: V[]): FieldCodec<V> & { optional: false } {
  return {
    optional: false,
    encode(value) {
      if (!values.includes(value)) throw new RangeError(`callback data: "${value}" is not one of ${values.join(", ")}`);
      return value;
    },
    decode: (text) => ((values as string[]).includes(text) ? (text as V) : undefined),
  };
}

/** A short word of letters and digits (any script), up to `maxChars`: e.g. a journal's mark. */
export function word(maxChars: number): FieldCodec<string> & { optional: false } {
  const pattern = new RegExp(`^[\\p{L}\\p{N}]{1,${maxChars}}$`, "u");
  return {
    optional: false,
    encode(value) {
      if (!pattern.test(value)) throw new RangeError(`callback data: "${value}" is not a word of up to ${maxChars} letters`);
      return value;
    },
    decode: (text) => (pattern.test(text) ? text : undefined),
  };
}

/** A trailing part that may be left out. */
export function optional<T>(field: FieldCodec<T>): FieldCodec<T> & { optional: true } {
  return { optional: true, encode: (value) => field.encode(value), decode: (text) => field.decode(text) };
}

type Fields = Record<string, FieldCodec<any>>;
type ValueOf<C> = C extends FieldCodec<infer T> ? T : never;
type OptionalKeys<F extends Fields> = { [K in keyof F]: F[K] extends { optional: true } ? K : never }[keyof F];
type Simplify<T> = { [K in keyof T]: T[K] };
/** The typed fields of a codec: required ones, and the optional trailing ones. */
export type CallbackValues<F extends Fields> = Simplify<
  { [K in Exclude<keyof F, OptionalKeys<F>>]: ValueOf<F[K]> } & { [K in OptionalKeys<F>]?: ValueOf<F[K]> }
>;

export interface CallbackCodec<T> {
  readonly prefix: string;
  encode(values: T): string;
  decode(data: string): T | undefined;
}

/**
 * A codec for "<prefix>:<fields in order>". Optional fields come last; when one is left out, so are
 * those after it. A prefix may be several words ("set:mute:off"); a codec without fields is the
 * prefix alone.
 */
export function defineCallback<const F extends Fields>(prefix: string, fields: F): CallbackCodec<CallbackValues<F>> {
  if (!/^[a-z]{1,8}(?::[a-z]{1,8})*$/.test(prefix)) throw new Error(`callback data: bad prefix "${prefix}"`);
  const entries = Object.entries(fields);
  const required = entries.findIndex(([, f]) => f.optional);
  const minParts = required === -1 ? entries.length : required;
  if (entries.slice(minParts).some(([, f]) => !f.optional)) throw new Error(`callback data "${prefix}": optional fields must come last`);
  return {
    prefix,
    encode(values) {
      const parts = [prefix];
      const record = values as Record<string, unknown>;
      for (const [i, [name, field]] of entries.entries()) {
        const value = record[name];
        if (value === undefined) {
          if (i < minParts) throw new RangeError(`callback data "${prefix}": ${name} is missing`);
          break;
        }
        parts.push(field.encode(value));
      }
      const data = parts.join(":");
      const bytes = utf8Length(data);
      if (bytes > MAX_CALLBACK_BYTES) throw new RangeError(`callback data "${data}" is ${bytes} bytes, more than ${MAX_CALLBACK_BYTES}`);
      return data;
    },
    decode(data) {
      if (utf8Length(data) > MAX_CALLBACK_BYTES) return undefined;
      if (data !== prefix && !data.startsWith(`${prefix}:`)) return undefined;
      const parts = data === prefix ? [] : data.slice(prefix.length + 1).split(":");
      if (parts.length < minParts || parts.length > entries.length) return undefined;
      const values: Record<string, unknown> = {};
      for (const [i, text] of parts.entries()) {
        const [name, field] = entries[i]!;
        const value = field.decode(text);
        if (value === undefined) return undefined;
        values[name] = value;
      }
      return values as CallbackValues<F>;
    },
  };
}

function utf8Length(text: string): number {
  return new TextEncoder().encode(text).length;
}
