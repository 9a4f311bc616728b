import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { resourcesOf } from '../../db/native-binding';

/**
 * Where the rendered clips are: resources/prompts beside app.asar once packaged (electron-builder's extraResources),
 * else the repository's resources/prompts, found upwards from this file (src/ in tests, dist/main/ in web mode).
 */
export function promptsDirFrom(modulePath: string, exists: (p: string) => boolean = fs.existsSync): string {
  const packaged = resourcesOf(modulePath);
  if (packaged !== null) return path.join(packaged, 'prompts');
  for (let dir = path.dirname(modulePath); ; ) {
    const candidate = path.join(dir, 'resources', 'prompts');
    if (exists(candidate)) return candidate;
    const up = path.dirname(dir);
    if (up === dir) throw new Error(`resources/prompts not found above ${modulePath}`);
    dir = up;
  }
}

let found: string | null = null;
export function promptsDir(): string {
  return (found ??= promptsDirFrom(fileURLToPath(import.meta.url)));
}
