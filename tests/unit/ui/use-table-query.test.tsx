// @vitest-environment happy-dom
import 'fake-indexeddb/auto';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { expect, test } from 'vitest';
import { DB_NAME, openDb } from '../../../src/store/db';
import { useTableQuery } from '../../../src/ui/use-table-query';
import { deal } from './fixtures';

test('re-reads when a table it reads changes, not when another one does', async () => {
  const db = openDb(DB_NAME);
  await db.open();
  let reads = 0;
  function Count() {
    const n = useTableQuery(
      async () => {
        reads++;
        return db.deals.count();
      },
      ['deals'],
      [],
    );
    return <p>{n === undefined ? 'loading' : `${n} deals`}</p>;
  }
  const root = document.createElement('div');
  act(() => render(<Count />, root));
  const settle = () => new Promise<void>((r) => setTimeout(r, 120));
  // Until the text shows (or 5 s pass): on a busy machine a read can take longer than one settle.
  const shows = async (text: string) => {
    for (let waited = 0; root.textContent !== text && waited < 5000; waited += 20)
      await act(() => new Promise<void>((r) => setTimeout(r, 20)));
    expect(root.textContent).toBe(text);
  };
  await shows('0 deals');

  await act(async () => {
    await db.deals.bulkPut([deal('a'), deal('b')]);
  });
  await shows('2 deals');
  const before = reads;

  await act(async () => {
    await db.daily.put({ site: 'x', day: '2026-11-27', active: 1 });
    await settle();
  });
  expect(reads).toBe(before);

  act(() => render(null, root));
  await db.delete();
});
