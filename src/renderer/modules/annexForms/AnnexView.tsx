import { createElement, type ReactNode } from 'react';
import { ANNEX_TAGS, type AnnexNode } from '../../../shared/api/annexForms';
import classes from './annexForms.module.css';

const TAGS = new Set<string>(ANNEX_TAGS);

/**
 * The annex subset drawn as React elements: text is always text (React escapes it) and only the subset's tags and
 * its two attributes are ever made, so whatever a template printed, nothing in it can act on the page.
 */
function draw(nodes: AnnexNode[], path: string): ReactNode[] {
  return nodes.map((n, i) => {
    const key = `${path}.${i}`;
    if (typeof n === 'string') return n;
    if (!TAGS.has(n.tag)) return null;
    const props: Record<string, unknown> = { key };
    if (n.align) props.style = { textAlign: n.align };
    if (n.colspan) props.colSpan = n.colspan;
    if (n.tag === 'br' || n.tag === 'hr') return createElement(n.tag, props);
    // A table's rows sit in a body, as the DOM wants them.
    if (n.tag === 'table') return createElement('table', props, createElement('tbody', null, draw(n.children, key)));
    return createElement(n.tag, props, draw(n.children, key));
  });
}

/** A rendered annex, as paper would show it. */
export function AnnexView({ nodes, testId = 'annex-preview' }: { nodes: AnnexNode[]; testId?: string }) {
  return (
    <div className={classes.paper} data-testid={testId}>
      {draw(nodes, 'n')}
    </div>
  );
}
