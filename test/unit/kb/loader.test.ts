import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KnowledgeError, loadKnowledgeDir, toTrainingExamples } from '../../../src/kb/index.js';
import { tempDir } from '../../support/temp.js';

const intent = (name: string, extra: Record<string, unknown> = {}) => ({
  name,
  category: 'orders',
  utterances: { en: ['where is my order'], zh: ['我的订单在哪'] },
  answers: { en: ['Here is how to track it.'], zh: ['您可以这样查询。'] },
  ...extra,
});

describe('loading the knowledge base', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await tempDir('parley-kb-');
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const write = (name: string, content: unknown) =>
    writeFile(path.join(dir, name), typeof content === 'string' ? content : JSON.stringify(content));

  async function errorOf(): Promise<KnowledgeError> {
    try {
      await loadKnowledgeDir(dir);
    } catch (error) {
      return error as KnowledgeError;
    }
    throw new Error('expected the knowledge base to be rejected');
  }

  it('loads every JSON file and turns utterances of both languages into training examples', async () => {
    await write('a.json', { intents: [intent('order_status')] });
    await write('b.json', { intents: [intent('return_item')] });
    await write('notes.txt', 'not knowledge');
    const intents = await loadKnowledgeDir(dir);
    expect(intents.map((each) => each.name)).toEqual(['order_status', 'return_item']);
    expect(toTrainingExamples(intents)).toContainEqual({ text: '我的订单在哪', intent: 'return_item' });
  });

  it('names the file and the JSON path of a missing answer', async () => {
    await write('orders.json', { intents: [intent('ok'), intent('broken', { answers: { en: [], zh: ['好'] } })] });
    const error = await errorOf();
    expect(error).toBeInstanceOf(KnowledgeError);
    expect(error.message).toContain(path.join(dir, 'orders.json'));
    expect(error.jsonPath).toBe('$.intents[1].answers.en');
    expect(error.message).toMatch(/at least one answer/);
  });

  it('names the file of broken JSON', async () => {
    await write('bad.json', '{ "intents": [ ');
    const error = await errorOf();
    expect(error.message).toMatch(/bad\.json: not valid JSON/);
  });

  it('says where a file edited by hand stops being JSON: line, column and the words there', async () => {
    await write('bad.json', '{\n  "intents": [\n    { \'name\': "refund" }\n  ]\n}\n');
    expect((await errorOf()).message).toBe(`${path.join(dir, 'bad.json')}: not valid JSON: Expected property name or '}' at line 3, column 7: { 'name': "refund" }`);
    await write('bad.json', '{ "intents": [ { "name": "refund", "dialog": True } ] }');
    expect((await errorOf()).message).toMatch(/bad\.json: not valid JSON: Unexpected token 'T' at line 1, column 46: \{ "intents": \[ \{ "name": "refund", "dialog": True \} \] \}$/);
    // Cut short: the place to type the rest, after the last character.
    await write('bad.json', '{ "intents": [\n');
    expect((await errorOf()).message).toMatch(/at line 1, column 15: \{ "intents": \[$/);
  });

  it('rejects unknown fields, bad names and unsafe links', async () => {
    await write('x.json', { intents: [intent('Bad Name')] });
    expect((await errorOf()).message).toMatch(/\$\.intents\[0\]\.name: must be snake_case/);
    await write('x.json', { intents: [intent('ok', { answer: 'typo for answers' })] });
    expect((await errorOf()).message).toMatch(/answer/);
    await write('x.json', { intents: [intent('ok', { links: [{ url: 'javascript:alert(1)', label: { en: 'x', zh: 'x' } }] })] });
    expect((await errorOf()).jsonPath).toBe('$.intents[0].links[0].url');
    const link = { url: 'https://shop.example.com/orders', label: { en: 'x', zh: 'x' } };
    await write('x.json', { intents: [intent('ok', { links: [{ ...link, orderUrl: 'https://shop.example.com/orders/1' }] })] });
    expect((await errorOf()).message).toMatch(/\$\.intents\[0\]\.links\[0\]\.orderUrl: must contain \{order\}/);
    await write('x.json', { intents: [intent('ok', { links: [{ ...link, orderUrl: 'javascript:go({order})' }] })] });
    expect((await errorOf()).message).toMatch(/orderUrl: must be an http\(s\) URL/);
  });

  it('rejects an intent defined twice across files', async () => {
    await write('a.json', { intents: [intent('order_status')] });
    await write('b.json', { intents: [intent('order_status')] });
    const error = await errorOf();
    expect(error.message).toBe(`${path.join(dir, 'b.json')}: intent "order_status" is defined twice (also in ${path.join(dir, 'a.json')})`);
    expect(error.jsonPath).toBe('$.intents[0].name');
    await write('b.json', { intents: [intent('refund_status'), intent('order_status')] });
    await write('a.json', { intents: [intent('greeting')] });
    await write('c.json', { intents: [intent('refund_status')] });
    expect((await errorOf()).message).toBe(`${path.join(dir, 'c.json')}: intent "refund_status" is defined twice (also in ${path.join(dir, 'b.json')})`);
    await write('c.json', { intents: [intent('thanks'), intent('thanks')] });
    expect((await errorOf()).message).toBe(`${path.join(dir, 'c.json')}: intent "thanks" is defined twice (also at $.intents[0])`);
  });

  it('rejects an empty directory', async () => {
    await mkdir(path.join(dir, 'empty'));
    await expect(loadKnowledgeDir(path.join(dir, 'empty'))).rejects.toThrow(/no \.json knowledge files/);
  });
});
