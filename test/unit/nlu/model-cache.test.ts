import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadOrTrainRecognizer } from '../../../src/nlu/index.js';
import { miniStore } from './helpers.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'parley-nlu-cache-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const probes = ['where is my order', '我要退款', 'hello', 'zzz'];

describe('loadOrTrainRecognizer', () => {
  it('trains and writes the model on a miss, then loads it without retraining', async () => {
    const misses: string[] = [];
    const first = await loadOrTrainRecognizer(miniStore(), dir, { onCacheMiss: (reason) => misses.push(reason) });
    expect(misses).toEqual(['not cached']);
    const files = await readdir(dir);
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/^nlu-model-[0-9a-f]{32}\.json$/);

    let progressCalls = 0;
    const second = await loadOrTrainRecognizer(miniStore(), dir, {
      onCacheMiss: (reason) => misses.push(reason),
      onProgress: () => progressCalls++,
    });
    expect(misses).toHaveLength(1);
    expect(progressCalls).toBe(0); // no training happened
    for (const text of probes) expect(second.recognize(text)).toEqual(first.recognize(text));
  });

  it('retrains when the examples change', async () => {
    await loadOrTrainRecognizer(miniStore(), dir);
    const changed = [...miniStore(), { text: 'bye for now', intent: 'goodbye' }, { text: '再见', intent: 'goodbye' }];
    const misses: string[] = [];
    const recognizer = await loadOrTrainRecognizer(changed, dir, { onCacheMiss: (reason) => misses.push(reason) });
    expect(misses).toEqual(['not cached']);
    expect(recognizer.intents).toContain('goodbye');
    expect(await readdir(dir)).toHaveLength(2);
  });

  it('ignores a corrupt cache file and rewrites it', async () => {
    await loadOrTrainRecognizer(miniStore(), dir);
    const [file] = await readdir(dir);
    await writeFile(path.join(dir, file!), '{"key": "trunc');
    const misses: string[] = [];
    const recognizer = await loadOrTrainRecognizer(miniStore(), dir, { onCacheMiss: (reason) => misses.push(reason) });
    expect(misses[0]).toMatch(/unusable cache/);
    expect(recognizer.recognize('where is my order').intent).toBe('order_status');
    const rewritten = JSON.parse(await readFile(path.join(dir, file!), 'utf8'));
    expect(rewritten.model.intents).toEqual(recognizer.intents);
    expect((await readdir(dir)).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  it('creates a cache directory that does not exist yet', async () => {
    const nested = path.join(dir, 'a', 'b');
    await loadOrTrainRecognizer(miniStore(), nested);
    expect(await readdir(nested)).toHaveLength(1);
  });

  it('keeps only the most recently used models: trying drafts all afternoon does not fill the disk', async () => {
    const variant = (word: string) => [...miniStore(), { text: `${word} please`, intent: 'goodbye' }, { text: `${word} 再见`, intent: 'goodbye' }];
    const keyed = async () => (await readdir(dir)).sort();
    await loadOrTrainRecognizer(variant('a'), dir, { keepModels: 2 });
    const [a] = await keyed();
    await loadOrTrainRecognizer(variant('b'), dir, { keepModels: 2 });
    const b = (await keyed()).find((name) => name !== a)!;
    // Using a's model again makes it the newest; c's training then drops b, the least recently used.
    const misses: string[] = [];
    await loadOrTrainRecognizer(variant('a'), dir, { keepModels: 2, onCacheMiss: (reason) => misses.push(reason) });
    expect(misses).toEqual([]);
    await loadOrTrainRecognizer(variant('c'), dir, { keepModels: 2 });
    const left = await keyed();
    expect(left).toHaveLength(2);
    expect(left).toContain(a);
    expect(left).not.toContain(b);
  });
});
