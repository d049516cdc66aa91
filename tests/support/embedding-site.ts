/**
 * Another site that embeds this one with the snippet of docs/embed.md, on loopback: 127.0.0.1 is another site than
 * localhost, so its frame of this site is cross-site, as on the web. Each page records every message it receives
 * (window.received), for the tests to check that none carries a secret.
 */
import { createServer, type Server } from 'node:http';
import { PORTS } from './servers.ts';

const SITE = `http://localhost:${PORTS.signer}`;

/** The embedding page's own script: what it hears, and the events of the element. */
const RECORDER = `<script>
window.received = [];
window.events = [];
addEventListener('message', (event) => received.push({ origin: event.origin, data: JSON.stringify(event.data) }));
for (const type of ['ready', 'joining', 'joined', 'waiting', 'left', 'failed'])
  document.addEventListener('zoom-join:' + type, (event) => events.push(event.detail), true);
</script>`;

/** A course page: a sidebar beside the slot the meeting goes into (component view inside the page's layout). */
const layout = (slot: string) => `<!doctype html>
<html><head><meta charset="utf-8"><title>Course</title>${RECORDER}</head>
<body style="margin:0">
<div id="layout" style="display:grid;grid-template-columns:200px 640px;gap:0">
<aside style="height:520px">Lesson 1</aside>
<div id="slot">${slot}</div>
</div></body></html>`;

const PAGES: Record<string, string> = {
  // The classic snippet: a script tag and the element, the meeting preset.
  '/': layout(
    `<script src="${SITE}/embed.js"></script>` +
      `<zoom-join meeting="123456789" passcode="Embedded-Passcode-42" view="component" width="640px" height="520px"></zoom-join>`,
  ),
  // The ES module and mount(), client view.
  '/module': layout(`<script type="module">
import { mount } from '${SITE}/embed.mjs';
window.handle = mount(document.getElementById('slot'), { meeting: '123456789', view: 'client', height: '520px' });
window.handleEvents = [];
for (const type of ['ready', 'joining', 'joined', 'waiting', 'left', 'failed'])
  window.handle.on(type, (event) => window.handleEvents.push(event));
</script>`),
};

/** Cross-origin isolated, as docs/embed.md says for gallery view; the same pages otherwise. */
const ISOLATION = { 'cross-origin-opener-policy': 'same-origin', 'cross-origin-embedder-policy': 'require-corp' };

export function startEmbeddingSite(port: number): Promise<Server> {
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
    const page = PAGES[url.pathname];
    if (!page) return res.writeHead(404).end();
    res.writeHead(200, {
      'content-type': 'text/html; charset=utf-8',
      ...(url.searchParams.has('isolated') ? ISOLATION : {}),
    });
    res.end(page);
  });
  return new Promise((resolve) => server.listen(port, '127.0.0.1', () => resolve(server)));
}
