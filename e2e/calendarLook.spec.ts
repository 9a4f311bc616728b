import fs from 'node:fs';
import { apiCall, demoServer, expect, loginAs, shot, test } from './fixtures';

const server = demoServer({ demoSize: 0 });

test('look', async ({ page }) => {
  await loginAs(page, `${server.url}/#/calendar`, 'manager.riga');
  await apiCall(page, 'auth.setLanguage', { language: 'en' });
  await page.reload();
  await expect(page.getByTestId('calendar-screen')).toBeVisible();
  await page.waitForTimeout(1500);
  await shot(page, 'scratch-week');
  fs.writeFileSync('/tmp/calscreen/dom.html', await page.getByTestId('vcal').innerHTML());
  await page.getByTestId('vcal').press('s');
  await page.waitForTimeout(1000);
  await shot(page, 'scratch-side');
});
