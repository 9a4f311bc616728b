import type { z } from 'zod';
import type { Action, Module } from '../permissions';

/**
 * Who may call a procedure. `public`: anyone, even before login (setup, login).
 * `session`: any logged-in user (their own profile, logout). Otherwise a module permission.
 */
export type Access = { public: true } | { session: true } | { module: Module; action: Action };

export interface ProcedureDef<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  input: I;
  output: O;
  access: Access;
  /** Reads run in a deferred transaction; writes take the write lock up front (BEGIN IMMEDIATE). */
  writes: boolean;
  /**
   * The handler opens its own short transactions instead of running in one: for slow work that must not hold the
   * connection, like checking a password (a hash costs ~100 ms of CPU).
   */
  ownTransactions?: true;
}

export function procedure<I extends z.ZodType, O extends z.ZodType>(def: ProcedureDef<I, O>): ProcedureDef<I, O> {
  return def;
}
