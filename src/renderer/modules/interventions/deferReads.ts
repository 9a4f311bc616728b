import { createContext, useContext } from 'react';

/**
 * True while the grid's first rows are still on their way: the screen's lists that can wait (the filter bar's clients
 * and staff) hold their reads, so the browser's few connections and main's time go to the rows first. A form or
 * dialog outside the screen's filter bar never waits.
 */
export const DeferReads = createContext(false);

export const useDeferReads = (): boolean => useContext(DeferReads);
