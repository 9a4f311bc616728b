import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { systemClock } from '../clock';
import { defaultConfig } from '../config';
import { kyselyOver, openSqlite } from '../db/connection';
import { app } from '../modules';
import { api } from '../../shared/api';
import { combine, defineModule, type ModuleHost } from './module';
import { serviceKey, Services } from './services';

describe('module faces, composed', () => {
  let dir: string;
  let host: ModuleHost;
  const logged: string[] = [];

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'planora-faces-'));
    const sqlite = openSqlite(path.join(dir, 'planora.db'));
    host = { db: kyselyOver(sqlite), sqlite, clock: systemClock, config: defaultConfig(dir), services: new Services(), log: (m) => void logged.push(m), publish: () => undefined, subscribe: () => () => undefined };
  });
  afterEach(async () => {
    await host.db.destroy();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('the application handles every procedure of the contract, each by exactly one module', () => {
    expect(Object.keys(app.handlers).sort()).toEqual(Object.keys(api).sort());
    expect(app.names).toEqual(expect.arrayContaining(['interventions', 'mail', 'reports', 'audit']));
  });

  it('refuses two modules claiming the same procedure', () => {
    const one = defineModule({ name: 'one', handlers: { 'periods.list': async () => [] } });
    const two = defineModule({ name: 'two', handlers: { 'periods.list': async () => [] } });
    expect(() => combine(one, two)).toThrow('procedure periods.list is handled by two modules (the second: two)');
  });

  it('starts modules in order, lends their services by typed key, and stops them in reverse order', async () => {
    const order: string[] = [];
    const counter = serviceKey<{ n: number }>('test.counter');
    const first = defineModule({
      name: 'first',
      handlers: {},
      start(h) {
        order.push('start first');
        h.services.provide(counter, { n: 41 });
        return { stop: () => void order.push('stop first') };
      },
    });
    const second = defineModule({
      name: 'second',
      handlers: {},
      start(h) {
        // A later module sees what an earlier one lent.
        h.services.get(counter).n += 1;
        order.push('start second');
        return { ready: Promise.resolve().then(() => void order.push('second ready')), stop: async () => void order.push('stop second') };
      },
    });
    const running = combine(first, second).start(host);
    await running.ready;
    expect(host.services.get(counter).n).toBe(42);
    await running.stop();
    expect(order).toEqual(['start first', 'start second', 'second ready', 'stop second', 'stop first']);
  });

  it('says which service is missing, and refuses lending one twice', () => {
    const key = serviceKey<string>('test.absent');
    expect(() => host.services.get(key)).toThrow('service test.absent was not started');
    host.services.provide(key, 'here');
    expect(() => host.services.provide(key, 'again')).toThrow('service test.absent is provided twice');
  });

  it("collects the modules' jobs (the interventions' warnings, the mail outbox, the reminder calls, the task mail intake, the task notices, the portal's revocations) and stops them", () => {
    const jobs = app.jobs(host);
    expect(jobs.tasks.map((t) => `${t.name} ${t.cron}`)).toEqual(['warnings * * * * *', 'outbox * * * * *', 'reminders */15 * * * * *', 'task mail intake 5 * * * * *', 'task notices */10 * * * * *', 'portal revocations * * * * *']);
    jobs.stop?.();
  });
});
