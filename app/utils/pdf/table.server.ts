/**
 * A three-line table (三线表) across the content box: a banded header repeated on every page the table
 * runs onto, hairlines between rows, an optional bold total row, and "keep with next": the last rows travel
 * to the next page together with whatever must follow the table (a signature block), so that block is never
 * left alone on a page.
 */
import { addFramedPage, COLOR, type Doc, FONT, type PageBox, rule, sectionHeading } from "./document.server";

export interface TableColumn<Key extends string> {
  key: Key;
  width: number;
  align: "left" | "center" | "right";
}

export type TableRow<Key extends string> = Record<Key, string>;

export interface TableOptions<Key extends string> {
  columns: readonly TableColumn<Key>[];
  header: TableRow<Key>;
  rows: readonly TableRow<Key>[];
  total?: TableRow<Key>;
  heading: string;
  /** The heading on each further page the table continues onto. */
  continuedHeading: string;
  /** What must follow the table on its last page: its height, and how many rows at least go with it. */
  keepWithNext?: { height: number; rows: number };
  fontSize?: number;
}

const CELL_PAD_X = 6;
const CELL_PAD_Y = 4;
const LINE_GAP = 1.5;

export function drawTable<Key extends string>(doc: Doc, box: PageBox, options: TableOptions<Key>): void {
  const size = options.fontSize ?? 10;
  const { columns } = options;
  const rowHeight = (row: TableRow<Key>, bold: boolean): number => {
    doc.font(bold ? FONT.bold : FONT.regular).fontSize(size);
    const heights = columns.map((column) =>
      doc.heightOfString(row[column.key], { width: column.width - 2 * CELL_PAD_X, lineGap: LINE_GAP }),
    );
    return Math.max(...heights) + 2 * CELL_PAD_Y;
  };
  const drawRow = (row: TableRow<Key>, y: number, height: number, bold: boolean): void => {
    let x = box.marginX;
    doc
      .font(bold ? FONT.bold : FONT.regular)
      .fontSize(size)
      .fillColor(COLOR.ink);
    for (const column of columns) {
      doc.text(row[column.key], x + CELL_PAD_X, y + CELL_PAD_Y, {
        width: column.width - 2 * CELL_PAD_X,
        align: column.align,
        lineGap: LINE_GAP,
      });
      x += column.width;
    }
    doc.x = box.marginX;
    doc.y = y + height;
  };
  const drawHeader = (): void => {
    const height = rowHeight(options.header, true);
    const y = doc.y;
    doc.save().rect(box.marginX, y, box.contentWidth, height).fill(COLOR.band).restore();
    rule(doc, box, y, 1.4);
    drawRow(options.header, y, height, true);
    rule(doc, box, y + height, 0.6);
  };
  const continueOnNewPage = (): void => {
    rule(doc, box, doc.y, 1.4);
    addFramedPage(doc, box);
    sectionHeading(doc, box, options.continuedHeading);
    drawHeader();
  };

  const heights = options.rows.map((row) => rowHeight(row, false));
  const totalHeight = options.total ? rowHeight(options.total, true) : 0;
  const keep = options.keepWithNext;
  const firstKept = keep ? Math.max(1, options.rows.length - keep.rows) : Number.POSITIVE_INFINITY;

  sectionHeading(doc, box, options.heading);
  drawHeader();
  options.rows.forEach((row, index) => {
    const height = heights[index]!;
    const overflows = doc.y + height > box.contentBottom;
    const remainder = heights.slice(index).reduce((sum, h) => sum + h, 0) + totalHeight + (keep?.height ?? 0);
    const tailWouldBeOrphaned = index === firstKept && doc.y + remainder > box.contentBottom;
    if (overflows || tailWouldBeOrphaned) continueOnNewPage();
    const y = doc.y;
    drawRow(row, y, height, false);
    rule(doc, box, y + height, 0.3, COLOR.hairline);
  });
  if (options.total) {
    if (doc.y + totalHeight > box.contentBottom) continueOnNewPage();
    const y = doc.y;
    rule(doc, box, y, 0.6);
    drawRow(options.total, y, totalHeight, true);
    rule(doc, box, y + totalHeight, 1.4);
  }
}
