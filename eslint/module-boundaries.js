import path from 'node:path';

/**
 * Modules use each other only through their face (`index.ts`), and the composing core knows none of them by name.
 * A module is a folder `src/main/modules/<m>/`, or `src/main/mail/` or `src/main/reports/` (modules that live beside
 * `modules/` because web mode reads them too). Relative imports only: that is how this code base imports its own files.
 */
const MODULE_PATH = /^src\/main\/(?:modules\/([^/]+)|(mail|reports))\/(.*)$/;
/** The composing core: it runs `src/main/modules/index.ts` and must not reach past it. */
const CORE_PATH = /^src\/main\/(?:core\.ts|api\/)/;

function moduleOf(rel) {
  const m = MODULE_PATH.exec(`${rel}/`);
  if (!m) return null;
  const rest = m[3].replace(/\/$/, '').replace(/\.(?:ts|tsx|js|mjs)$/, '');
  return { name: m[1] ?? m[2], face: rest === '' || rest === 'index' };
}

const toPosix = (p) => p.split(path.sep).join('/');

/** @type {import('eslint').Rule.RuleModule} */
export const moduleBoundaries = {
  meta: {
    type: 'problem',
    docs: { description: "Modules use each other only through index.ts; the core composes them without naming one." },
    schema: [],
    messages: {
      internals: "'{{source}}' reaches into module {{target}}'s internals: import from its face ({{target}}/index.ts) instead.",
      core: "'{{source}}' names module {{target}}: the core and the dispatcher compose modules only through src/main/modules/index.ts.",
    },
  },
  create(context) {
    const cwd = context.cwd;
    const from = toPosix(path.relative(cwd, context.filename));
    const own = moduleOf(from);
    const isCore = CORE_PATH.test(from);
    if (!own && !isCore) return {};

    function check(node, source) {
      if (typeof source !== 'string' || !source.startsWith('.')) return;
      const target = moduleOf(toPosix(path.relative(cwd, path.resolve(path.dirname(context.filename), source))));
      if (!target) return;
      if (isCore) context.report({ node, messageId: 'core', data: { source, target: target.name } });
      else if (target.name !== own.name && !target.face) context.report({ node, messageId: 'internals', data: { source, target: target.name } });
    }
    const fromSource = (node) => node.source && check(node.source, node.source.value);
    return {
      ImportDeclaration: fromSource,
      ExportNamedDeclaration: fromSource,
      ExportAllDeclaration: fromSource,
      ImportExpression: (node) => node.source.type === 'Literal' && check(node.source, node.source.value),
    };
  },
};
