import { createRequire } from "node:module";
import path from "node:path";
import type pdfmake from "pdfmake";
import type { Content, TableCell } from "pdfmake";
import type { Block } from "./blocks.js";

type TDocumentDefinitions = Parameters<typeof pdfmake.createPdf>[0];

/*
 * The blocks as a PDF (A4, the DOCX's margins) with pdfmake and the Roboto font files that ship in
 * its npm package: Cyrillic included, nothing fetched at run time. pdfmake may read only those
 * font files and no URL at all.
 */

const require = createRequire(import.meta.url);
const fontDir = path.join(path.dirname(require.resolve("pdfmake/package.json")), "fonts", "Roboto");
const FONT_FILES = {
  normal: path.join(fontDir, "Roboto-Regular.ttf"),
  bold: path.join(fontDir, "Roboto-Medium.ttf"),
  italics: path.join(fontDir, "Roboto-Italic.ttf"),
  bolditalics: path.join(fontDir, "Roboto-MediumItalic.ttf"),
};
const ALLOWED = new Set(Object.values(FONT_FILES));

let configured: Promise<typeof pdfmake> | undefined;
/** pdfmake, loaded on the first PDF rather than at start (~26 MiB, decision 024), with its fonts and what it may read. */
function pdfmakeReady(): Promise<typeof pdfmake> {
  configured ??= import("pdfmake").then(({ default: pdfmake }) => {
    pdfmake.setFonts({ Roboto: FONT_FILES });
    pdfmake.setUrlAccessPolicy(() => false);
    pdfmake.setLocalAccessPolicy((file) => ALLOWED.has(path.resolve(file)));
    return pdfmake;
  });
  return configured;
}

/** Points per centimetre. */
const CM = 72 / 2.54;

export async function renderPdf(blocks: readonly Block[], info: { title: string }): Promise<Buffer> {
  const definition: TDocumentDefinitions = {
    info: { title: info.title, creator: "Klassruk" },
    pageSize: "A4",
    pageMargins: [3 * CM, 2 * CM, 1.5 * CM, 2 * CM],
    defaultStyle: { font: "Roboto", fontSize: 11, lineHeight: 1.15 },
    content: blocks.map(contentOf),
    footer: (page: number, pages: number) => ({
      text: `${page} / ${pages}`,
      alignment: "center",
      fontSize: 9,
      margin: [0, 0.8 * CM, 0, 0],
    }),
  };
  return (await pdfmakeReady()).createPdf(definition).getBuffer();
}

function contentOf(block: Block): Content {
  switch (block.kind) {
    case "title":
      return { text: block.text, alignment: "center", bold: true, fontSize: 14, margin: [0, 0, 0, 6] };
    case "heading":
      return { text: block.text, bold: true, fontSize: 12, margin: [0, 12, 0, 4] };
    case "text":
      return {
        text: block.text,
        alignment: block.align ?? "left",
        bold: block.bold ?? false,
        margin: [block.indent ? 0.6 * CM : 0, (block.before ?? 0) / 20, 0, 0],
      };
    case "table": {
      const total = block.widths.reduce((sum, w) => sum + w, 0);
      return {
        margin: [0, 4, 0, 4],
        fontSize: 10,
        table: {
          headerRows: 1,
          dontBreakRows: true,
          widths: block.widths.map((w) => `${((w / total) * 100).toFixed(2)}%`),
          body: [block.header.map((h) => ({ text: h, bold: true })), ...block.rows.map((row) => pdfRow(row, block.header.length))],
        },
      };
    }
  }
}

/** A row of one cell is a section heading across the table, as in the DOCX. */
function pdfRow(row: readonly string[], columns: number): TableCell[] {
  if (row.length === 1 && columns > 1) {
    return [{ text: row[0] ?? "", bold: true, colSpan: columns }, ...Array.from({ length: columns - 1 }, (): TableCell => ({}))];
  }
  return row.map((cell) => ({ text: cell }));
}
