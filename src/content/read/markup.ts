/*
 * The markup deal views start from, by what it is (tags, roles, ARIA), never class names. Kept in
 * a module of its own: the content script's loader (src/content/loader.ts) asks whether a page has
 * any of it before the readers are loaded at all.
 */

/** Tables and ARIA grids. Layout tables (role=presentation) are not data. */
export const GRID =
  'table:not([role=presentation]):not([role=none]),[role=grid],[role=treegrid],[role=table]';

/** A record opened over a list or board. */
export const DIALOG = '[role=dialog],dialog[open]';

/** Markup that pairs labels with values, or shows a stage path. */
export const RECORD_MARKUP = 'dl,label[for],[aria-labelledby],[aria-current=step],[role=tablist],[role=listbox]';

/**
 * Anything a list, a record in a dialog, a framed page or a record's fields could be in (boards are
 * found from their record links instead). A superset: loosely matched on purpose, the readers decide.
 */
export const VIEW_MARKUP = `table,[role=grid],[role=treegrid],[role=table],[role=row],[role=dialog],dialog,iframe,${RECORD_MARKUP}`;
