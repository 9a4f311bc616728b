import type { Content, ContentText, TableCell } from 'pdfmake/interfaces';
import type { AnnexElement, AnnexNode, AnnexTag } from '../../shared/api/annexForms';

const HEADING: Partial<Record<AnnexTag, { fontSize: number; margin: [number, number, number, number] }>> = {
  h1: { fontSize: 14, margin: [0, 6, 0, 6] },
  h2: { fontSize: 12, margin: [0, 6, 0, 4] },
  h3: { fontSize: 10.5, margin: [0, 4, 0, 3] },
  h4: { fontSize: 9.5, margin: [0, 4, 0, 2] },
};
const INLINE = new Set<AnnexTag>(['strong', 'em', 'u', 'br']);
const isInline = (n: AnnexNode) => typeof n === 'string' || INLINE.has(n.tag);

/** Running text: words with their bold, italics and underlines; a line break is a new line. */
function inline(nodes: AnnexNode[]): (string | ContentText)[] {
  return nodes.map((n): string | ContentText => {
    if (typeof n === 'string') return n;
    if (n.tag === 'br') return '\n';
    const text = inline(n.children);
    if (n.tag === 'strong') return { text, bold: true };
    if (n.tag === 'em') return { text, italics: true };
    if (n.tag === 'u') return { text, decoration: 'underline' };
    return { text };
  });
}

/** Blocks in order; running text between blocks becomes a paragraph of its own. */
function blocks(nodes: AnnexNode[], width: number): Content[] {
  const out: Content[] = [];
  let run: AnnexNode[] = [];
  const flush = () => {
    if (run.length) out.push({ text: inline(run), margin: [0, 0, 0, 4] });
    run = [];
  };
  for (const n of nodes) {
    if (isInline(n)) run.push(n);
    else {
      flush();
      const b = block(n as AnnexElement, width);
      if (b) out.push(b);
    }
  }
  flush();
  return out;
}

/** What a list item or table cell holds: its running text alone, or its blocks stacked. */
function cellContent(nodes: AnnexNode[], width: number): Content {
  if (nodes.every(isInline)) return { text: inline(nodes) };
  return { stack: blocks(nodes, width) };
}

function table(el: AnnexElement, width: number): Content | null {
  const rows = el.children.filter((r): r is AnnexElement => typeof r !== 'string' && r.tag === 'tr');
  const span = (c: AnnexElement) => c.colspan ?? 1;
  const cols = Math.max(0, ...rows.map((r) => r.children.reduce<number>((n, c) => n + (typeof c === 'string' ? 0 : span(c)), 0)));
  if (!cols) return null;
  const body: TableCell[][] = rows.map((r) => {
    const cells: TableCell[] = [];
    for (const c of r.children) {
      if (typeof c === 'string' || cells.length >= cols) continue;
      const s = Math.min(span(c), cols - cells.length);
      const content = cellContent(c.children, width / cols);
      cells.push({ ...(content as object), ...(c.tag === 'th' ? { bold: true, fillColor: '#eef1f4' } : {}), ...(c.align ? { alignment: c.align } : {}), ...(s > 1 ? { colSpan: s } : {}) } as TableCell);
      for (let i = 1; i < s; i++) cells.push({});
    }
    while (cells.length < cols) cells.push({ text: '' });
    return cells;
  });
  // A column of short marks (numbers, boxes) takes only its width; the others share the rest.
  const plain = (n: AnnexNode): string => (typeof n === 'string' ? n : n.children.map(plain).join(''));
  const longest = Array.from({ length: cols }, () => 0);
  for (const r of rows) {
    let at = 0;
    for (const c of r.children) {
      if (typeof c === 'string') continue;
      if (span(c) === 1 && at < cols) longest[at] = Math.max(longest[at]!, plain(c).trim().length);
      at += span(c);
    }
  }
  const widths = longest.map((n) => (n <= 3 && longest.some((m) => m > 3) ? 'auto' : '*'));
  // Leading rows of header cells repeat on each page the table runs onto.
  let headerRows = 0;
  while (headerRows < rows.length && rows[headerRows]!.children.every((c) => typeof c === 'string' || c.tag === 'th')) headerRows++;
  return { table: { headerRows: headerRows < rows.length ? headerRows : 0, widths, body, dontBreakRows: true }, layout: 'form', margin: [0, 2, 0, 6] };
}

function block(el: AnnexElement, width: number): Content | null {
  const heading = HEADING[el.tag];
  if (heading) return { text: inline(el.children), bold: true, ...heading, ...(el.align ? { alignment: el.align } : {}) };
  switch (el.tag) {
    case 'p':
      return { text: inline(el.children), margin: [0, 0, 0, 5], ...(el.align ? { alignment: el.align } : {}) };
    case 'hr':
      return { canvas: [{ type: 'line', x1: 0, y1: 4, x2: width, y2: 4, lineWidth: 0.5, lineColor: '#777777' }], margin: [0, 2, 0, 6] };
    case 'ul':
    case 'ol': {
      const items = el.children.filter((c): c is AnnexElement => typeof c !== 'string' && c.tag === 'li').map((li) => cellContent(li.children, width - 16));
      if (!items.length) return null;
      return el.tag === 'ul' ? { ul: items, margin: [0, 0, 0, 5] } : { ol: items, margin: [0, 0, 0, 5] };
    }
    case 'table':
      return table(el, width);
    default:
      // A cell or item out of its place was already left out by the subset; anything else prints as its text.
      return { stack: blocks(el.children, width) };
  }
}

/** The annex subset as pdfmake content, `width` points wide. */
export function annexContent(nodes: AnnexNode[], width: number): Content[] {
  return blocks(nodes, width);
}
