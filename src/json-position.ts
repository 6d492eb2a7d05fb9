/**
 * Where a JSON text stops being JSON, as someone with the file open in an editor looks for it:
 * line and column, and the words around the spot.
 */
export interface JsonErrorPosition {
  /** From 1; a line ends at `\n`, `\r\n` or `\r`. */
  line: number;
  /** From 1, in characters (an emoji or a Chinese character is one). */
  column: number;
  /** The error's line, cut to at most `EXCERPT_LENGTH` characters around it (`…` where cut); `column`: the error's place in `text`, from 1. */
  excerpt: { text: string; column: number };
}

export const EXCERPT_LENGTH = 60;

/**
 * Where `JSON.parse(text)` failed, from its `message`. Node 20 gives "… in JSON at position N" for
 * most mistakes, but nothing for the commonest ones in a file edited by hand: single quotes,
 * `True`, `NaN`, a comment, a file cut short ("Unexpected token '/', … is not valid JSON",
 * "Unexpected end of JSON input"). Those are found by reading the text (`firstSyntaxError`).
 * An error in the whitespace after the last character (the text ended too soon) is placed just
 * after that character, where the editor's cursor should go. Undefined when the text is JSON.
 */
export function locateJsonError(text: string, message: string): JsonErrorPosition | undefined {
  const given = /\bat position (\d+)/.exec(message);
  const found = given ? Number(given[1]) : (firstSyntaxError(text) ?? firstNonContainer(text));
  // Trailing whitespace (JSON's own four) is no place to point at.
  if (found === undefined) return undefined;
  let end = text.length;
  while (end > 0 && WHITESPACE.has(text[end - 1]!)) end--;
  return positionOf(text, Math.min(found, end));
}

/** JSON.parse's message without the parts `locateJsonError` says better: "Expected ',' or '}' after property value". */
export function jsonErrorReason(message: string): string {
  return message.replace(/ in JSON at position \d+.*$/s, '').replace(/^(Unexpected token '.'), .*is not valid JSON$/su, '$1');
}

/**
 * JSON.parse's complaint about `text` in one line someone can act on: the reason, then line,
 * column and the words there ("Unexpected token 'T' at line 3, column 35: { "dialog": True }");
 * the reason alone when the text is JSON to this reading.
 */
export function describeJsonError(text: string, message: string): { description: string; position?: JsonErrorPosition } {
  const reason = jsonErrorReason(message);
  const position = locateJsonError(text, message);
  if (!position) return { description: reason };
  return { description: `${reason} at line ${position.line}, column ${position.column}: ${position.excerpt.text.trim()}`, position };
}

/** Characters, not UTF-16 units: an emoji is one. */
function characters(text: string): number {
  let count = 0;
  for (const _ of text) count++;
  return count;
}

const isLowSurrogate = (text: string, index: number) => /[\uDC00-\uDFFF]/.test(text[index] ?? '');

/**
 * Line, column and excerpt of a UTF-16 offset into `text`. An export is one line of a megabyte
 * or more: only the excerpt's stretch of it is copied.
 */
export function positionOf(text: string, offset: number): JsonErrorPosition {
  // (lastIndexOf reads a fromIndex below 0 as 0, and would find a line break at the offset itself.)
  const lineStart = offset === 0 ? 0 : Math.max(text.lastIndexOf('\n', offset - 1), text.lastIndexOf('\r', offset - 1)) + 1;
  const line = (text.slice(0, lineStart).match(/\r\n|\r|\n/g)?.length ?? 0) + 1;
  const breaks = [text.indexOf('\n', offset), text.indexOf('\r', offset)].filter((index) => index !== -1);
  const lineEnd = Math.min(text.length, ...breaks);
  const column = characters(text.slice(lineStart, offset)) + 1;
  // Two thirds of the excerpt before the error, one third after: what led to it matters more.
  let from = Math.max(lineStart, Math.min(offset - Math.round((EXCERPT_LENGTH * 2) / 3), lineEnd - EXCERPT_LENGTH));
  let to = Math.min(lineEnd, from + EXCERPT_LENGTH);
  if (isLowSurrogate(text, from)) from++;
  if (isLowSurrogate(text, to)) to++;
  const cutBefore = from > lineStart;
  const excerpt = `${cutBefore ? '…' : ''}${text.slice(from, to)}${to < lineEnd ? '…' : ''}`;
  return { line, column, excerpt: { text: excerpt, column: characters(text.slice(from, offset)) + 1 + (cutBefore ? 1 : 0) } };
}

/** A body parser that takes only objects and arrays (express's strict `json()`) refuses `"text"` or `42` at its first character. */
function firstNonContainer(text: string): number | undefined {
  const first = text.search(/\S/);
  return first === -1 ? 0 : text[first] === '{' || text[first] === '[' ? undefined : first;
}

const WHITESPACE = new Set([' ', '\t', '\n', '\r']);
const ESCAPES = new Set(['"', '\\', '/', 'b', 'f', 'n', 'r', 't']);
const isDigit = (char: string | undefined) => char !== undefined && char >= '0' && char <= '9';
const isHex = (char: string | undefined) => char !== undefined && /^[0-9a-fA-F]$/.test(char);

/**
 * The offset of the first character where `text` breaks the JSON grammar (RFC 8259), the text's
 * length when it ends too soon, or undefined when it is JSON. The offsets are JSON.parse's own
 * where it gives one. A loop with a stack of open brackets, so no nesting depth overflows it.
 */
export function firstSyntaxError(text: string): number | undefined {
  type Expect = 'value' | 'valueOrClose' | 'keyOrClose' | 'key' | 'colon' | 'next';
  const open: ('{' | '[')[] = [];
  let expect: Expect = 'value';
  let i = 0;
  for (;;) {
    while (WHITESPACE.has(text[i]!)) i++;
    if (expect === 'next' && open.length === 0) return i < text.length ? i : undefined;
    if (i >= text.length) return text.length;
    const char = text[i]!;
    if ((expect === 'valueOrClose' && char === ']') || (expect === 'keyOrClose' && char === '}') || (expect === 'next' && char === (open.at(-1) === '{' ? '}' : ']'))) {
      open.pop();
      i++;
      expect = 'next';
    } else if (expect === 'next') {
      if (char !== ',') return i;
      i++;
      expect = open.at(-1) === '{' ? 'key' : 'value';
    } else if (expect === 'colon') {
      if (char !== ':') return i;
      i++;
      expect = 'value';
    } else if (expect === 'key' || expect === 'keyOrClose') {
      if (char !== '"') return i;
      const end = stringEnd(text, i);
      if (end < 0) return -end - 1;
      i = end;
      expect = 'colon';
    } else if (char === '{' || char === '[') {
      open.push(char);
      i++;
      expect = char === '{' ? 'keyOrClose' : 'valueOrClose';
    } else {
      const end = char === '"' ? stringEnd(text, i) : char === '-' || isDigit(char) ? numberEnd(text, i) : literalEnd(text, i);
      if (end < 0) return -end - 1;
      i = end;
      expect = 'next';
    }
  }
}

/** After the string starting at `start` (a `"`), or -(error offset + 1). */
function stringEnd(text: string, start: number): number {
  for (let i = start + 1; i < text.length; i++) {
    const char = text[i]!;
    if (char === '"') return i + 1;
    if (char < ' ') return -(i + 1);
    if (char !== '\\') continue;
    const escaped = text[++i];
    if (escaped === 'u') {
      for (let digit = 1; digit <= 4; digit++) if (!isHex(text[i + digit])) return -(Math.min(i + digit, text.length) + 1);
      i += 4;
    } else if (escaped === undefined || !ESCAPES.has(escaped)) return -(Math.min(i, text.length) + 1);
  }
  return -(text.length + 1);
}

/** After the number starting at `start`, or -(error offset + 1). */
function numberEnd(text: string, start: number): number {
  let i = start;
  if (text[i] === '-') i++;
  if (text[i] === '0') i++;
  else if (isDigit(text[i])) while (isDigit(text[i])) i++;
  else return -(i + 1);
  if (text[i] === '.') {
    if (!isDigit(text[++i])) return -(i + 1);
    while (isDigit(text[i])) i++;
  }
  if (text[i] === 'e' || text[i] === 'E') {
    i++;
    if (text[i] === '+' || text[i] === '-') i++;
    if (!isDigit(text[i])) return -(i + 1);
    while (isDigit(text[i])) i++;
  }
  return i;
}

/** After `true`, `false` or `null` at `start`, or -(offset of the first character that is none of them + 1). */
function literalEnd(text: string, start: number): number {
  const literal = ['true', 'false', 'null'].find((word) => word[0] === text[start]);
  if (!literal) return -(start + 1);
  for (let k = 1; k < literal.length; k++) if (text[start + k] !== literal[k]) return -(start + k + 1);
  return start + literal.length;
}
