// @vitest-environment happy-dom
import { describe, expect, test } from 'vitest';
import {
  cellValue,
  chunks,
  clean,
  cut,
  labelKey,
  MAX_RAW,
  shownText,
} from '../../../../src/content/read/text';
import { MAX_RAW as SCHEMA_MAX_RAW } from '../../../../src/messages/schemas';

function el(html: string): Element {
  const div = document.createElement('div');
  div.innerHTML = html;
  return div;
}

describe('text', () => {
  test('cuts to the limit the message schema enforces', () => {
    expect(MAX_RAW).toBe(SCHEMA_MAX_RAW);
  });

  test('clean trims, collapses whitespace and drops bidi and zero-width characters', () => {
    expect(clean('  Acme\n\t Corp\u00a0 ')).toBe('Acme Corp');
    expect(clean('\u202eevil\u202c \u200bname\ufeff')).toBe('evil name');
    expect(clean('\u2067x\u2069')).toBe('x');
  });

  test('clean cuts to MAX_RAW, also for huge input, never splitting a surrogate pair', () => {
    expect(clean('a'.repeat(1_000_000))).toHaveLength(MAX_RAW);
    expect(clean(`${' '.repeat(100_000)}x`)).toBe('x');
    const emoji = `${'a'.repeat(MAX_RAW - 1)}😀`;
    expect(cut(emoji)).toBe('a'.repeat(MAX_RAW - 1));
  });

  test('cellValue reads dashes as empty', () => {
    for (const dash of ['-', '--', '—', '–', ' -- ']) expect(cellValue(dash)).toBe('');
    expect(cellValue('-5')).toBe('-5');
  });

  test('labelKey compares labels loosely', () => {
    expect(labelKey('  Close   Date: ')).toBe('close date');
    expect(labelKey('Amount *')).toBe('amount');
    expect(labelKey('x'.repeat(300))).toBe('');
  });

  test('shownText skips buttons, icons and hidden helpers, and separates adjacent pieces', () => {
    expect(shownText(el('<span>$10</span><button><span>Edit Amount: Item 1</span></button>'))).toBe('$10');
    expect(
      shownText(el('<span aria-hidden="true">DK</span><span>Dana</span><svg><text>x</text></svg>')),
    ).toBe('Dana');
    expect(shownText(el('<span>Luis</span><span>Mia</span>'))).toBe('Luis Mia');
    expect(shownText(el('<script>alert(1)</script><style>p{}</style>ok'))).toBe('ok');
  });

  test('shownText uses a button when the value is one, but not an "Edit" control', () => {
    expect(shownText(el('<button><span>Contract sent</span></button>'))).toBe('Contract sent');
    expect(shownText(el('<span></span><button>Edit Next Step</button>'))).toBe('');
  });

  test('text stays text: HTML-looking content is returned verbatim and creates nothing', () => {
    const cell = el('&lt;img src=x onerror=alert(1)&gt;');
    expect(shownText(cell)).toBe('<img src=x onerror=alert(1)>');
    expect(cell.querySelector('img')).toBeNull();
  });

  test('chunks is iterative: a very deep tree does not overflow the stack', () => {
    let html = 'deep';
    for (let i = 0; i < 5000; i++) html = `<span>${html}</span>`;
    expect(chunks(el(html))).toEqual(['deep']);
  });
});
