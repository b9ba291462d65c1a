import type { Block } from "./blocks.js";
import { packDocument, para, table } from "./docx-basics.js";

/** The blocks as a DOCX in the school's layout (Times New Roman 14, A4; docx-basics.ts). */
export function renderDocx(blocks: readonly Block[]): Promise<Buffer> {
  return packDocument(
    blocks.map((block) => {
      switch (block.kind) {
        case "title":
          return para(block.text, { align: "center", bold: true });
        case "heading":
          return para(block.text, { bold: true, before: 240 });
        case "text":
          return para(block.text, {
            ...(block.align ? { align: block.align } : {}),
            ...(block.bold ? { bold: true } : {}),
            ...(block.before !== undefined ? { before: block.before } : {}),
            ...(block.indent ? { indent: true } : {}),
          });
        case "table":
          return table(block.header, block.rows, block.widths);
      }
    }),
  );
}
