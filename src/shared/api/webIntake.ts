import { z } from 'zod';
import { procedure } from './contract';
import { id, okOutput } from './common';

/**
 * The hub's web form, as the desktop sets it up (issue 12): which employees a client may ask for by name on the
 * organization's website. The submissions themselves arrive with sync and become tasks with source `web`.
 */
export const webPerson = z.object({ id, name: z.string(), publicOnWeb: z.boolean() });
export type WebPerson = z.infer<typeof webPerson>;

export const webIntakeApi = {
  'tasks.webIntake.people': procedure({ input: z.strictObject({}), output: z.array(webPerson), access: { module: 'users', action: 'read' }, writes: false }),
  'tasks.webIntake.setPublic': procedure({
    input: z.strictObject({ id, publicOnWeb: z.boolean() }),
    output: okOutput,
    access: { module: 'users', action: 'write' },
    writes: true,
  }),
};
