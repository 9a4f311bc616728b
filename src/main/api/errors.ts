import type { ApiError, ApiErrorCode } from '../../shared/api/errors';

/** A refusal the user should read: carries a translation key, never a stack trace. */
export class AppError extends Error {
  /** Commit what the handler wrote before refusing (a failed login's counter). */
  keepWrites = false;
  constructor(public readonly error: ApiError) {
    super(error.key);
    this.name = 'AppError';
  }
}

function make(code: ApiErrorCode) {
  return (key: string, field?: string, params?: Record<string, string | number>) =>
    new AppError({ code, key: key.startsWith('errors.') ? key : `errors.${key}`, field, params });
}

export const fail = {
  validation: make('validation'),
  forbidden: make('forbidden'),
  notFound: make('not_found'),
  conflict: make('conflict'),
  lockedPeriod: make('locked_period'),
  unauthenticated: make('unauthenticated'),
};
