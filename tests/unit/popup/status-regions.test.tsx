// @vitest-environment happy-dom
import 'fake-indexeddb/auto';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { expect, test } from 'vitest';
import { AllDealsView } from '../../../src/popup/all-deals-view';
import { HiddenView } from '../../../src/popup/hidden-view';

/*
 * The popup's views say what they found in a live region. Many screen readers read out a change
 * inside a region that is already on the page, but not a region inserted with its text: the
 * region that says "Loading…" must be the one that then gives the answer.
 */

const settle = () => new Promise<void>((r) => setTimeout(r, 150));

test.each([
  ['All deals', () => <AllDealsView pageSize={20} />, 'all-status', /^The radar has not read a CRM page yet/],
  ['Snoozed & dismissed', () => <HiddenView />, 'hidden-status', /^Nothing/],
])('%s: the status that said "Loading…" is the same live region that gives the answer', async (_name, view, testId, answer) => {
  const root = document.createElement('div');
  document.body.append(root);
  act(() => render(view(), root));
  const loading = root.querySelector(`[data-testid=${testId}]`);
  expect(loading?.getAttribute('role')).toBe('status');
  expect(loading?.textContent).toBe('Loading…');
  await act(settle);
  const answered = root.querySelector(`[data-testid=${testId}]`);
  expect(answered?.textContent).toMatch(answer);
  expect(answered).toBe(loading);
  act(() => render(null, root));
  root.remove();
});
