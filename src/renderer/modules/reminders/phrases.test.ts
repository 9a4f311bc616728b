import { describe, expect, it } from 'vitest';
// eslint-disable-next-line no-restricted-imports -- a test only: it holds the screen's copy to main's list, which the contract does not name
import { RECORDABLE_PHRASES as MAIN_PHRASES } from '../../../main/telephony/prompts/texts';
import en from '../../../shared/i18n/en.json' with { type: 'json' };
import { RECORDABLE_PHRASES } from './phrases';

describe('the phrases the settings screen offers to record', () => {
  it('are the ones main records, in its order, each with a name on the screen', () => {
    expect(RECORDABLE_PHRASES).toEqual(MAIN_PHRASES);
    expect(Object.keys(en.prompts.phrases)).toEqual([...RECORDABLE_PHRASES]);
  });
});
