import { createRequire } from 'node:module';
import path from 'node:path';
import pdfmake from 'pdfmake';
import type { Content, CustomTableLayout, TDocumentDefinitions } from 'pdfmake/interfaces';

/**
 * PDF through pdfmake with DejaVu Sans embedded (subset): Latin Extended (ă ș ț ā ē ķ ļ ņ š ž ą ė į ų), Cyrillic and Armenian.
 * The fonts come from the `dejavu-fonts-ttf` package; nothing is fetched and no other local file is read.
 */
const require = createRequire(import.meta.url);
export const FONT_DIR = path.dirname(require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf'));
const ttf = (name: string) => path.join(FONT_DIR, name);

export const FONTS = {
  DejaVuSans: { normal: ttf('DejaVuSans.ttf'), bold: ttf('DejaVuSans-Bold.ttf'), italics: ttf('DejaVuSans-Oblique.ttf'), bolditalics: ttf('DejaVuSans-BoldOblique.ttf') },
  /** Narrower glyphs for dense tables. */
  DejaVuSansCondensed: {
    normal: ttf('DejaVuSansCondensed.ttf'),
    bold: ttf('DejaVuSansCondensed-Bold.ttf'),
    italics: ttf('DejaVuSansCondensed-Oblique.ttf'),
    bolditalics: ttf('DejaVuSansCondensed-BoldOblique.ttf'),
  },
};

let ready = false;
function engine(): typeof pdfmake {
  if (!ready) {
    pdfmake.setFonts(structuredClone(FONTS));
    pdfmake.setUrlAccessPolicy(() => false);
    pdfmake.setLocalAccessPolicy((p) => path.resolve(p).startsWith(FONT_DIR + path.sep));
    pdfmake.addTableLayouts(TABLE_LAYOUTS);
    ready = true;
  }
  return pdfmake;
}

const GRID = '#9aa3ad';
export const TABLE_LAYOUTS: Record<string, CustomTableLayout> = {
  /** Dense list: thin horizontal rules, tight padding, a shaded header row. */
  dense: {
    hLineWidth: (i, node) => (i === 0 || i === node.table.headerRows || i === node.table.body.length ? 0.7 : 0.25),
    vLineWidth: () => 0,
    hLineColor: () => GRID,
    paddingLeft: () => 2,
    paddingRight: () => 2,
    paddingTop: () => 1.2,
    paddingBottom: () => 1.2,
    fillColor: (row, node) => (row < (node.table.headerRows ?? 0) ? '#e8ecf0' : null),
  },
  /** Form boxes: label/value pairs in a light grid. */
  form: {
    hLineWidth: () => 0.4,
    vLineWidth: () => 0.4,
    hLineColor: () => GRID,
    vLineColor: () => GRID,
    paddingLeft: () => 3,
    paddingRight: () => 3,
    paddingTop: () => 2,
    paddingBottom: () => 2,
  },
};

export interface Frame {
  orgName: string;
  title: string;
  /** Under the title on the first page: the document number, the filters, the date range. */
  subtitle?: string;
  /** "Printed 23.11.2026 11:00 by Ilze Kalniņa" (already translated). */
  printed: string;
  /** "Page {{page}} of {{pages}}" in the reader's language. */
  pageText: (page: number, pages: number) => string;
  landscape?: boolean;
  language: string;
}

const MARGIN_X = 28;

/** A4 with the organization and the report's title on every page and "printed at … page x of y" at the foot. */
export function documentFor(frame: Frame, body: Content[], pages: { count: number }): TDocumentDefinitions {
  return {
    pageSize: 'A4',
    pageOrientation: frame.landscape ? 'landscape' : 'portrait',
    pageMargins: [MARGIN_X, 44, MARGIN_X, 36],
    language: frame.language,
    info: { title: frame.title, author: frame.orgName, creator: 'Planora', producer: 'Planora' },
    defaultStyle: { font: 'DejaVuSans', fontSize: 8, lineHeight: 1.1 },
    styles: {
      title: { fontSize: 14, bold: true, margin: [0, 0, 0, 2] },
      subtitle: { fontSize: 8.5, color: '#444444', margin: [0, 0, 0, 8] },
      section: { fontSize: 9.5, bold: true, margin: [0, 8, 0, 3] },
      th: { bold: true, font: 'DejaVuSansCondensed' },
      dense: { font: 'DejaVuSansCondensed' },
      label: { color: '#555555', fontSize: 7 },
      muted: { color: '#666666', italics: true },
    },
    header: (_page, _count, size) => ({
      margin: [MARGIN_X, 16, MARGIN_X, 0],
      stack: [
        {
          columns: [
            { text: frame.orgName, bold: true, fontSize: 8.5 },
            { text: frame.title, alignment: 'right', fontSize: 8.5, color: '#333333' },
          ],
        },
        { canvas: [{ type: 'line', x1: 0, y1: 3, x2: size.width - 2 * MARGIN_X, y2: 3, lineWidth: 0.6, lineColor: '#555555' }] },
      ],
    }),
    footer: (page, count, size) => {
      pages.count = Math.max(pages.count, count);
      return {
        margin: [MARGIN_X, 10, MARGIN_X, 0],
        stack: [
          { canvas: [{ type: 'line', x1: 0, y1: 0, x2: size.width - 2 * MARGIN_X, y2: 0, lineWidth: 0.4, lineColor: '#999999' }] },
          {
            margin: [0, 3, 0, 0],
            columns: [
              { text: frame.printed, fontSize: 7, color: '#555555' },
              { text: frame.pageText(page, count), alignment: 'right', fontSize: 7, color: '#555555' },
            ],
          },
        ],
      };
    },
    content: [{ text: frame.title, style: 'title' }, ...(frame.subtitle ? [{ text: frame.subtitle, style: 'subtitle' }] : [{ text: '', margin: [0, 0, 0, 6] } as Content]), ...body],
  };
}

/** Lays the document out and writes it; answers the number of pages. */
export async function writePdf(frame: Frame, body: Content[], file: string): Promise<number> {
  const pages = { count: 0 };
  const doc = documentFor(frame, body, pages);
  await engine().createPdf(doc).write(file);
  return pages.count;
}

/** The usable width of an A4 page between the margins. */
export function contentWidth(landscape: boolean): number {
  return (landscape ? 841.89 : 595.28) - 2 * MARGIN_X;
}
