import { defineConfig } from '@playwright/test';

/**
 * The packaged desktop app on Windows, driven through Playwright's _electron (see .github/workflows/desktop-windows.yml).
 * A config of its own, so the everyday `npx playwright test` (playwright.config.ts, testDir e2e) never picks it up:
 * it needs the unpacked app that only `electron-builder --win --x64 --dir` on Windows makes.
 */
export default defineConfig({
  testDir: 'e2e-electron',
  timeout: 180_000,
  expect: { timeout: 20_000 },
  workers: 1,
  retries: 0,
  reporter: [['list']],
});
