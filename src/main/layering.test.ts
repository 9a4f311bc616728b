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

describe('module rule (modules meet only at their faces)', () => {
  it.each([
    ['src/main/modules/interventions/x.ts', "import { ftsQuery } from '../clients/repo';"],
    ['src/main/modules/interventions/memory/x.ts', "import { getClient } from '../../clients/service';"],
    ['src/main/modules/interventions/x.ts', "import { enqueueMail } from '../../mail/outbox';"],
    ['src/main/reports/x.ts', "import { listPage } from '../modules/interventions/listing';"],
    ['src/main/mail/x.ts', "export { recordAudit } from '../modules/audit/service';"],
  ])("refuses %s reaching into another module's internals", async (file, code) => {
    expect(await errorsFor(file, code)).toContain('planora/module-boundaries');
  });

  it.each([
    ['src/main/core.ts', "import { InterventionIndex } from './modules/interventions/memory/memoryIndex';"],
    ['src/main/api/dispatcher.ts', "import { interventionIndex } from '../modules/interventions';"],
    ['src/main/api/context.ts', "import type { MailAudience } from '../mail';"],
  ])('refuses %s naming a module: the core composes them without knowing one', async (file, code) => {
    expect(await errorsFor(file, code)).toContain('planora/module-boundaries');
  });

  it.each([
    ['src/main/modules/interventions/x.ts', "import { getClient } from '../clients';"],
    ['src/main/modules/interventions/x.ts', "import { getClient } from '../clients/index';"],
    ['src/main/modules/interventions/memory/x.ts', "import { loadRow } from '../service';"],
    ['src/main/reports/export/x.ts', "import { reportEnv } from '../context';"],
    ['src/main/mail/x.ts', "import { recordAudit } from '../modules/audit';"],
    ['src/main/core.ts', "import { app } from './modules';"],
    ['src/main/modules/interventions/x.test.ts', "import { createOrg } from '../auth/setup';"],
  ])('allows %s', async (file, code) => {
    expect(await errorsFor(file, code)).toEqual([]);
  });
});
