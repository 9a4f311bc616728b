import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';
import { moduleBoundaries } from './eslint/module-boundaries.js';

/**
 * The layer rule (README: Architecture), enforced rather than hoped for:
 * shared imports neither side; the renderer never imports main; only src/main/electron imports electron.
 */
const nodeBuiltins = ['node:*', 'fs', 'path', 'os', 'crypto', 'child_process', 'worker_threads', 'url', 'util', 'net', 'dgram', 'tls'];
const restrict = (patterns, message) => ['error', { patterns: [{ group: patterns, message }] }];

export default tseslint.config(
  { ignores: ['dist/**', 'release/**', 'node_modules/**', 'bench/.cache/**', 'test-results/**', 'playwright-report/**'] },
  {
    files: ['**/*.ts', '**/*.tsx', '**/*.js', '**/*.mjs'],
    languageOptions: { parser: tseslint.parser, ecmaVersion: 2023, sourceType: 'module' },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // Focused or skipped tests never land.
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.type='MemberExpression'][callee.object.name=/^(it|test|describe)$/][callee.property.name=/^(only|skip|todo)$/]",
          message: 'No focused, skipped or empty tests on main.',
        },
      ],
    },
  },
  {
    files: ['src/shared/**'],
    // Tests of shared code may read files; the code itself may not.
    ignores: ['src/shared/**/*.test.ts'],
    rules: { 'no-restricted-imports': restrict(['**/main/**', '**/renderer/**', 'electron', 'react', 'react-dom', ...nodeBuiltins], 'src/shared is imported by both sides: no Node, no DOM, no main, no renderer.') },
  },
  {
    files: ['src/renderer/**'],
    rules: { 'no-restricted-imports': restrict(['**/main/**', 'electron', 'better-sqlite3', 'kysely', ...nodeBuiltins], 'The renderer talks to main only through the API contract.') },
  },
  {
    files: ['src/main/**', 'migrations/**'],
    ignores: ['src/main/electron/**'],
    rules: { 'no-restricted-imports': restrict(['electron', '**/renderer/**'], 'Only src/main/electron imports electron; main never imports the renderer.') },
  },
  {
    // The hub is a server of its own: it shares the contract and the rules (src/shared), never the desktop's main
    // (its tests may borrow a pure helper, as module tests set up across modules).
    files: ['src/hub/**'],
    ignores: ['src/hub/**/*.test.ts'],
    rules: { 'no-restricted-imports': restrict(['**/main/**', '**/renderer/**', 'electron'], 'The hub imports only src/shared (and the desktop migrations list for the schema version).') },
  },
  {
    files: ['src/main/electron/**'],
    rules: { 'no-restricted-imports': restrict(['**/renderer/**'], 'The Electron shell loads the built renderer; it does not import it.') },
  },
  {
    // Modules use each other only through their face (README: Architecture); tests may set up across modules.
    files: ['src/main/**/*.ts'],
    ignores: ['src/main/**/*.test.ts', 'src/main/testing/**', 'src/main/*/testing/**'],
    plugins: { planora: { rules: { 'module-boundaries': moduleBoundaries } } },
    rules: { 'planora/module-boundaries': 'error' },
  },
  {
    // React's rules of hooks, dependencies included (a stale closure is a silent bug that no test sees until it bites).
    files: ['src/renderer/**/*.ts', 'src/renderer/**/*.tsx'],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'error' },
  },
  {
    // The plugin's whole recommended set (refs read during render, state set in effects…) where it is clean so far:
    // the interventions screens and the shared components; the other screens follow as they are reworked.
    files: ['src/renderer/modules/interventions/**/*.{ts,tsx}', 'src/renderer/components/**/*.{ts,tsx}'],
    rules: { ...reactHooks.configs.flat.recommended.rules, 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'error' },
  },
);
