import type ExcelJS from "exceljs";

/*
 * exceljs, loaded on the first file that needs it (a journal or roster file, the dashboard's XLSX)
 * rather than at start: ~27 MiB and ~0.3 s of a process that otherwise idles at ~140 MiB (decision
 * 024). pdfmake is loaded the same way by render-pdf.ts, the DOCX builders by load-documents.ts.
 */

let excel: Promise<typeof ExcelJS> | undefined;

export function loadExcelJS(): Promise<typeof ExcelJS> {
  excel ??= import("exceljs").then((module) => module.default);
  return excel;
}
