/**
 * The browser side of the browser suite: a clock inside the page, so a figure is what the person waits — from the
 * input event's own timestamp (or the scroll the page itself made) to the frame that shows the awaited rows — and
 * never Playwright's polling or its round trips. `installProbe` is sent to the page as source text and runs before
 * the app; the suite arms a wait, acts, and reads the result.
 */

/** What a filled grid needs: rows in the visible band, none of them loading, and these columns drawn in each. */
export interface GridWant {
  kind: 'grid';
  /** The grid's root element. */
  grid: string;
  /** col-ids whose cells must hold text in every visible row (a React-drawn one shows its renderer has committed). */
  cols: string[];
  /** The first visible row must be another than this row-id (the screen has moved on from it). */
  notFirst?: string | null;
}

/** A form open and ready to type in: present, loaded, the keyboard inside it (on its first field, or its buttons). */
export interface FormWant {
  kind: 'form';
  /** The drawer or dialog. */
  root: string;
  /** What appears once the record has loaded. */
  loaded: string;
}

export type Want = GridWant | FormWant;

/** From the input event (the next keydown after arming), or from arming itself (a scroll the page makes). */
export type Start = 'key' | 'now';

export interface ProbeResult {
  ms: number;
  first: string | null;
  rows: number;
}

export interface GridView {
  ids: string[];
  filled: boolean;
  firstIndex: number;
}

export interface Probe {
  /** performance.now() when the login form was first in the page (-1: not yet). */
  loginShownAt(): number;
  arm(want: Want, start: Start, timeoutMs: number): void;
  result(): Promise<ProbeResult>;
  view(grid: string, cols: string[]): GridView | null;
  /** The rows on screen, top to bottom. */
  rows(grid: string): HTMLElement[];
  /** Sets the grid's scroll position to `fraction` of its height and waits for filled rows there. */
  jump(grid: string, cols: string[], fraction: number, timeoutMs: number): Promise<ProbeResult>;
}

declare global {
  interface Window {
    __planoraProbe?: Probe;
  }
}

/** Runs in the page (sent as source: it may use nothing from this module's scope). */
export function installProbe(): void {
  let lastKey = -1;
  window.addEventListener('keydown', (e) => void (lastKey = e.timeStamp), { capture: true });
  // When the first screen (the login form) entered the page: what was fetched before it is the first screen's code.
  let loginShownAt = -1;
  const login = new MutationObserver(() => {
    if (document.querySelector('input[autocomplete=username]')) {
      loginShownAt = performance.now();
      login.disconnect();
    }
  });
  login.observe(document, { subtree: true, childList: true });

  /** The rows in the grid's visible band, top to bottom, and whether they cover it. */
  const band = (gridSel: string): { rows: { el: HTMLElement; r: DOMRect }[]; covered: boolean } | null => {
    const root = document.querySelector(gridSel);
    const vp = root?.querySelector('.ag-grid-viewport');
    if (!root || !vp) return null;
    // The viewport scrolls the header with it (sticky): the rows' band starts below the header.
    const outer = vp.getBoundingClientRect();
    const top = Math.max(outer.top, root.querySelector('.ag-header')?.getBoundingClientRect().bottom ?? outer.top);
    const bottom = outer.bottom;
    if (bottom - top < 20) return null;
    const rows = Array.from(root.querySelectorAll<HTMLElement>('.ag-grid-scrolling-rows .ag-row'))
      .map((el) => ({ el, r: el.getBoundingClientRect() }))
      .filter(({ r }) => r.height > 0 && r.bottom > top + 2 && r.top < bottom - 2)
      .sort((a, b) => a.r.top - b.r.top);
    const last = rows[rows.length - 1];
    // Covered: rows from the band's top to its bottom (or to the last row of a short list).
    const covered = !!last && rows[0]!.r.top <= top + 2 && (last.r.bottom >= bottom - 2 || last.el.classList.contains('ag-row-last'));
    return { rows, covered };
  };

  const view = (gridSel: string, cols: string[]): GridView | null => {
    const b = band(gridSel);
    if (!b || !b.rows.length) return null;
    const filled =
      b.covered &&
      b.rows.every(({ el }) => !el.classList.contains('ag-row-loading') && cols.every((c) => (el.querySelector(`[col-id="${c}"]`)?.textContent ?? '').trim() !== ''));
    return { ids: b.rows.map(({ el }) => el.getAttribute('row-id') ?? ''), filled, firstIndex: Number(b.rows[0]!.el.getAttribute('row-index')) };
  };

  const formReady = (w: { root: string; loaded: string }): boolean => {
    const root = document.querySelector(w.root);
    const active = document.activeElement;
    return !!root && !!root.querySelector(w.loaded) && !!active && root.contains(active);
  };

  const met = (want: Want): ProbeResult | null => {
    if (want.kind === 'form') return formReady(want) ? { ms: 0, first: null, rows: 0 } : null;
    const v = view(want.grid, want.cols);
    if (!v || !v.filled || (want.notFirst !== undefined && v.ids[0] === want.notFirst)) return null;
    return { ms: 0, first: v.ids[0] ?? null, rows: v.ids.length };
  };

  /** Resolves at the first frame whose DOM meets `want` (measured at that frame's start: it paints it). */
  const waitFor = (want: Want, startAt: () => number | null, timeoutMs: number): Promise<ProbeResult> =>
    new Promise((resolve, reject) => {
      let done = false;
      let scheduled = false;
      const finish = (r: ProbeResult | Error) => {
        if (done) return;
        done = true;
        obs.disconnect();
        afterPaint.port1.close();
        clearTimeout(timer);
        if (r instanceof Error) reject(r);
        else resolve(r);
      };
      // Looked at once a frame, just after it painted (a message posted from the frame's callback): the layout is
      // then clean, so reading it costs nothing, where reading it between changes would force layouts the page never
      // asked for and slow down what is measured. The time taken is that frame's end.
      const check = () => {
        scheduled = false;
        const t0 = startAt();
        if (done || t0 === null) return;
        const r = met(want);
        if (r) finish({ ...r, ms: performance.now() - t0 });
      };
      const afterPaint = new MessageChannel();
      afterPaint.port1.onmessage = check;
      const schedule = () => {
        if (!scheduled) {
          scheduled = true;
          requestAnimationFrame(() => afterPaint.port2.postMessage(null));
        }
      };
      const obs = new MutationObserver(schedule);
      obs.observe(document.documentElement, { subtree: true, childList: true, attributes: true, characterData: true });
      document.addEventListener('scroll', schedule, { capture: true, passive: true });
      window.addEventListener('keydown', () => setTimeout(schedule, 0), { capture: true, once: true });
      const timer = setTimeout(() => finish(new Error(`not met within ${timeoutMs} ms: ${JSON.stringify(want)}`)), timeoutMs);
      schedule();
    });

  // Settled either way, so a failure waits to be read by result() instead of surfacing unhandled.
  let pending: Promise<ProbeResult | Error> | null = null;
  const settled = (p: Promise<ProbeResult>) => p.then((r) => r, (e: unknown) => (e instanceof Error ? e : new Error(String(e))));
  window.__planoraProbe = {
    loginShownAt: () => loginShownAt,
    view,
    rows: (gridSel) => band(gridSel)?.rows.map(({ el }) => el) ?? [],
    arm(want, start, timeoutMs) {
      const armedAt = performance.now();
      const keyBefore = lastKey;
      const startAt = () => (start === 'now' ? armedAt : lastKey !== keyBefore ? lastKey : null);
      pending = settled(waitFor(want, startAt, timeoutMs));
    },
    async result() {
      if (!pending) throw new Error('nothing armed');
      const r = await pending;
      pending = null;
      if (r instanceof Error) throw r;
      return r;
    },
    jump(gridSel, cols, fraction, timeoutMs) {
      const vp = document.querySelector(`${gridSel} .ag-grid-viewport`);
      if (!vp) return Promise.reject(new Error('no grid viewport'));
      const before = view(gridSel, cols)?.ids[0] ?? null;
      const armedAt = performance.now();
      const p = waitFor({ kind: 'grid', grid: gridSel, cols, notFirst: before }, () => armedAt, timeoutMs);
      vp.scrollTop = Math.round(fraction * (vp.scrollHeight - vp.clientHeight));
      return p;
    },
  };
}

/** The init script: `installProbe` as source, with esbuild's name helper defined (tsx keeps function names). */
export const PROBE_SCRIPT = `var __name = (f) => f; (${installProbe.toString()})();`;
