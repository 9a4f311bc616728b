import { asciiLower } from './columns';

/** A live web intake row as the quick search needs it: its task, its reference folded as SQLite's `lower()` folds. */
interface Reference {
  taskId: string;
  lower: string;
  /** The task's rowid; -1 while the task is not in the table yet (an intake pulled before its task). */
  rowid: number;
}

/** What the index is told of a web intake row (the funnel's row, or one read at load). */
export interface IntakeRow {
  id: string;
  task_id: string;
  reference: string;
  deleted_at: string | null;
}

/**
 * The web form references of tasks, by intake row: few beside the tasks, so the quick search reads them all rather
 * than keeping a column of them for every task.
 */
export class WebReferences {
  private readonly byIntake = new Map<string, Reference>();
  /** References whose task has no rowid yet, by task id: the task's first write resolves them. */
  private readonly waiting = new Map<string, Reference[]>();

  /** The row as committed; a deleted one leaves. `rowid`: its task's, when the task is in the table. */
  write(row: IntakeRow, rowid: number | undefined): void {
    const had = this.byIntake.get(row.id);
    if (had && had.rowid < 0) this.unwait(had);
    if (row.deleted_at != null) {
      this.byIntake.delete(row.id);
      return;
    }
    const ref: Reference = { taskId: row.task_id, lower: asciiLower(row.reference), rowid: rowid ?? -1 };
    this.byIntake.set(row.id, ref);
    if (ref.rowid < 0) this.waiting.set(ref.taskId, [...(this.waiting.get(ref.taskId) ?? []), ref]);
  }

  /** Everything read again (the index's load), replacing what was kept. */
  replace(rows: Iterable<[IntakeRow, number | undefined]>): void {
    this.byIntake.clear();
    this.waiting.clear();
    for (const [row, rowid] of rows) this.write(row, rowid);
  }

  /** A task was written: references waiting for it now have its rowid. */
  found(taskId: string, rowid: number): void {
    if (this.waiting.size === 0) return;
    const refs = this.waiting.get(taskId);
    if (!refs) return;
    for (const r of refs) r.rowid = rowid;
    this.waiting.delete(taskId);
  }

  /** Flags the live tasks with a reference containing `raw` (already folded as the search folds it). */
  flag(raw: string, live: Uint8Array, flags: Uint8Array): void {
    for (const r of this.byIntake.values()) if (r.rowid >= 0 && live[r.rowid] === 1 && r.lower.includes(raw)) flags[r.rowid] = 1;
  }

  private unwait(ref: Reference): void {
    const left = (this.waiting.get(ref.taskId) ?? []).filter((r) => r !== ref);
    if (left.length) this.waiting.set(ref.taskId, left);
    else this.waiting.delete(ref.taskId);
  }
}
