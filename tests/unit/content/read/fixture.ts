import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { RawDeal } from '../../../../src/messages/schemas';

export const FIXTURES = path.resolve(import.meta.dirname, '../../../fixtures');

export interface ExpectedView {
  kind: 'list' | 'board' | 'record';
  stageOrder?: string[];
  deals: RawDeal[];
}

export interface Expected {
  pageUrl: string;
  views: ExpectedView[];
}

/**
 * happy-dom does not attach declarative shadow roots (`<template shadowrootmode="open">`) when it
 * parses, so this does what a browser's parser does: move each such template's content into an open
 * shadow root on its parent, innermost first.
 */
export function attachDeclarativeShadowRoots(root: ParentNode): void {
  for (const template of root.querySelectorAll('template[shadowrootmode]')) {
    const content = (template as HTMLTemplateElement).content;
    attachDeclarativeShadowRoots(content);
    const host = template.parentElement;
    if (!host || host.shadowRoot) continue;
    const shadow = host.attachShadow({ mode: 'open' });
    shadow.append(content);
    template.remove();
  }
}

/** Parse a fixture page into its own document (scripts in it never run). */
export function loadFixture(site: string, name: string): { doc: Document; expected: Expected } {
  const dir = path.join(FIXTURES, site);
  const html = readFileSync(path.join(dir, `${name}.html`), 'utf8');
  const expected = JSON.parse(readFileSync(path.join(dir, `${name}.expected.json`), 'utf8')) as Expected;
  const doc = new DOMParser().parseFromString(html, 'text/html');
  attachDeclarativeShadowRoots(doc);
  return { doc, expected };
}
