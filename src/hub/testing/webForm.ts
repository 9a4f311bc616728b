import { randomUUID } from 'node:crypto';
import { solveChallenge } from 'altcha-lib/v1';
import type { Challenge } from 'altcha-lib/v1/types';
import type { TestDevice } from './device';

/** A test hub's web form options: a small proof of work, limits a test sets on purpose. */
export const SMALL_WORK = { pow: { maxNumber: 2000 } };

/** Fetches a challenge and answers it as the browser's script does; the payload the submission carries. */
export async function solvedChallenge(url: string): Promise<string> {
  const c = (await (await fetch(`${url}/w/v1/challenge`)).json()) as Challenge;
  const solution = await solveChallenge(c.challenge, c.salt, c.algorithm, c.maxnumber).promise;
  if (!solution) throw new Error('the challenge has no answer');
  return Buffer.from(JSON.stringify({ algorithm: c.algorithm, challenge: c.challenge, number: solution.number, salt: c.salt, signature: c.signature })).toString('base64');
}

export interface Directory {
  branches: { id: string; name: string }[];
  people: { id: string; name: string; public: boolean; active?: boolean; branchId: string }[];
}

/** Pushes branches, employees and their branches as a desktop would (cells), so the hub's form can list them. */
export async function pushDirectory(device: TestDevice, dir: Directory): Promise<void> {
  const cells = dir.branches.flatMap((b, i) => [device.cell('branch', b.id, 'name', b.name), device.cell('branch', b.id, 'created_at', `2026-01-0${i + 1}T00:00:00.000Z`)]);
  for (const p of dir.people) {
    cells.push(
      device.cell('app_user', p.id, 'name', p.name),
      device.cell('app_user', p.id, 'active', p.active === false ? 0 : 1),
      device.cell('app_user', p.id, 'public_on_web', p.public ? 1 : 0),
      device.cell('app_user', p.id, 'password_hash', 'secret-hash'),
    );
    const link = randomUUID();
    cells.push(device.cell('user_branch', link, 'user_id', p.id, { branchId: p.branchId }), device.cell('user_branch', link, 'branch_id', p.branchId, { branchId: p.branchId }));
  }
  const r = await device.sync(cells);
  if (r.status !== 200) throw new Error(`push refused: ${JSON.stringify(r.body)}`);
}

/** The form's fields with sensible values; override what the test is about. */
export function fields(over: Record<string, unknown> = {}) {
  return {
    name: 'Ona Petrauskienė',
    phone: '+370 600 12345',
    email: 'ona@example.test',
    address: 'Gedimino pr. 1, Vilnius',
    description: 'Neveikia šildymas',
    priority: 'urgent',
    employeeId: null,
    branchId: null,
    language: 'lt',
    ...over,
  };
}

export async function submit(url: string, orgId: string, body: Record<string, unknown>): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(`${url}/w/v1/form/${orgId}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}
