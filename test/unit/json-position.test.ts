import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { firstSyntaxError, jsonErrorReason, locateJsonError } from '../../src/json-position.js';
import { createRandom } from '../../src/nlu/prng.js';

/** What JSON.parse says of `text` (it must fail). */
function parseError(text: string): string {
  try {
    JSON.parse(text);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error(`parses: ${text}`);
}

const locate = (text: string) => locateJsonError(text, parseError(text));

describe('where a JSON text stops being JSON', () => {
  it('finds what JSON.parse finds, at the offset it gives where it gives one', () => {
    const broken = ['{ not json', '{"a": 1,}', '{"a": 1 "b": 2}', '[1, 2', '{"a": "x\ny"}', '{"a":1} x', '{"a": 01}', '{"a": "\\q"}', '{"a": "\\u12G4"}', '{"a": "open', '[1.]', '{"a": -}', '[1e]', '{"a" 1}', '{"a":1,,}', '{"a":[1,2}', '[{"a":1]'];
    for (const text of broken) {
      const given = /at position (\d+)/.exec(parseError(text));
      expect(given, text).not.toBeNull();
      expect([text, firstSyntaxError(text)]).toEqual([text, Number(given![1])]);
    }
  });

  it('agrees with JSON.parse on 3,000 slips made in a knowledge file: valid or not, and where, when it says', () => {
    const random = createRandom(7);
    const source = JSON.stringify({ intents: JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../../knowledge/payments.json'), 'utf8')).intents.slice(0, 2) }, null, 2);
    const slips = ['', '"', "'", ',', ':', '{', '}', '[', ']', '\\', 'x', '1', '-', '.', 'e', ' ', '\n', '\u0001', '/'];
    for (let n = 0; n < 3000; n++) {
      const at = Math.floor(random() * source.length);
      const cut = Math.floor(random() * 3);
      const text = source.slice(0, at) + slips[Math.floor(random() * slips.length)] + source.slice(at + cut);
      let message: string | undefined;
      try {
        JSON.parse(text);
      } catch (error) {
        message = (error as Error).message;
      }
      const found = firstSyntaxError(text);
      const given = message && /at position (\d+)/.exec(message);
      if (!message) expect(found, text).toBeUndefined();
      else if (given) expect(found, `${message}\n${text}`).toBe(Number(given[1]));
      else expect(found, `${message}\n${text}`).toBeDefined();
    }
  });

  it('reads every knowledge file and tricky but valid JSON as JSON', () => {
    const folder = path.resolve(import.meta.dirname, '../../knowledge');
    for (const file of readdirSync(folder).filter((name) => name.endsWith('.json'))) expect(firstSyntaxError(readFileSync(path.join(folder, file), 'utf8')), file).toBeUndefined();
    for (const text of ['{}', '[]', ' [ ] ', '"text"', '-0.5e+10', '0', '[true,false,null]', '{"a":{"b":[1,{"c":"\\"\\\\\\/\\b\\f\\n\\r\\t\\u00e9"}]}}', '"礼品卡 🎁"']) expect(firstSyntaxError(text), text).toBeUndefined();
    // Nesting as deep as a 5 MB body allows does not overflow the stack.
    expect(firstSyntaxError(`${'['.repeat(100_000)}${']'.repeat(100_000)}`)).toBeUndefined();
    expect(firstSyntaxError(`${'['.repeat(100_000)}`)).toBe(100_000);
  });

  it('says line and column of the slips JSON.parse gives no position for: quotes, True, NaN, comments, a file cut short', () => {
    const file = (line: string) => `{\n  "intents": [\n    ${line}\n  ]\n}\n`;
    expect(locate(file("{ 'name': 'refund' }"))).toEqual({ line: 3, column: 7, excerpt: { text: "    { 'name': 'refund' }", column: 7 } });
    expect(locate(file('{ "dialog": True }'))).toMatchObject({ line: 3, column: 17 });
    expect(locate(file('{ "n": NaN }'))).toMatchObject({ line: 3, column: 12 });
    expect(locate(file('// the refund intent'))).toMatchObject({ line: 3, column: 5 });
    expect(locate(file('{ "dialog": tru }'))).toMatchObject({ line: 3, column: 20 });
    expect(locate(file('["a", "b",]'))).toMatchObject({ line: 3, column: 15 });
    // Cut short: just after the last character, not on the empty line after it.
    expect(locate('{\n  "intents": [\n    { "name": "refund" }\n')).toEqual({ line: 3, column: 25, excerpt: { text: '    { "name": "refund" }', column: 25 } });
    expect(locate('')).toMatchObject({ line: 1, column: 1 });
    expect(jsonErrorReason(parseError(file('{ "dialog": True }')))).toBe("Unexpected token 'T'");
    expect(jsonErrorReason(parseError('{"a": 1,}'))).toBe('Expected double-quoted property name');
  });

  it('counts lines at \\r\\n, \\r and \\n, and columns in characters: a Chinese character or an emoji is one', () => {
    expect(locate('{\r\n  "a": "退款",\r\n  "b": 🎁 }')).toMatchObject({ line: 3, column: 8 });
    expect(locate('{\r  "a": "🎁🎁", x }')).toMatchObject({ line: 2, column: 14 });
    // A missing comma is found where the next item starts.
    expect(locate('{"intents": [\n  {"name": "a"}\n  {"name": "b"}\n]}')).toEqual({ line: 3, column: 3, excerpt: { text: '  {"name": "b"}', column: 3 } });
  });

  it('cuts a long line (an export is one) to an excerpt around the error, marked where cut', () => {
    const intents = Array.from({ length: 400 }, (_, n) => `{"name":"intent_${n}","utterances":{"en":["question ${n}"]}}`);
    intents[250] = intents[250]!.replace('"utterances":', '"utterances"');
    const text = `{"intents":[${intents.join(',')}]}`;
    const at = locate(text)!;
    expect(at.line).toBe(1);
    expect(text.slice(at.column - 1)).toMatch(/^\{"en":\["question 250"\]/);
    expect(at.excerpt.text).toHaveLength(62);
    expect(at.excerpt.text).toMatch(/^….*"utterances"\{"en":\["question 25.*…$/);
    expect([...at.excerpt.text][at.excerpt.column - 1]).toBe('{');
    expect(at.excerpt.text.slice(at.excerpt.column - 13, at.excerpt.column - 1)).toBe('"utterances"');
  });
});
