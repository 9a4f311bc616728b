import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from '@playwright/test';
import { startSmtpPeer, type SmtpPeer } from '../src/main/mail/testing/smtpPeer';
import { announcedUrl, apiCall, startPlanora, type PlanoraServer } from './fixtures';

/**
 * An office that sends its field staff to the phone page: a hub (SQLite, its own process), a fresh web-mode office
 * registered with it (Lithuanian organization, Vilnius branch), mail to a local SMTP server, a dispatcher (`rasa`),
 * an employee per language (`tech.en`, `tech.lt`, with e-mail), a client and a task type with a checklist.
 */
export interface FieldOffice {
  hubUrl: string;
  hubFile: string;
  office: PlanoraServer & { stop(): Promise<void> };
  smtp: SmtpPeer;
  ownerPage: Page;
  branchId: string;
  clientId: string;
  typeId: string;
  syncNow(): Promise<unknown>;
  stop(): Promise<void>;
}

export const FIELD_PASSWORD = 'owner-pass-1';
export const CHECKLIST = [
  { text: 'Gas pressure measured', required: true },
  { text: 'Flue gas analysed', required: false },
];
const HUB = ['--import', 'tsx', 'src/hub/cli.ts'];
const SMTP = { user: 'planora', password: 'smtp-pass-1' };

export async function startFieldOffice(browser: Browser, languages: readonly string[]): Promise<FieldOffice> {
  const hubFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'planora-e2e-hub-')), 'hub.db');
  const hubChild: ChildProcess = spawn(process.execPath, [...HUB, 'serve', '--sqlite', hubFile, '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
  const [hubUrl, office, smtp] = await Promise.all([announcedUrl(hubChild, /"url":"(http:\/\/127\.0\.0\.1:\d+)"/, 'the hub', 60_000), startPlanora(), startSmtpPeer({ login: SMTP })]);
  const ownerPage = await (await browser.newContext()).newPage();
  await ownerPage.goto(office.url);
  await apiCall(ownerPage, 'setup.run', {
    orgName: 'Test Serviss',
    country: 'LT',
    timeZone: 'Europe/Vilnius',
    languages: ['lt', 'en'],
    branchName: 'Vilnius',
    ownerName: 'Ona Savininkė',
    ownerLogin: 'owner',
    ownerPassword: FIELD_PASSWORD,
    ownerLanguage: 'en',
  });
  const code = execFileSync(process.execPath, [...HUB, 'code', '--sqlite', hubFile, '--new-org', 'Test Serviss'], { stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim();
  await apiCall(ownerPage, 'sync.register', { hubUrl, code, deviceName: 'Vilnius desk' });
  await apiCall(ownerPage, 'mail.setSettings', { host: '127.0.0.1', port: smtp.port, secure: false, user: SMTP.user, password: SMTP.password, from: 'Test Serviss <noreply@serviss.example>' });
  const branchId = (await apiCall<{ id: string }[]>(ownerPage, 'branches.list', {}))[0]!.id;
  await apiCall(ownerPage, 'series.create', { docType: 'task', branchId, prefix: 'UZ-', padding: 5, nextNumber: 1 });
  await apiCall(ownerPage, 'users.create', { login: 'rasa', password: FIELD_PASSWORD, name: 'Rasa Dispečerė', role: 'dispatcher', language: 'en', branchIds: [branchId] });
  for (const lng of languages) {
    await apiCall(ownerPage, 'users.create', { login: `tech.${lng}`, password: FIELD_PASSWORD, name: `Tech ${lng.toUpperCase()}`, email: `tech.${lng}@serviss.example`, role: 'employee', language: lng, branchIds: [branchId] });
  }
  const typeId = (await apiCall<{ id: string }>(ownerPage, 'tasks.types.save', { name: 'Boiler service', active: true, hourlyRateMinor: 4500, items: CHECKLIST })).id;
  const clientId = (await apiCall<{ client: { id: string } }>(ownerPage, 'clients.create', { kind: 'person', name: 'Jonas Jonaitis', phones: [{ number: '+37060000001' }], emails: [], addresses: [], contacts: [] })).client.id;
  return {
    hubUrl,
    hubFile,
    office,
    smtp,
    ownerPage,
    branchId,
    clientId,
    typeId,
    syncNow: () => apiCall(ownerPage, 'sync.now', {}),
    async stop() {
      if (hubChild.exitCode === null) hubChild.kill('SIGKILL');
      await office.stop();
      await smtp.close();
    },
  };
}
