import { languageOf, type Language } from './strings.js';

/**
 * The shop's signed-in user, vouched for by the shop's server: `hash` is
 * `hex(HMAC-SHA256(PARLEY_IDENTITY_SECRET, id))` (and `vipHash` of `"vip:" + id`). Passed on
 * with every token request, so the customer is the same on every device.
 */
export interface WidgetUser {
  id: string;
  hash: string;
  email?: string;
  name?: string;
  vip?: boolean;
  vipHash?: string;
}

/** What a host page can set, in `data-parley='{…}'`, `data-locale` or `Parley.init({…})`. */
export interface WidgetOptions {
  /** Parley's base URL; defaults to where widget.js came from. */
  server: string;
  /** The panel's heading and the bot's name; given once, or per language (see `localized`). */
  title?: string;
  /** Brand colour (`#rrggbb`, `#rgb` or `rgb()`); text colours follow it for contrast. */
  color: string;
  position: 'left' | 'right';
  /** The bot's avatar image (http/https). */
  avatarUrl?: string;
  /** A first line shown at the top of the chat, before anyone has written; given once, or per language. */
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
  /** The signed-in user; absent for an anonymous visitor (or a user without both `id` and `hash`). */
  user?: WidgetUser;
}

export const DEFAULT_COLOR = '#1f4fd1';

const text = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() ? value.trim().slice(0, 500) : undefined);

/**
 * A text the shop may give once or per language: `"Lotus Tea help"` or
 * `{ "en": "Lotus Tea help", "zh": "莲花茶客服", "zh-Hant": "蓮花茶客服" }`. The page's language
 * picks; Traditional falls back to `zh`, and either language to the other.
 */
function localized(value: unknown, language: Language): string | undefined {
  if (!value || typeof value !== 'object') return text(value);
  const given = value as Record<string, unknown>;
  const order = language === 'en' ? ['en', 'zh'] : language === 'zh' ? ['zh', 'en'] : ['zh-Hant', 'zh', 'en'];
  return order.map((key) => text(given[key])).find((each) => each !== undefined);
}

function userOf(value: unknown): WidgetUser | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const given = value as Record<string, unknown>;
  const id = text(given.id);
  const hash = text(given.hash);
  if (!id || !hash) return undefined;
  const email = text(given.email);
  const name = text(given.name);
  const vipHash = text(given.vipHash);
  return { id, hash, ...(email ? { email } : {}), ...(name ? { name } : {}), ...(given.vip === true && vipHash ? { vip: true, vipHash } : {}) };
}

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
  const locale = languageOf(text(raw.locale) ?? script?.dataset.locale ?? pageOrBrowserLanguage());
  const title = localized(raw.title, locale);
  const avatarUrl = text(raw.avatarUrl);
  const greeting = localized(raw.greeting, locale);
  const privacyUrl = text(raw.privacyUrl);
  const user = userOf(raw.user);
  return {
    server: (text(raw.server) ?? scriptOrigin).replace(/\/+$/, ''),
    color: text(raw.color) ?? DEFAULT_COLOR,
    position: raw.position === 'left' ? 'left' : 'right',
    locale,
    sound: raw.sound === true,
    transport: raw.transport === 'polling' ? 'polling' : 'auto',
    open: raw.open === true,
    ...(title ? { title } : {}),
    ...(avatarUrl ? { avatarUrl } : {}),
    ...(greeting ? { greeting } : {}),
    ...(privacyUrl ? { privacyUrl } : {}),
    ...(user ? { user } : {}),
  };
}

/** The page's language when the widget speaks it (English, Chinese), else the browser's: an Arabic shop's Chinese visitor reads Chinese. */
function pageOrBrowserLanguage(): string {
  const page = document.documentElement.lang;
  return /^(en|zh)\b/i.test(page.trim()) ? page : navigator.language;
}
