import type ExcelJS from "exceljs";
import type pdfmake from "pdfmake";

/*
 * Libraries only some requests need, loaded on the first of them rather than at start: exceljs
 * (an attendance or roster file, the dashboard's XLSX) and pdfmake (a PDF). Together ~50 MiB of a
 * process that otherwise idles at ~140 MiB, and ~0.5 s of its start (decision 024).
 */

let excel: Promise<typeof ExcelJS> | undefined;
let pdf: Promise<typeof pdfmake> | undefined;

export function loadExcelJS(): Promise<typeof ExcelJS> {
  excel ??= import("exceljs").then((module) => module.default);
  return excel;
}

export function loadPdfmake(): Promise<typeof pdfmake> {
  pdf ??= import("pdfmake").then((module) => module.default);
  return pdf;
}
