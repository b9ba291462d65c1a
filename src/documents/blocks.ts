/**
 * A document as plain blocks, written once and rendered twice: to DOCX for a school to edit
 * (render-docx.ts) and to PDF for sending (render-pdf.ts). The two never disagree on the words.
 */
export type Block =
  | { kind: "title"; text: string }
  | { kind: "heading"; text: string }
  | { kind: "text"; text: string; align?: "right" | "center" | "justify"; bold?: boolean; before?: number; indent?: boolean }
  /** A row of a single cell is a section heading across the whole table. */
  | { kind: "table"; header: readonly string[]; rows: readonly (readonly string[])[]; widths: readonly number[] };

export const title = (text: string): Block => ({ kind: "title", text });
export const heading = (text: string): Block => ({ kind: "heading", text });
export const text = (value: string, options: Omit<Extract<Block, { kind: "text" }>, "kind" | "text"> = {}): Block => ({
  kind: "text",
  text: value,
  ...options,
});
export const tableOf = (header: readonly string[], rows: readonly (readonly string[])[], widths: readonly number[]): Block => ({
  kind: "table",
  header,
  rows,
  widths,
});
