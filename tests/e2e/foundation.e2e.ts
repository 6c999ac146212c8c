import { describe, expect, test } from 'vitest';
import { badgeTitle, readPopup, serviceWorker, tabIdOf, waitForBadge } from '../../scripts/browser';
import { useDemoBrowser } from './setup';


const env = useDemoBrowser();

describe('the vertical slice on the demo CRM', () => {
  test('the deal list: badge counts the deals needing attention, the popup lists them with facts and a nudge', async () => {
    const page = await env.browser.context.newPage();
    const url = `${env.server.url}/deals`;
    await page.goto(url);
    const tabId = await tabIdOf(env.browser, url);
    const badge = await waitForBadge(env.browser, tabId, (t) => /^\d+$/.test(t));

    const popup = await readPopup(env.browser, tabId);
    expect(popup.deals.length).toBe(Number(badge));
    expect(popup.status).toBe(`${badge} of 18 deals on this page need attention.`);

    // Wide World Importers has been quiet for weeks: critical no-activity, with the facts.
    const quiet = popup.deals.find((d) => d.name.startsWith('Wide World Importers'));
    expect(quiet?.href).toBe(`${env.server.url}/deals/1006`);
    const noActivity = quiet?.warnings.find((w) => w.rule === 'no-activity');
    expect(noActivity?.title).toMatch(/^Critical/);
    expect(noActivity?.facts[0]).toMatch(/^Last activity \d+ days ago, on \d{1,2} [A-Z][a-z]{2} \d{4}$/);
    expect(noActivity?.nudge).toMatch(/^How /);

    // Healthy deals and closed deals raise nothing.
    const names = popup.deals.map((d) => d.name);
    for (const healthy of ['Northwind', 'Contoso Health', 'Graphic Design Institute', 'Humongous Insurance']) {
      expect(names.some((n) => n.startsWith(healthy))).toBe(false);
    }
    // Every listed deal links to its record on the demo CRM.
    for (const deal of popup.deals) expect(deal.href).toMatch(new RegExp(`^${env.server.url}/deals/\\d+$`));
    await popup.page.close();
    await page.close();
  });

  test('the board: stage columns and activity icons are read too', async () => {
    const page = await env.browser.context.newPage();
    const url = `${env.server.url}/board`;
    await page.goto(url);
    const tabId = await tabIdOf(env.browser, url);
    await waitForBadge(env.browser, tabId, (t) => /^\d+$/.test(t));
    const popup = await readPopup(env.browser, tabId);
    // Coho Winery closes within two weeks while still in Discovery.
    const coho = popup.deals.find((d) => d.name.startsWith('Coho Winery'));
    expect(coho?.warnings.map((w) => w.rule)).toContain('closing-soon-early-stage');
    await popup.page.close();
    await page.close();
  });

  test('a page that is not a CRM page: no badge, nothing recorded', async () => {
    const page = await env.browser.context.newPage();
    const url = `${env.server.url}/blog`;
    await page.goto(url);
    const tabId = await tabIdOf(env.browser, url);
    await page.waitForTimeout(1500);
    expect(await badgeTitle(env.browser, tabId)).toBe('Deal Radar');
    const popup = await readPopup(env.browser, tabId);
    expect(popup.status).toMatch(/^No deals read on this page/);
    expect(popup.deals).toEqual([]);
    await popup.page.close();
    await page.close();
  });

  test('an invalid message gets a rejected reply, and the background keeps working', async () => {
    const page = await env.browser.context.newPage();
    await page.goto(`chrome-extension://${env.browser.extensionId}/popup/index.html`);
    const replies = await page.evaluate(async () => [
      await chrome.runtime.sendMessage({ type: 'no-such-message', payload: {} }),
      await chrome.runtime.sendMessage('just a string'),
      await chrome.runtime.sendMessage({ type: 'ui:snooze', payload: { warnings: [], until: -1 } }),
      // An extension page may not pretend to be a content script.
      await chrome.runtime.sendMessage({ type: 'content:observed', payload: {} }),
    ]);
    for (const reply of replies) expect(reply).toMatchObject({ ok: false });
    const worker = await serviceWorker(env.browser);
    expect(await worker.evaluate(() => 1 + 1)).toBe(2);
    await page.close();
  });
});
