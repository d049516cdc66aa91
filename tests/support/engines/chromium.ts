/**
 * Engines through Playwright: Chromium as the rest of the e2e suite drives it, and Playwright's own Firefox and
 * WebKit builds where a laptop has them (launch.ts); the edge handler answers what leaves the machine.
 */
import { chromium, type BrowserType, type LaunchOptions, type Page } from '@playwright/test';
import { fakeMediaLaunchOptions } from '../browser.ts';
import type { EdgeHandler, EngineName, EngineSession } from './engine.ts';

/** Every request of `page` (and its frames and workers) to a host that is not this machine goes to `edge`. */
export async function answerAtTheEdge(page: Page, edge: EdgeHandler): Promise<void> {
  await page.route(/^https?:\/\/(?!localhost[:/]|127\.0\.0\.1[:/])/, async (route) => {
    const request = route.request();
    const reply = await edge({
      method: request.method(),
      url: new URL(request.url()),
      headers: await request.allHeaders(),
      body: request.postData() ?? '',
    });
    switch (reply.kind) {
      case 'respond':
        return route.fulfill({ status: reply.status, headers: reply.headers, body: reply.body });
      case 'file':
        return route.fulfill({ path: reply.path, headers: reply.headers });
      case 'refuse':
        return route.abort('connectionrefused');
      case 'hang':
        return undefined;
    }
  });
}

export async function launchPlaywright(
  engine: EngineName,
  type: BrowserType,
  edge: EdgeHandler,
  options: LaunchOptions = {},
): Promise<EngineSession> {
  const browser = await type.launch(options);
  // Camera and microphone granted, as a person would ("Check this browser" and its preview); Chromium's fake devices.
  const context = await browser.newContext({ permissions: engine === 'chromium' ? ['camera', 'microphone'] : [] });
  const page = await context.newPage();
  await answerAtTheEdge(page, edge);
  return {
    engine,
    version: browser.version(),
    goto: async (url) => {
      await page.goto(url);
    },
    evaluate: <T>(expression: string) => page.evaluate(expression) as Promise<T>,
    close: () => browser.close(),
  };
}

export function launchChromium(edge: EdgeHandler): Promise<EngineSession> {
  return launchPlaywright('chromium', chromium, edge, fakeMediaLaunchOptions);
}
