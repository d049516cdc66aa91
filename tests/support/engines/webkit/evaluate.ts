/** A script run in the page through classic WebDriver, its promise awaited and its errors reported. */
import type { WebDriver } from 'selenium-webdriver';

type ScriptResult = { ok: true; v?: unknown } | { ok: false; e: string };

function isScriptResult(value: unknown): value is ScriptResult {
  return typeof value === 'object' && value !== null && typeof (value as { ok?: unknown }).ok === 'boolean';
}

export async function evaluateIn<T>(driver: WebDriver, expression: string): Promise<T> {
  // `Promise.resolve().then(...)` so a synchronous throw is reported like a rejection. The message as well as the
  // stack: WebKit's `stack` holds only the frames (a bare "@" for code run through WebDriver).
  const script = `
    const done = arguments[arguments.length - 1];
    const describe = (e) => (e && e.stack ? String(e) + '\\n' + e.stack : String(e));
    Promise.resolve()
      .then(() => (${expression}\n))
      .then((v) => done({ ok: true, v }), (e) => done({ ok: false, e: describe(e) }));`;
  const result = await driver.executeAsyncScript<unknown>(script);
  if (!isScriptResult(result)) {
    throw new Error(`evaluate: unexpected result from WebKitWebDriver: ${JSON.stringify(result)}`);
  }
  if (!result.ok) throw new Error(`evaluate failed in the page: ${result.e}`);
  return result.v as T;
}
