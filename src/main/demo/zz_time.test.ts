import { test } from 'vitest';
import { startTestApp } from '../testing/harness';
test('time demo', async () => {
  const app = await startTestApp();
  const t = performance.now(); const c0 = process.cpuUsage();
  const r = await app.raw(null, 'setup.demo', {});
  console.log('demo ms', performance.now() - t, 'cpu ms', (process.cpuUsage(c0).user + process.cpuUsage(c0).system) / 1000, r.ok, r.ok ? '' : JSON.stringify(r.error)); console.log(app.core.sqlite.prepare('select status, valid, count(*) n from intervention group by 1,2').all());
  await app.close();
}, 120000);
