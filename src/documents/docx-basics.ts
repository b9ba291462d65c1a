import { AlignmentType, BorderStyle, Document, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from "docx";

/*
 * The few building blocks the school documents share: Times New Roman 14 (the usual font of a
 * Russian school's papers), A4 with 2 cm margins, plain paragraphs and a bordered table.
 * Each paragraph is one run, so its text stays whole in word/document.xml.
 */

const FONT = "Times New Roman";
/** docx counts font sizes in half-points. */
const SIZE = 28;
const CM = 567;

export function para(
  text: string,
  options: { align?: "right" | "center" | "justify"; bold?: boolean; before?: number; indent?: boolean } = {},
): Paragraph {
  const alignment =
    options.align === "right"
      ? AlignmentType.RIGHT
      : options.align === "center"
        ? AlignmentType.CENTER
        : options.align === "justify"
          ? AlignmentType.JUSTIFIED
          : AlignmentType.LEFT;
  return new Paragraph({
    alignment,
    spacing: { before: options.before ?? 0, after: 0 },
    ...(options.indent ? { indent: { firstLine: Math.round(1.25 * CM) } } : {}),
    children: [new TextRun({ text, bold: options.bold ?? false, font: FONT, size: SIZE })],
  });
}

export function table(header: readonly string[], rows: readonly (readonly string[])[], widths: readonly number[]): Table {
  const border = { style: BorderStyle.SINGLE, size: 4, color: "000000" };
  const cell = (text: string, bold: boolean, width: number, columnSpan = 1) =>
    new TableCell({
      width: { size: width, type: WidthType.PERCENTAGE },
      borders: { top: border, bottom: border, left: border, right: border },
      ...(columnSpan > 1 ? { columnSpan } : {}),
      children: [new Paragraph({ children: [new TextRun({ text, bold, font: FONT, size: 24 })] })],
    });
  // A row of one cell is a section heading across the table («Работа с семьёй»).
  const row = (cells: readonly string[]) =>
    cells.length === 1 && header.length > 1
      ? new TableRow({ children: [cell(cells[0] ?? "", true, 100, header.length)] })
      : new TableRow({ children: cells.map((text, i) => cell(text, false, widths[i] ?? 10)) });
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [new TableRow({ tableHeader: true, children: header.map((h, i) => cell(h, true, widths[i] ?? 10)) }), ...rows.map(row)],
  });
}

export async function packDocument(children: (Paragraph | Table)[]): Promise<Buffer> {
  const document = new Document({
    styles: { default: { document: { run: { font: FONT, size: SIZE } } } },
    sections: [{ properties: { page: { margin: { top: 2 * CM, bottom: 2 * CM, left: 3 * CM, right: 1.5 * CM } } }, children }],
  });
  return Packer.toBuffer(document);
}

/** "Иванов Пётр Сергеевич" → "П. С. Иванов", as a signature line writes it. */
export function signatureName(fullName: string): string {
  const [surname, ...rest] = fullName.trim().split(/\s+/);
  const initials = rest.map((p) => `${p[0]?.toUpperCase()}.`).join(" ");
  return initials ? `${initials} ${surname}` : (surname ?? "");
}
