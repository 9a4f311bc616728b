import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint();

async function errorsFor(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.severity === 2).map((m) => m.ruleId ?? m.message);
}

describe('layer rule (dependency direction)', () => {
  it.each([
    ['src/shared/api/x.ts', "import { createCore } from '../../main/core';"],
    ['src/shared/rules/x.ts', "import fs from 'node:fs';"],
    ['src/shared/rules/y.ts', "import { App } from '../../renderer/app/App';"],
    ['src/renderer/app/x.ts', "import { createCore } from '../../main/core';"],
    ['src/renderer/app/y.ts', "import Database from 'better-sqlite3';"],
    ['src/main/modules/x.ts', "import { app } from 'electron';"],
    ['src/main/core2.ts', "import { App } from '../renderer/app/App';"],
  ])('refuses %s importing across layers', async (file, code) => {
    expect(await errorsFor(file, code)).toContain('no-restricted-imports');
  });

  it.each([
    ['src/main/electron/x.ts', "import { app } from 'electron';"],
    ['src/renderer/app/x.ts', "import { api } from '../../shared/api';"],
    ['src/main/modules/x.ts', "import { api } from '../../shared/api';"],
  ])('allows %s', async (file, code) => {
    expect(await errorsFor(file, code)).toEqual([]);
  });

  it('refuses focused and skipped tests', async () => {
    // Built from parts so this file itself holds no focused or skipped call for text scanners to trip on.
    const call = (fn: string, modifier: string) => `${fn}.${modifier}('a', () => {});`;
    expect(await errorsFor('src/main/x.test.ts', call('it', 'only'))).toContain('no-restricted-syntax');
    expect(await errorsFor('src/main/y.test.ts', call('describe', 'skip'))).toContain('no-restricted-syntax');
  });
});
