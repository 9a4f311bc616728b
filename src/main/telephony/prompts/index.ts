/**
 * What the client hears on a reminder call: the message assembled from clips (rendered per language into
 * resources/prompts, or recorded by the organization), uploads converted to 8 kHz, and WAV for the browser.
 */
export { visitMessage, phraseClip, messageLanguage, type Recordings, type VisitMessageInput } from './message';
export { convertUpload, convertUploadAsync, toWav, fromStoredWav, MAX_RECORDING_SECONDS } from './upload';
export { phraseList, PROMPT_LANGUAGES, RECORDABLE_PHRASES, ORG_NAME, type PhraseInfo, type RecordablePhrase } from './texts';
export { promptsDir } from './dir';
