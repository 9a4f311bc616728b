/**
 * The phrases an organization may record in its own voice, in the order the message says them. Main's prompts
 * (`src/main/telephony/prompts`, RECORDABLE_PHRASES) hold the same list and refuse any other name; the contract lists
 * no phrases, so the screen keeps this copy and `phrases.test.ts` holds the two together.
 */
export const RECORDABLE_PHRASES = ['org_name', 'greeting', 'greeting_from', 'reminder', 'instruction', 'confirmed', 'declined'] as const;
