/**
 * Parley's website chat widget: one `<script src=".../widget.js" data-parley='{…}' async>` tag.
 *
 * Isolation: Shadow DOM, not an iframe. An iframe would isolate completely, but it costs a
 * second document (another request and parse before the launcher shows, so more bytes against
 * the 20 KB budget), needs `frame-src` in the host's CSP, and makes a full-screen mobile panel
 * and focus moving between launcher and panel awkward across frames. A shadow root keeps our
 * CSS out of the host page and the host's selectors out of the widget; `:host { all: initial }`
 * stops inherited host styles (font, colour, line-height) at the boundary, sizes are in px so
 * the host's rem cannot scale us, and the stylesheet is a constructed one, which the host's
 * CSP `style-src` does not block. The root is open so tests and assistive tools can reach it.
 *
 * Host API: `window.Parley.init(options)` (re)creates the widget with options merged over the
 * tag's; `open()`, `close()`, `destroy()`. Add `data-manual` to the tag to wait for `init`.
 */
import { resolveOptions } from './options.js';
import { Widget } from './widget.js';

interface ParleyApi {
  init(options?: Record<string, unknown>): void;
  open(): void;
  close(): void;
  destroy(): void;
}

declare global {
  interface Window {
    Parley?: ParleyApi;
  }
}

// Only valid while this script first runs (async scripts included).
const script = document.currentScript instanceof HTMLScriptElement ? document.currentScript : document.querySelector<HTMLScriptElement>('script[src*="widget.js"]');
let widget: Widget | undefined;

const api: ParleyApi = {
  init(options = {}) {
    widget?.destroy();
    const start = () => {
      widget?.destroy();
      widget = new Widget(resolveOptions(script, options));
    };
    if (document.body) start();
    else document.addEventListener('DOMContentLoaded', start, { once: true });
  },
  open: () => widget?.open(true),
  close: () => widget?.close(true),
  destroy() {
    widget?.destroy();
    widget = undefined;
  },
};

if (!window.Parley) {
  window.Parley = api;
  if (!script?.hasAttribute('data-manual')) api.init();
}
