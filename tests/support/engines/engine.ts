/**
 * One browser engine, driven through whatever protocol it speaks (Playwright for Chromium, WebDriver BiDi for
 * Firefox, classic WebDriver for WebKit), reduced to what the cross-engine specs need: open a URL, run a script in the
 * page, and answer every request that leaves the machine (Zoom's cloud, faked at the network edge).
 */

export type EngineName = 'chromium' | 'firefox' | 'webkit';

/** A request the browser sent to a host that is not this machine. */
export interface EdgeRequest {
  method: string;
  url: URL;
  /** Lower-case header names. */
  headers: Record<string, string>;
  body: string;
}

export type EdgeReply =
  | { kind: 'respond'; status: number; headers: Record<string, string>; body: string }
  | { kind: 'file'; path: string; headers: Record<string, string> }
  /** As a host that cannot be reached: the connection fails at once. */
  | { kind: 'refuse' }
  /** As a firewall that drops packets: no answer, ever. */
  | { kind: 'hang' };

export type EdgeHandler = (request: EdgeRequest) => EdgeReply | Promise<EdgeReply>;

export interface EngineSession {
  readonly engine: EngineName;
  /** The browser's own version string, for the README's table and the test titles. */
  readonly version: string;
  goto(url: string): Promise<void>;
  /**
   * Evaluates `expression` (JavaScript source; a promise is awaited) in the top document and returns its
   * JSON-serialisable value.
   */
  evaluate<T>(expression: string): Promise<T>;
  close(): Promise<void>;
}
