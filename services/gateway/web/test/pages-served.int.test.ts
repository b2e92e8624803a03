import { manualClock } from '@stuurwiel/runtime';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, saveScreenshot, seriousViolations } from '../../../../test/browser/browser.js';
import { startWebStack, type WebStack } from './support/web-stack.js';

describe('the pages served by the gateway', () => {
  let web: WebStack;
  let browser: Browser;
  beforeAll(async () => {
    [web, browser] = await Promise.all([
      startWebStack({ name: 'webserved', clock: manualClock('2026-03-02T09:00:00Z'), location: 'centrum' }),
      launchBrowser(),
    ]);
  });
  afterAll(async () => {
    await browser?.close();
    await web?.close();
  });

  it('open in a real browser under the gateway’s security policy, in Dutch or English, without accessibility violations', async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    await page.goto(`${web.url}/`);
    await expect.poll(() => page.locator('h1').textContent()).toBe('stuurwiel');
    expect(await page.getAttribute('html', 'lang')).toBe('nl');
    await page.getByRole('button', { name: 'English' }).click();
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    await expect.poll(() => page.getByText('Live picture of customer service.').count()).toBe(1);
    expect(await seriousViolations(page)).toEqual([]);
    await saveScreenshot(page, 'home');
    expect(errors).toEqual([]);
    await page.close();
  });
});
