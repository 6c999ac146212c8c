// @vitest-environment happy-dom
import { test } from 'vitest';
import { findDealViews, readAll } from '../../../../src/content/read/index';
import { siteById } from '../../../../src/sites/registry';
import { loadFixture } from './fixture';

test('dump', () => {
  const [site = '', name = ''] = (process.env.FX ?? '').split('/');
  const { doc, expected } = loadFixture(site, name);
  const profile = siteById(process.env.PROFILE ?? site);
  if (!profile) throw new Error('no profile');
  const views = findDealViews(doc, { profile, pageUrl: expected.pageUrl });
  const out = views.map((v) => ({ kind: v.kind, ...(v.stageOrder ? { stageOrder: v.stageOrder } : {}), deals: readAll(v) }));
  console.log(JSON.stringify(out, null, 2));
});
