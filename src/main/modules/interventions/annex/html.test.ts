import { describe, expect, it } from 'vitest';
import { SUBSET_LIMITS, toAnnexNodes } from './html';

describe('the annex HTML subset', () => {
  it('keeps headings, paragraphs, emphasis, lists, tables, breaks and rules, with align and colspan', () => {
    const nodes = toAnnexNodes(`
      <h1 style="text-align: center">Proces-verbal</h1>
      <p align="right">Nr. <b>RIX-000042</b> din <i>06.12.2026</i><br>Client: <u>SIA Ēriks</u></p>
      <ul><li>one</li><li>two</li></ul>
      <ol><li>first</li></ol>
      <table><thead><tr><th colspan="2">Work</th></tr></thead><tbody><tr><td>a</td><td>b</td></tr></tbody></table>
      <hr>`);
    expect(nodes).toEqual([
      { tag: 'h1', align: 'center', children: ['Proces-verbal'] },
      { tag: 'p', align: 'right', children: ['Nr. ', { tag: 'strong', children: ['RIX-000042'] }, ' din ', { tag: 'em', children: ['06.12.2026'] }, { tag: 'br', children: [] }, 'Client: ', { tag: 'u', children: ['SIA Ēriks'] }] },
      { tag: 'ul', children: [{ tag: 'li', children: ['one'] }, { tag: 'li', children: ['two'] }] },
      { tag: 'ol', children: [{ tag: 'li', children: ['first'] }] },
      {
        tag: 'table',
        children: [
          { tag: 'tr', children: [{ tag: 'th', colspan: 2, children: ['Work'] }] },
          { tag: 'tr', children: [{ tag: 'td', children: ['a'] }, { tag: 'td', children: ['b'] }] },
        ],
      },
      { tag: 'hr', children: [] },
    ]);
  });

  it('drops scripts, styles, frames and images with their content, and every other attribute', () => {
    const nodes = toAnnexNodes(
      `<p onclick="alert(1)" class="x" id="y">Hello <a href="javascript:alert(1)">link</a></p>` +
        `<script>alert("x")</script><style>p{color:red}</style><iframe src="https://evil.example"></iframe>` +
        `<img src=x onerror="alert(1)"><svg><script>alert(2)</script><text>svg text</text></svg>` +
        `<object data="x.swf">fallback</object><p>after</p>`,
    );
    expect(nodes).toEqual([
      { tag: 'p', children: ['Hello link'] },
      { tag: 'p', children: ['after'] },
    ]);
    expect(JSON.stringify(nodes)).not.toMatch(/alert|onclick|href|evil|svg text|fallback|color/);
  });

  it('decodes entities into text, so escaped markup stays text', () => {
    expect(toAnnexNodes('<p>&lt;script&gt;alert(1)&lt;/script&gt; &amp; Ş</p>')).toEqual([{ tag: 'p', children: ['<script>alert(1)</script> & Ş'] }]);
  });

  it('leaves out cells, rows and items out of their place, keeping their text; stray text in a table goes', () => {
    expect(toAnnexNodes('<td>cell</td><li>item</li><table>stray<tr>text<td>in</td></tr></table>')).toEqual([
      'cellitem',
      { tag: 'table', children: [{ tag: 'tr', children: [{ tag: 'td', children: ['in'] }] }] },
    ]);
  });

  it('caps nesting depth and node count', () => {
    const deep = '<p>'.repeat(1) + '<strong>'.repeat(SUBSET_LIMITS.depth + 10) + 'deep' + '</strong>'.repeat(SUBSET_LIMITS.depth + 10) + '</p>';
    let depth = 0;
    let node = toAnnexNodes(deep)[0];
    while (node && typeof node !== 'string') {
      depth++;
      node = node.children[0];
    }
    expect(node).toBe('deep');
    expect(depth).toBeLessThanOrEqual(SUBSET_LIMITS.depth);
    const many = toAnnexNodes('<p>x</p>'.repeat(SUBSET_LIMITS.nodes + 500));
    expect(many.length).toBeLessThanOrEqual(SUBSET_LIMITS.nodes);
  });
});
