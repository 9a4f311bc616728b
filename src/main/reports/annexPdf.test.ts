import { describe, expect, it } from 'vitest';
import { annexContent } from './annexPdf';

describe('the annex subset as pdfmake content', () => {
  it('lays out headings, paragraphs with emphasis, lists and tables with spans, short columns narrow', () => {
    const content = annexContent(
      [
        { tag: 'h2', align: 'center', children: ['Act'] },
        { tag: 'p', children: ['a ', { tag: 'strong', children: ['b'] }, { tag: 'br', children: [] }, { tag: 'em', children: ['c'] }] },
        'loose text',
        { tag: 'ul', children: [{ tag: 'li', children: ['one'] }] },
        {
          tag: 'table',
          children: [
            { tag: 'tr', children: [{ tag: 'th', children: ['#'] }, { tag: 'th', children: ['Check'] }] },
            { tag: 'tr', children: [{ tag: 'td', children: ['1'] }, { tag: 'td', children: ['Burner cleaned'] }] },
            { tag: 'tr', children: [{ tag: 'td', colspan: 2, children: ['Signed'] }] },
          ],
        },
      ],
      500,
    );
    expect(content[0]).toMatchObject({ text: ['Act'], bold: true, alignment: 'center' });
    expect(content[1]).toMatchObject({ text: ['a ', { text: ['b'], bold: true }, '\n', { text: ['c'], italics: true }] });
    expect(content[2]).toMatchObject({ text: ['loose text'] });
    expect(content[3]).toMatchObject({ ul: [{ text: ['one'] }] });
    const table = (content[4] as { table: { headerRows: number; widths: string[]; body: unknown[][] } }).table;
    expect(table.headerRows).toBe(1);
    expect(table.widths).toEqual(['auto', '*']);
    expect(table.body[2]).toEqual([{ text: ['Signed'], colSpan: 2 }, {}]);
  });
});
