/**
 * The few shapes a help page uses, read from its text: headings (`#`, `##`), list items (`- `), paragraphs, and
 * inside them **bold** and `keys`. Parsed into data and drawn as React elements (HelpPage.tsx), never as HTML, so
 * a page cannot carry markup or script whatever it holds.
 */
export type Inline = { kind: 'text' | 'bold' | 'key'; text: string };
export type HelpBlock = { kind: 'h1' | 'h2' | 'p'; parts: Inline[] } | { kind: 'list'; items: Inline[][] };

export function parseInline(line: string): Inline[] {
  const out: Inline[] = [];
  const re = /\*\*(.+?)\*\*|`([^`]+)`/g;
  let last = 0;
  for (const m of line.matchAll(re)) {
    if (m.index > last) out.push({ kind: 'text', text: line.slice(last, m.index) });
    out.push(m[1] !== undefined ? { kind: 'bold', text: m[1] } : { kind: 'key', text: m[2]! });
    last = m.index + m[0].length;
  }
  if (last < line.length) out.push({ kind: 'text', text: line.slice(last) });
  return out;
}

export function parseHelp(text: string): HelpBlock[] {
  const blocks: HelpBlock[] = [];
  let para: string[] = [];
  let list: Inline[][] | null = null;
  const flush = () => {
    if (para.length) blocks.push({ kind: 'p', parts: parseInline(para.join(' ')) });
    if (list) blocks.push({ kind: 'list', items: list });
    para = [];
    list = null;
  };
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    const heading = /^(#{1,2})\s+(.*)$/.exec(line);
    if (!line) flush();
    else if (heading) {
      flush();
      blocks.push({ kind: heading[1]!.length === 1 ? 'h1' : 'h2', parts: parseInline(heading[2]!) });
    } else if (line.startsWith('- ')) {
      if (para.length) flush();
      (list ??= []).push(parseInline(line.slice(2)));
    } else {
      if (list) flush();
      para.push(line);
    }
  }
  flush();
  return blocks;
}
