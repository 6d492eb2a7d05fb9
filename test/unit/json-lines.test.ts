import { describe, expect, it } from 'vitest';
import { parseJsonLines } from '../../src/json-lines.js';
import { parseLabelledJsonl } from '../../src/sentiment/evaluate.js';

describe('JSON Lines for the command-line tools', () => {
  it('reads a file saved with a byte-order mark and Windows line ends, skipping blank lines', () => {
    const rows = parseJsonLines('\uFEFF{"text":"hi","intent":"greeting"}\r\n\r\n{"text":"你好","intent":"greeting"}\r\n', 'test.jsonl');
    expect(rows).toEqual([
      { value: { text: 'hi', intent: 'greeting' }, line: 1 },
      { value: { text: '你好', intent: 'greeting' }, line: 3 },
    ]);
  });

  it('names the file and line of what is wrong, and the label it got', () => {
    expect(() => parseJsonLines('{"text":"ok"}\n{oops', 'a.jsonl')).toThrow('a.jsonl:2: not valid JSON');
    expect(() => parseLabelledJsonl('{"text":"meh","label":"angry"}', 'b.jsonl')).toThrow(/^b\.jsonl:1: expected .* \(got label "angry"\)$/);
  });
});
