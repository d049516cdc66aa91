import type { Page } from '@playwright/test';
import { answerAtTheEdge } from './engines/chromium.ts';
import { ZoomEdge } from './zoom-edge.ts';

export { ZOOM_ANSWERS } from './zoom-edge.ts';

/** Zoom's cloud at the network edge of a Playwright page (tests/support/zoom-edge.ts decides every answer). */
export class ZoomCloud extends ZoomEdge {
  constructor(private readonly page: Page) {
    super();
  }

  install(): Promise<void> {
    return answerAtTheEdge(this.page, (request) =>
      this.reply(request, request.headers.origin ?? new URL(this.page.url()).origin),
    );
  }
}
