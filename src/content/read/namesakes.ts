import { twinKey, untrackedKey } from '../../messages/twin-key';

/**
 * Keys for list rows without a record link that share their name with another row of the list.
 *
 * Such a row is keyed by its name (table.ts), and the background keeps one deal per key: two rows
 * named "Renewal 2027" (one for Acme, one for Globex) were one deal that took the values of either
 * row in turn, and every turn was recorded as a change ("amount dropped 60%", "close date slipped")
 * while one of the two deals was lost. Sorting the table changes which row is read last, so the
 * flips came with every sort.
 *
 * What is done instead, per list (a view lives as long as its table is on the page):
 * - A row whose name no other row of the list shows keeps its name as its key: the key its
 *   history is already stored under. Telling this costs a map lookup per row.
 * - Rows that share a name are told apart by what they show of who the deal is with: the account
 *   (company) column, then contacts, then owner (table.ts reads them only for these rows). Each row
 *   gets its name plus the fewest of those values that no other row of its name shares (twinKey):
 *   `Renewal 2027\nAcme`. The key comes from the row's own cells, never from where the row is, so
 *   sorting, rescans and re-rendered rows leave it as it is, and each deal keeps its own history.
 *   An owner or contact change of such a row gives it a new key (a new deal, no history): a
 *   history lost, never a false change.
 * - Rows that nothing shown tells apart are numbered (untrackedKey: `Renewal 2027\t2`): both deals
 *   are kept and read, but which one holds which number may change (the table is sorted, rows are
 *   drawn again), so the background records no change between two sightings of such a key and
 *   keeps nothing from one sighting to the next (src/store/normalize.ts): rules on what the row
 *   shows still apply, rules on its history never fire.
 * - What collided stays collided while the list is on the page: a namesake that scrolls out of a
 *   virtual list or is filtered away does not hand its name back to the other (whose key would
 *   change back and mix their histories again); the rows themselves are let go of once they have
 *   left the page (`forget`), the names stay. After that (a reload, another page), a row keyed
 *   by the name alone may be either deal: the background remembers the names rows have shared on
 *   the site and records no change between two sightings of such a key (src/store/ingest.ts).
 *
 * Telling needs every row of the name, and rows are read one at a time (a few at a time after a
 * change): the first row of a name is keyed by its name until a second one turns up. So after a
 * read, `settle()` gives the rows whose keys changed, old and new key: a deal just read takes the
 * new key, a row read in an earlier scan is read again, before anything is sent (the scanner and
 * readAll do this). Per list, not per page: two lists on one page that show one name (mine, my
 * team's) more likely show one deal twice than two deals.
 *
 * Left as it is: the same name in two lists (two pages, two filters) that each show one of the
 * deals, and never both at once, is one key, as before; nothing on one page can tell.
 */

/** A row of a name shared with others: what tells it apart, and the key it was given. */
interface Twin {
  row: Element;
  group: Group;
  /** The row's values of the telling columns, most telling first. */
  who: string[];
  /** `who` joined: rows with the same `id` are told apart by nothing shown. */
  id: string;
  /** Its number among the rows nothing tells apart from it (0: none given yet). */
  n: number;
  /** The key last given. */
  key: string;
}

interface Group {
  name: string;
  rows: Set<Element>;
  /** Leading parts of `id` (joined) that two rows have shown at once: these no longer tell. */
  shared: Set<string>;
}

// Kept on the row itself, like table.ts's name cell (a WeakMap lookup with DOM keys costs more).
const NAME = Symbol('name the row was keyed by');
const TWIN = Symbol('namesake');
type Row = Element & { [NAME]?: string; [TWIN]?: Twin };

/** A row whose key `settle()` changed: the key it had (to forget where that key was), and its new one. */
export interface Settled {
  item: Element;
  was: string;
  key: string;
}

const NONE: readonly Settled[] = [];
const SEP = '\n';
/** Rows the tables may hold beyond twice those the list shows before they are looked over. */
const FEW = 256;

/** Whether `row` is on the page and was last read under `name`. */
function holds(row: Element, name: string): boolean {
  return (row as Row)[NAME] === name && row.isConnected;
}

function attach(row: Element, group: Group, who: string[], key: string): Twin {
  const twin: Twin = { row, group, who, id: who.join(SEP), n: 0, key };
  (row as Row)[TWIN] = twin;
  return twin;
}

export class Namesakes {
  /** The one row read under each name no other row shares. */
  private readonly single = new Map<string, Element>();
  /** Names rows have shared in this list. */
  private readonly groups = new Map<string, Group>();
  /** Groups whose rows or values changed since the last settle. */
  private readonly touched = new Set<Group>();
  /** Rows in the groups' `rows`. */
  private grouped = 0;
  /** How many rows the list showed when last listed. */
  private shown = 0;

  /** @param whoOf a row's values of the telling columns (for a row read while its name was its own). */
  constructor(private readonly whoOf: (row: Element) => string[]) {}

  /** How many rows the list shows, each time they are listed: the tables need hold few more. */
  listed(rows: number): void {
    this.shown = rows;
  }

  /** Before a row is read: it holds no name until `key` gives it one (it may now be a header, or linked). */
  unread(row: Element): void {
    if ((row as Row)[NAME] !== undefined) (row as Row)[NAME] = undefined;
  }

  /** The key of a row named `name` with no link: its name, or null when rows share it (ask `twin`). */
  key(row: Element, name: string): string | null {
    (row as Row)[NAME] = name;
    const group = this.groups.get(name);
    if (group === undefined) {
      const other = this.single.get(name);
      if (other === row) return name;
      if (other === undefined || !holds(other, name)) {
        this.single.set(name, row);
        return name;
      }
      // A second row of this name: from now on, the name is shared. The first one, keyed by the
      // name until now, is looked at here, in the read (which yields to the page), not in settle().
      const shared: Group = { name, rows: new Set([other, row]), shared: new Set() };
      attach(other, shared, this.whoOf(other), name);
      this.groups.set(name, shared);
      this.single.delete(name);
      this.grouped += 2;
      this.touched.add(shared);
      return null;
    }
    if (!group.rows.has(row)) {
      group.rows.add(row);
      this.grouped++;
      this.touched.add(group);
    }
    return null;
  }

  /** The key of a row whose name rows share (after `key` said null), from its telling values. */
  twin(row: Element, name: string, who: string[]): string {
    const group = this.groups.get(name);
    if (group === undefined) return name;
    let twin = (row as Row)[TWIN];
    if (twin === undefined || twin.group !== group || twin.id !== who.join(SEP)) {
      twin = attach(row, group, who, name);
      this.touched.add(group);
    }
    twin.key = keyOf(twin);
    return twin.key;
  }

  /**
   * After reads: works out what tells apart the rows of the names those reads touched, and gives
   * the rows whose keys that changed, with their old and new keys. A few set lookups per row of
   * those names; nothing at all when no read touched a shared name (and the tables are not due to
   * be looked over, see `forget`).
   */
  settle(): readonly Settled[] {
    if (this.single.size + this.grouped > 2 * this.shown + FEW) this.forget();
    if (this.touched.size === 0) return NONE;
    const out: Settled[] = [];
    const twins: Twin[] = [];
    const seen = new Set<string>();
    for (const group of this.touched) {
      twins.length = 0;
      seen.clear();
      for (const row of group.rows) {
        if (!holds(row, group.name)) {
          group.rows.delete(row);
          this.grouped--;
          continue;
        }
        const twin = (row as Row)[TWIN];
        twins.push(twin?.group === group ? twin : attach(row, group, this.whoOf(row), group.name));
      }
      // Leading values two rows show alike no longer tell them apart.
      let alike = false;
      for (const twin of twins) {
        let prefix = '';
        for (let i = 0; i < twin.who.length; i++) {
          prefix = i === 0 ? (twin.who[0] as string) : prefix + SEP + twin.who[i];
          if (seen.has(prefix)) group.shared.add(prefix);
          else seen.add(prefix);
        }
        if (twin.who.length === 0) group.shared.add('');
        if (group.shared.has(twin.id)) alike = true;
      }
      if (alike) number(twins, group.shared);
      for (const twin of twins) {
        const key = keyOf(twin);
        if (key === twin.key) continue;
        out.push({ item: twin.row, was: twin.key, key });
        twin.key = key;
      }
    }
    this.touched.clear();
    return out;
  }

  /**
   * Lets go of rows no longer on the page or under their name: a virtual list drops rows as it
   * scrolls and draws new ones, and a busy list would otherwise keep every row it ever showed. A
   * name stays shared (its group stays) when its rows go. Looked over only once the tables hold
   * well over twice the rows the list shows: never for a list that lost no rows, else once every
   * so many rows read, a lookup per row held.
   */
  private forget(): void {
    this.single.forEach((row, name) => {
      if (!holds(row, name)) this.single.delete(name);
    });
    let grouped = 0;
    this.groups.forEach((group) => {
      group.rows.forEach((row) => {
        if (!holds(row, group.name)) group.rows.delete(row);
      });
      grouped += group.rows.size;
    });
    this.grouped = grouped;
  }

  /** How many rows the tables hold (tests). */
  held(): number {
    let rows = this.single.size;
    this.groups.forEach((group) => {
      rows += group.rows.size;
    });
    return rows;
  }
}

/**
 * Numbers for rows nothing tells apart: a row keeps the number it has, a row new to its kind takes
 * the lowest one free (so a row drawn again or moved does not renumber the others).
 */
function number(twins: Twin[], shared: Set<string>): void {
  const taken = new Map<string, Set<number>>();
  const unnumbered: Twin[] = [];
  for (const twin of twins) {
    if (!shared.has(twin.id)) continue;
    let numbers = taken.get(twin.id);
    if (numbers === undefined) {
      numbers = new Set();
      taken.set(twin.id, numbers);
    }
    if (twin.n > 0 && !numbers.has(twin.n)) numbers.add(twin.n);
    else unnumbered.push(twin);
  }
  // The lowest free number only grows while numbers are handed out: one pass, however many rows.
  const next = new Map<string, number>();
  for (const twin of unnumbered) {
    const numbers = taken.get(twin.id) as Set<number>;
    let n = next.get(twin.id) ?? 1;
    while (numbers.has(n)) n++;
    numbers.add(n);
    next.set(twin.id, n + 1);
    twin.n = n;
  }
}

/** The name plus the fewest leading values no other row of the name shared; else a number. */
function keyOf(twin: Twin): string {
  const { group, who } = twin;
  let prefix = '';
  for (let i = 0; i < who.length; i++) {
    prefix = i === 0 ? (who[0] as string) : prefix + SEP + who[i];
    if (!group.shared.has(prefix)) return twinKey(group.name, who.slice(0, i + 1));
  }
  return untrackedKey(group.name, twin.n > 0 ? twin.n : 1);
}
