/** Error codes a procedure can answer with; the renderer shows `key` translated, never a stack trace. */
export type ApiErrorCode =
  | 'validation'
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'locked_period'
  | 'internal';

export interface ApiError {
  code: ApiErrorCode;
  /** i18n key under `errors.` */
  key: string;
  /** Dotted path of the offending input field, when there is one. */
  field?: string;
  params?: Record<string, string | number>;
}

export type ApiResult<T> = { ok: true; data: T } | { ok: false; error: ApiError };
