/**
 * Readable colours for any brand colour, so custom themes still pass WCAG AA (4.5:1).
 */
type Rgb = [number, number, number];

/** `#abc`, `#aabbcc` or `rgb(1, 2, 3)`; anything else is not understood. */
export function parseColor(value: string): Rgb | undefined {
  const hex = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(value.trim());
  if (hex) {
    const digits = hex[1]!.length === 3 ? [...hex[1]!].map((d) => d + d).join('') : hex[1]!;
    return [0, 2, 4].map((i) => parseInt(digits.slice(i, i + 2), 16)) as Rgb;
  }
  const rgb = /^rgba?\(\s*(\d{1,3})[\s,]+(\d{1,3})[\s,]+(\d{1,3})/i.exec(value.trim());
  return rgb ? ([1, 2, 3].map((i) => Math.min(255, Number(rgb[i]))) as Rgb) : undefined;
}

function luminance([r, g, b]: Rgb): number {
  const channel = (c: number) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
}

export function contrast(a: Rgb, b: Rgb): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

const hex = (c: Rgb) => '#' + c.map((v) => Math.round(v).toString(16).padStart(2, '0')).join('');
const WHITE: Rgb = [255, 255, 255];
const BLACK: Rgb = [0, 0, 0];
/** The lightest background accent-coloured text sits on (the bot's bubble). */
const BUBBLE: Rgb = [241, 243, 245];

export interface Palette {
  /** The brand colour, for filled surfaces (launcher, header, customer bubbles). */
  accent: string;
  /** Text on the accent: white or black, whichever contrasts more (always ≥ 4.5:1). */
  onAccent: string;
  /** The accent darkened until it reads as text on white and light grey (links, outlines). */
  ink: string;
}

export function paletteOf(color: string, fallback: string): Palette {
  const base = parseColor(color) ?? parseColor(fallback)!;
  const onAccent = contrast(base, WHITE) >= contrast(base, BLACK) ? WHITE : BLACK;
  let ink = base;
  for (let step = 0; step < 20 && contrast(ink, BUBBLE) < 4.5; step++) ink = ink.map((v) => v * 0.85) as Rgb;
  return { accent: hex(base), onAccent: hex(onAccent), ink: hex(ink) };
}
