import { describe, expect, it } from 'vitest';
import type { ReminderSettings } from '../../../shared/api/reminders';
import { reminderSettingsInput } from '../../../shared/api/reminders';
import { clock, toForm, toInput } from './remindersForm';

const stored: ReminderSettings = {
  configured: true,
  policy: { enabled: true, quietStart: '23:00', quietEnd: '09:00', retryLongMin: 30, retryShortMin: 10, maxRetries: 2, offsets: ['1d'], channel: 'voice', riskOffset: null, riskThreshold: 60 },
  dailyCap: 50,
  canRaiseCap: false,
  trunk: { enabled: true, host: 'sip.example.test', port: 5060, transport: 'udp', domain: '', user: 'clinic', hasPassword: true, register: false, callerIdMode: 'from', channels: 4, ringTimeoutSec: 30, maxCallSec: 90, note: null },
  branches: [
    { branchId: '0a8f2c1e-1b2c-4d3e-8f40-111111111111', branchName: 'Rīga', timeZone: 'Europe/Riga', enabled: null, quietStart: null, quietEnd: null, offsets: null, channel: null },
    { branchId: '0a8f2c1e-1b2c-4d3e-8f40-222222222222', branchName: 'Yerevan', timeZone: 'Asia/Yerevan', enabled: false, quietStart: '22:00', quietEnd: '08:00', offsets: ['2h'], channel: 'sms' },
  ],
  updatedAt: null,
};

describe('the reminder settings form', () => {
  it('sends back what it was given, the stored password kept (omitted) and every branch in its row', () => {
    const input = toInput(toForm(stored));
    expect(reminderSettingsInput.parse(input)).toEqual(input);
    expect(input.trunk).not.toHaveProperty('password', expect.anything());
    expect(input.trunk.password).toBeUndefined();
    expect(input.branches).toEqual([
      { branchId: '0a8f2c1e-1b2c-4d3e-8f40-111111111111', enabled: null, quietStart: null, quietEnd: null, offsets: null, channel: null },
      { branchId: '0a8f2c1e-1b2c-4d3e-8f40-222222222222', enabled: false, quietStart: '22:00', quietEnd: '08:00', offsets: ['2h'], channel: 'sms' },
    ]);
  });

  it('replaces the password when one is typed and forgets it when the box is ticked', () => {
    const form = toForm(stored);
    expect(toInput({ ...form, trunk: { ...form.trunk, password: 'new' } }).trunk.password).toBe('new');
    expect(toInput({ ...form, trunk: { ...form.trunk, password: 'new', forget: true } }).trunk.password).toBeNull();
  });

  it('reads quickly typed times as HH:MM and leaves anything else for the contract to refuse', () => {
    expect(['9', '930', '0930', '2200', '9:30', ' 22:00 '].map(clock)).toEqual(['09:00', '09:30', '09:30', '22:00', '09:30', '22:00']);
    expect(clock('25:00')).toBe('25:00');
    expect(clock('noon')).toBe('noon');
    const form = toForm(stored);
    expect(reminderSettingsInput.safeParse(toInput({ ...form, policy: { ...form.policy, quietStart: '2500' } })).success).toBe(false);
  });
});
