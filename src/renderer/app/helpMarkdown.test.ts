import { describe, expect, it } from 'vitest';
import { parseHelp, parseInline } from './helpMarkdown';

describe('help pages are read as data, never as HTML', () => {
  it('reads headings, paragraphs, lists, bold and keys', () => {
    expect(parseHelp('# Grid\n\nOpens the\nlist.\n\n## Keys\n- `Enter` opens\n- **Insert** adds\n')).toEqual([
      { kind: 'h1', parts: [{ kind: 'text', text: 'Grid' }] },
      { kind: 'p', parts: [{ kind: 'text', text: 'Opens the list.' }] },
      { kind: 'h2', parts: [{ kind: 'text', text: 'Keys' }] },
      {
        kind: 'list',
        items: [
          [{ kind: 'key', text: 'Enter' }, { kind: 'text', text: ' opens' }],
          [{ kind: 'bold', text: 'Insert' }, { kind: 'text', text: ' adds' }],
        ],
      },
    ]);
  });

  it('keeps markup as plain text', () => {
    expect(parseInline('<img src=x onerror=alert(1)> and <b>bold</b>')).toEqual([{ kind: 'text', text: '<img src=x onerror=alert(1)> and <b>bold</b>' }]);
  });
});
