/**
 * Firefox (Debian's firefox-esr) over WebDriver BiDi with puppeteer-core, the one maintained driver that speaks it to a
 * stock Firefox: Playwright's Firefox needs its own patched build, and its BiDi channel fails on ESR 153. Every request
 * that leaves the machine is intercepted and answered by the edge handler.
 */
import { existsSync, readFileSync } from 'node:fs';
import puppeteer, { type HTTPRequest, type Page } from 'puppeteer-core';
import type { EdgeHandler, EngineSession } from './engine.ts';
import { contentTypeOf } from './edge-files.ts';

const FIREFOX = ['/usr/bin/firefox-esr', '/usr/bin/firefox'].find((path) => existsSync(path));

export function firefoxAvailable(): boolean {
  return FIREFOX !== undefined;
}

const isLoopback = (url: URL) => ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);

async function answer(request: HTTPRequest, edge: EdgeHandler): Promise<void> {
  const url = new URL(request.url());
  if (!/^https?:$/.test(url.protocol) || isLoopback(url)) return request.continue();
  // BiDi requests carry no postData(): the body has to be fetched.
  const body = request.hasPostData() ? ((await request.fetchPostData()) ?? '') : '';
  const reply = await edge({ method: request.method(), url, headers: request.headers(), body });
  switch (reply.kind) {
    case 'respond':
      return request.respond({ status: reply.status, headers: reply.headers, body: reply.body });
    case 'file':
      return request.respond({
        status: 200,
        headers: reply.headers,
        contentType: contentTypeOf(reply.path),
        body: readFileSync(reply.path),
      });
    case 'refuse':
      return request.abort('connectionrefused');
    case 'hang':
      return undefined;
  }
}

export async function launchFirefox(edge: EdgeHandler): Promise<EngineSession> {
  if (!FIREFOX) throw new Error('Firefox not found: apt-get install firefox-esr');
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX,
    headless: true,
    // A fake camera and microphone, granted without a prompt ("Check this browser" and its preview).
    extraPrefsFirefox: { 'media.navigator.streams.fake': true, 'media.navigator.permission.disabled': true },
  });
  let page: Page;
  try {
    page = await browser.newPage();
    await page.setRequestInterception(true);
  } catch (error) {
    await browser.close().catch(() => undefined);
    throw error;
  }
  page.on('request', (request) => {
    answer(request, edge).catch(() => undefined); // a request the page abandoned can no longer be answered
  });
  return {
    engine: 'firefox',
    version: await browser.version(),
    goto: async (url) => {
      await page.goto(url, { waitUntil: 'load' });
    },
    evaluate: <T>(expression: string) => page.evaluate(expression) as Promise<T>,
    close: () => browser.close().catch(() => undefined),
  };
}
