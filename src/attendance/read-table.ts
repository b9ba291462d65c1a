import type ExcelJS from "exceljs";
import { loadExcelJS } from "../heavy-modules.js";
import { parse } from "csv-parse/sync";
import { decodeCsv } from "../roster/decode-csv.js";
import { detectDelimiter } from "../roster/parse-roster.js";

/*
 * A spreadsheet as rows of text with their line numbers, from the bytes a teacher uploads: XLSX
 * (read with exceljs, the first worksheet; a date cell becomes dd.mm.yyyy) or CSV in UTF-8 or
 * Windows-1251 with «;» or «,». Empty rows are dropped; line numbers stay those of the file.
 */

export interface TableRow {
  line: number;
  cells: string[];
}

export type ReadTable = { kind: "ok"; rows: TableRow[] } | { kind: "damaged" };

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];

export function looksLikeXlsx(bytes: Uint8Array): boolean {
  return ZIP_MAGIC.every((b, i) => bytes[i] === b);
}

export async function readTable(bytes: Uint8Array): Promise<ReadTable> {
  return looksLikeXlsx(bytes) ? readXlsx(bytes) : readCsv(bytes);
}

async function readXlsx(bytes: Uint8Array): Promise<ReadTable> {
  const workbook = new (await loadExcelJS()).Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  } catch {
    return { kind: "damaged" };
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) return { kind: "damaged" };
  const rows: TableRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, line) => {
    const cells: string[] = [];
    for (let column = 1; column <= row.cellCount; column++) cells.push(cellText(row.getCell(column).value));
    if (cells.some((cell) => cell !== "")) rows.push({ line, cells });
  });
  return { kind: "ok", rows };
}

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return "";
  if (value instanceof Date) {
    // Excel keeps a date as a UTC midnight: its calendar date is the UTC one.
    const dd = String(value.getUTCDate()).padStart(2, "0");
    const mm = String(value.getUTCMonth() + 1).padStart(2, "0");
    return `${dd}.${mm}.${value.getUTCFullYear()}`;
  }
  if (typeof value === "object") {
    if ("richText" in value)
      return value.richText
        .map((part) => part.text)
        .join("")
        .trim();
    if ("result" in value) return cellText(value.result as ExcelJS.CellValue);
    if ("text" in value) return String(value.text).trim();
    return "";
  }
  return String(value).trim();
}

function readCsv(bytes: Uint8Array): ReadTable {
  const text = decodeCsv(bytes);
  try {
    const records = parse(text, {
      delimiter: detectDelimiter(text),
      info: true,
      bom: true,
      trim: true,
      skip_empty_lines: true,
      relax_column_count: true,
      relax_quotes: true,
    }) as unknown as { record: string[]; info: { lines: number } }[];
    return {
      kind: "ok",
      rows: records.filter((r) => r.record.some((cell) => cell !== "")).map((r) => ({ line: r.info.lines, cells: r.record })),
    };
  } catch {
    return { kind: "damaged" };
  }
}
