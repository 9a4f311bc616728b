import { Parser } from 'htmlparser2';
import { ANNEX_MAX_COLSPAN, type AnnexAlign, type AnnexElement, type AnnexNode, type AnnexTag } from '../../../../shared/api/annexForms';

/** Tags kept, under the name the annex uses (b and i are strong and em; div is a paragraph). */
const KEPT: Record<string, AnnexTag> = {
  h1: 'h1',
  h2: 'h2',
  h3: 'h3',
  h4: 'h4',
  p: 'p',
  div: 'p',
  strong: 'strong',
  b: 'strong',
  em: 'em',
  i: 'em',
  u: 'u',
  br: 'br',
  hr: 'hr',
  ul: 'ul',
  ol: 'ol',
  li: 'li',
  table: 'table',
  tr: 'tr',
  th: 'th',
  td: 'td',
};
/** Dropped with everything inside: what would run, style, embed or ask for input. */
const DROPPED = new Set(['script', 'style', 'iframe', 'frame', 'frameset', 'object', 'embed', 'noscript', 'template', 'svg', 'math', 'head', 'title', 'textarea', 'select', 'option', 'button', 'canvas', 'audio', 'video', 'img', 'picture', 'link', 'meta', 'base', 'form', 'input']);
const VOID = new Set<AnnexTag>(['br', 'hr']);
const ALIGNED = new Set<AnnexTag>(['h1', 'h2', 'h3', 'h4', 'p', 'th', 'td']);
/** Where a tag may stand: anywhere else it is left out and its content joins its parent. */
const PARENT: Partial<Record<AnnexTag, AnnexTag[]>> = { li: ['ul', 'ol'], tr: ['table'], th: ['tr'], td: ['tr'] };
/** Containers that hold only their own kind of child: stray text inside them is dropped, as a browser would move it out. */
const ONLY: Partial<Record<AnnexTag, AnnexTag[]>> = { ul: ['li'], ol: ['li'], table: ['tr'], tr: ['th', 'td'] };

export const SUBSET_LIMITS = { nodes: 20_000, depth: 24 } as const;

function alignOf(attrs: Record<string, string>): AnnexAlign | undefined {
  const fromStyle = /text-align\s*:\s*(left|center|right)/i.exec(attrs.style ?? '')?.[1];
  const a = (fromStyle ?? attrs.align ?? '').toLowerCase();
  return a === 'left' || a === 'center' || a === 'right' ? a : undefined;
}

function colspanOf(attrs: Record<string, string>): number | undefined {
  const n = Number.parseInt(attrs.colspan ?? '', 10);
  return Number.isFinite(n) && n >= 2 ? Math.min(n, ANNEX_MAX_COLSPAN) : undefined;
}

/**
 * HTML reduced to the annex subset: headings, paragraphs, bold/italic/underline, lists, tables, line breaks and rules,
 * with only `align` and `colspan` as attributes. Everything else goes: scripts and styles with their content, other
 * tags leaving their text, every other attribute (events, links, sources). The answer is data, never markup.
 */
export function toAnnexNodes(html: string): AnnexNode[] {
  const root: AnnexElement = { tag: 'p', children: [] };
  /** Open elements; `null` stands for a tag left out (its content goes to the element below it). */
  const stack: { tag: string; node: AnnexElement | null }[] = [];
  let dropping = 0;
  let count = 0;
  const current = (): AnnexElement => {
    for (let i = stack.length - 1; i >= 0; i--) if (stack[i]!.node) return stack[i]!.node!;
    return root;
  };
  const depth = () => stack.filter((s) => s.node).length;

  const parser = new Parser(
    {
      onopentag(name, attrs) {
        if (dropping || DROPPED.has(name)) {
          if (!VOID_HTML.has(name)) dropping++;
          return;
        }
        const tag = KEPT[name];
        const parent = current();
        const allowed = tag && (!PARENT[tag] || PARENT[tag]!.includes(parent.tag)) && (!ONLY[parent.tag] || ONLY[parent.tag]!.includes(tag));
        if (!tag || !allowed || count >= SUBSET_LIMITS.nodes || depth() >= SUBSET_LIMITS.depth) {
          if (!VOID_HTML.has(name)) stack.push({ tag: name, node: null });
          return;
        }
        const el: AnnexElement = { tag, children: [] };
        const align = ALIGNED.has(tag) ? alignOf(attrs) : undefined;
        if (align) el.align = align;
        const colspan = tag === 'td' || tag === 'th' ? colspanOf(attrs) : undefined;
        if (colspan) el.colspan = colspan;
        parent.children.push(el);
        count++;
        if (!VOID.has(tag)) stack.push({ tag: name, node: el });
      },
      ontext(text) {
        if (dropping) return;
        const parent = current();
        const flat = text.replace(/\s+/g, ' ');
        if (ONLY[parent.tag] && !flat.trim()) return;
        if (ONLY[parent.tag] || count >= SUBSET_LIMITS.nodes) return;
        const last = parent.children[parent.children.length - 1];
        if (typeof last === 'string') parent.children[parent.children.length - 1] = last + flat;
        else {
          parent.children.push(flat);
          count++;
        }
      },
      onclosetag(name, implied) {
        if (dropping) {
          if (!VOID_HTML.has(name)) dropping--;
          return;
        }
        if (VOID_HTML.has(name) && !implied) return;
        // Close up to the matching open tag (htmlparser2 already closes what HTML closes implicitly).
        for (let i = stack.length - 1; i >= 0; i--) {
          if (stack[i]!.tag === name) {
            stack.length = i;
            return;
          }
        }
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true, recognizeSelfClosing: true },
  );
  parser.write(html);
  parser.end();
  return trimBlocks(root.children);
}

/** HTML's void elements: they never hold content, so they open no level. */
const VOID_HTML = new Set(['br', 'hr', 'img', 'input', 'meta', 'link', 'base', 'area', 'col', 'embed', 'source', 'track', 'wbr', 'param']);

const BLOCKS = new Set<AnnexTag>(['h1', 'h2', 'h3', 'h4', 'p', 'hr', 'ul', 'ol', 'li', 'table', 'tr', 'th', 'td']);
const isBlock = (n: AnnexNode | undefined) => n === undefined || (typeof n !== 'string' && BLOCKS.has(n.tag));

/** Whitespace beside a block is the template's indentation, not text; between words and bold ones it stays. */
function trimBlocks(nodes: AnnexNode[]): AnnexNode[] {
  const kept = nodes.filter((n, i) => typeof n !== 'string' || n.trim() || !(isBlock(nodes[i - 1]) || isBlock(nodes[i + 1])));
  return kept.map((n, i) => {
    if (typeof n !== 'string') return { ...n, children: trimBlocks(n.children) };
    let t = n;
    if (isBlock(kept[i - 1])) t = t.trimStart();
    if (isBlock(kept[i + 1])) t = t.trimEnd();
    return t;
  });
}
