import { languageOf, type Language } from './strings.js';

/** What a host page can set, in `data-parley='{…}'`, `data-locale` or `Parley.init({…})`. */
export interface WidgetOptions {
  /** Parley's base URL; defaults to where widget.js came from. */
  server: string;
  title?: string;
  /** Brand colour (`#rrggbb`, `#rgb` or `rgb()`); text colours follow it for contrast. */
  color: string;
  position: 'left' | 'right';
  /** The bot's avatar image (http/https). */
  avatarUrl?: string;
  /** A first line shown at the top of the chat, before anyone has written. */
  greeting?: string;
  /** The company's privacy policy, linked next to the consent box. */
  privacyUrl?: string;
  locale: Language;
  /** Play a short sound for new replies while the chat is closed or the tab hidden. */
  sound: boolean;
  /** `polling` skips the WebSocket (for networks that block it). */
  transport: 'auto' | 'polling';
  /** Open the chat as soon as the page loads. */
  open: boolean;
}

export const DEFAULT_COLOR = '#1f4fd1';

const text = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() ? value.trim().slice(0, 500) : undefined);

/**
 * Options from the script tag merged with `Parley.init` ones. Unknown keys and wrong types are
 * ignored, so a typo on the host page never breaks the widget.
 */
export function resolveOptions(script: HTMLScriptElement | null, given: Record<string, unknown> = {}): WidgetOptions {
  let tagged: Record<string, unknown> = {};
  try {
    const parsed: unknown = JSON.parse(script?.dataset.parley || '{}');
    if (parsed && typeof parsed === 'object') tagged = parsed as Record<string, unknown>;
  } catch {
    // A malformed data-parley attribute falls back to the defaults.
  }
  const raw = { ...tagged, ...given };
  const scriptOrigin = script?.src ? new URL(script.src, location.href).origin : location.origin;
  const title = text(raw.title);
  const avatarUrl = text(raw.avatarUrl);
  const greeting = text(raw.greeting);
  const privacyUrl = text(raw.privacyUrl);
  return {
    server: (text(raw.server) ?? scriptOrigin).replace(/\/+$/, ''),
    color: text(raw.color) ?? DEFAULT_COLOR,
    position: raw.position === 'left' ? 'left' : 'right',
    locale: languageOf(text(raw.locale) ?? script?.dataset.locale ?? (document.documentElement.lang || navigator.language)),
    sound: raw.sound === true,
    transport: raw.transport === 'polling' ? 'polling' : 'auto',
    open: raw.open === true,
    ...(title ? { title } : {}),
    ...(avatarUrl ? { avatarUrl } : {}),
    ...(greeting ? { greeting } : {}),
    ...(privacyUrl ? { privacyUrl } : {}),
  };
}
