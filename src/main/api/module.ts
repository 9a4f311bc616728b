import type { ProcName } from '../../shared/api';
import type { Clock } from '../clock';
import type { CoreConfig } from '../config';
import type { Db, Sqlite } from '../db/connection';
import type { HandlersFor } from './context';
import type { PushEvent } from './events';
import type { Services } from './services';

/** What a module may use while it starts: the open database (migrated), the clock, the settings and where to lend its services. */
export interface ModuleHost {
  db: Db;
  sqlite: Sqlite;
  clock: Clock;
  config: CoreConfig;
  services: Services;
  log: (msg: string, err?: unknown) => void;
  /** For jobs: a change they committed, to the windows that may hear it (the same bus the dispatcher publishes on). */
  publish(e: PushEvent): void;
  /** Hears every change published on that bus, after its commit (the sync engine's cue that something was saved). */
  subscribe(listener: (e: PushEvent) => void): () => void;
}

/** A module that has started: `ready` settles when its warm-up is over (never rejects); `stop` runs at close. */
export interface Started {
  ready?: Promise<void>;
  stop?(): void | Promise<void>;
}

/** A clock-driven task: `cron` is a node-cron expression, `run` is guarded by the scheduler (a failure is logged, never thrown). */
export interface ModuleTask {
  name: string;
  cron: string;
  run(): unknown;
}

export interface ModuleJobs {
  tasks: ModuleTask[];
  stop?(): void;
}

/**
 * A module's public face (`src/main/modules/<m>/index.ts`): everything the core composes, nothing else.
 * Modelled on Actual Budget's `createApp` + `combine`: each module brings its handlers and its lifecycle, and the
 * core runs the combination without knowing any module by name.
 */
export interface ModuleFace<N extends ProcName = ProcName> {
  name: string;
  handlers: HandlersFor<N>;
  /** Once the database is migrated, before the first call: build what the handlers need (`host.services.provide`). */
  start?(host: ModuleHost): Started | void;
  /** Clock-driven work; asked for only where the core runs jobs (not in tests). */
  jobs?(host: ModuleHost): ModuleJobs;
}

/** Identity, for inference: the face's procedure names come from its handlers. */
export function defineModule<N extends ProcName>(face: ModuleFace<N>): ModuleFace<N> {
  return face;
}

type AnyFace = ModuleFace<any>;
type NamesOf<F> = F extends ModuleFace<infer N> ? N : never;

export interface ComposedApp<N extends ProcName> {
  names: string[];
  handlers: HandlersFor<N>;
  /** Starts every module in order; `stop` stops them in reverse order. */
  start(host: ModuleHost): { ready: Promise<void>; stop(): Promise<void> };
  jobs(host: ModuleHost): ModuleJobs;
}

/** Many faces as one: their handlers merged (a procedure claimed twice is a programming error), their lifecycles in order. */
export function combine<F extends AnyFace[]>(...faces: F): ComposedApp<NamesOf<F[number]>> {
  const handlers: Record<string, unknown> = {};
  for (const face of faces) {
    for (const [name, handler] of Object.entries(face.handlers)) {
      if (name in handlers) throw new Error(`procedure ${name} is handled by two modules (the second: ${face.name})`);
      handlers[name] = handler;
    }
  }
  return {
    names: faces.map((f) => f.name),
    handlers: handlers as HandlersFor<NamesOf<F[number]>>,
    start(host) {
      const started: Started[] = [];
      try {
        for (const face of faces) {
          const s = face.start?.(host);
          if (s) started.push(s);
        }
      } catch (e) {
        for (const s of started.reverse()) void s.stop?.();
        throw e;
      }
      return {
        ready: Promise.all(started.map((s) => s.ready)).then(() => undefined),
        async stop() {
          for (const s of [...started].reverse()) await s.stop?.();
        },
      };
    },
    jobs(host) {
      const all = faces.flatMap((f) => (f.jobs ? [f.jobs(host)] : []));
      return {
        tasks: all.flatMap((j) => j.tasks),
        stop() {
          for (const j of all) j.stop?.();
        },
      };
    },
  };
}
