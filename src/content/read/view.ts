import type { RawDeal } from '../../messages/schemas';
import type { Settled } from './namesakes';

export type { Settled } from './namesakes';

export interface DealView {
  kind: 'list' | 'board' | 'record';
  /** Element to observe for changes. */
  container: Element;
  /** Current row/card elements (cheap: no cell reading). For a record view, one element. */
  items(): Element[];
  /** Read one item; null when it is not a deal row (e.g. a group header, an empty row). */
  read(item: Element): RawDeal | null;
  /** Where to put an in-page marker for that item (a cell or the title element). */
  anchor(item: Element): Element | null;
  /** Stage names in page order (board columns), if the view shows them. */
  stageOrder?: string[];
  /**
   * After reads, before what they read is sent: the items whose keys those reads changed (rows of
   * a list that share a name: namesakes.ts), each with the key it had and its new one. A deal just
   * read of such an item takes the new key; an item read before is read again. Views whose keys
   * never depend on other items leave it out.
   */
  settle?(): readonly Settled[];
}

/** Most rows or cards one view hands out: bounds the work on endless or hostile pages. */
export const MAX_ITEMS = 20_000;
