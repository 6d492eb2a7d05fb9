import { beforeAll, describe, expect, it } from 'vitest';
import { MessageChannel } from 'node:worker_threads';
import { loadRecognizer, loadRecognizerInSteps, trainRecognizer, type TrainedRecognizer } from '../../../src/nlu/index.js';
import { packModel, type PackedModel } from '../../../src/nlu/recognizer.js';
import { miniStore } from './helpers.js';

let recognizer: TrainedRecognizer;
beforeAll(() => {
  recognizer = trainRecognizer(miniStore(), { seed: 7 });
});

const probes = [
  'where is my order??',
  '退款什么时候到',
  'I want to speak to a real human',
  '我的訂單到哪了',
  'my card got declined at checkout',
  'hello there',
  '',
  'zzzq xxyyz',
];

describe('recognizer', () => {
  it('answers questions it was not trained on verbatim, in both languages', () => {
    expect(recognizer.recognize('where is my order?').intent).toBe('order_status');
    expect(recognizer.recognize('can I return these shoes').intent).toBe('return_item');
    expect(recognizer.recognize('我想申请退款').intent).toBe('refund');
    expect(recognizer.recognize('支付宝付款失败了').intent).toBe('payment_failed');
    expect(recognizer.recognize('请帮我转人工客服').intent).toBe('human_agent');
  });

  it('is deterministic for a seed', () => {
    const again = trainRecognizer(miniStore(), { seed: 7 });
    expect(again.toJSON()).toEqual(recognizer.toJSON());
    for (const text of probes) expect(again.recognize(text)).toEqual(recognizer.recognize(text));
  });

  it('gives identical predictions after a save/load round trip through JSON text', () => {
    const restored = loadRecognizer(JSON.parse(JSON.stringify(recognizer.toJSON())));
    expect(restored.intents).toEqual(recognizer.intents);
    for (const text of probes) expect(restored.recognize(text)).toEqual(recognizer.recognize(text));
  });

  it('loaded in steps (as a publish does while customers chat), it answers exactly as loaded at once, and lets other work in between', async () => {
    const json = JSON.parse(JSON.stringify(recognizer.toJSON()));
    let pauses = 0;
    const stepped = await loadRecognizerInSteps(json, async () => void pauses++);
    for (const text of [...probes, '退宽要多久', '我的订丹在哪']) expect(stepped.recognize(text)).toEqual(recognizer.recognize(text));
    // A pause after the weights, the features and the vectorizer, before and after the neighbours, and per 256 utterances vectorised and per 256 learnt from for sound-alikes.
    expect(pauses).toBe(2 * Math.ceil(json.utterances.texts.length / 256) + 5);
  });

  it('posted packed by the training worker (numbers transferred, strings joined), it answers exactly as the model it was packed from', async () => {
    const { packed, transfer } = packModel(recognizer.toJSON());
    const channel = new MessageChannel();
    const received = new Promise<PackedModel>((resolve) => channel.port2.once('message', resolve));
    channel.port1.postMessage(packed, transfer);
    const model = await received;
    channel.port1.close();
    // Transferred, not copied: the sender's arrays are emptied.
    expect(packed.weights.length).toBe(0);
    const loaded = await loadRecognizerInSteps(model, async () => {});
    expect(loaded.toJSON()).toEqual(recognizer.toJSON());
    for (const text of [...probes, '退宽要多久', '我的订丹在哪']) expect(loaded.recognize(text)).toEqual(recognizer.recognize(text));
  });

  it('does not throw on an empty message or unknown words, and says it is not sure', () => {
    for (const text of ['', '   ', '???', 'zzzq xxyyz', '🙂🙂', '\u0000']) {
      const recognition = recognizer.recognize(text);
      expect(recognition.decision).toBe('fallback');
      expect(recognition.intent).toBeNull();
    }
  });

  it('recognises Traditional Chinese exactly as Simplified', () => {
    const pairs = [
      ['我的訂單到哪了', '我的订单到哪了'],
      ['怎麼申請退款', '怎么申请退款'],
      ['我要轉人工客服', '我要转人工客服'],
    ] as const;
    for (const [traditional, simplified] of pairs) {
      expect(recognizer.recognize(traditional)).toEqual(recognizer.recognize(simplified));
    }
    expect(recognizer.recognize('怎麼退貨').intent).toBe('return_item');
  });

  it('understands mixed Chinese and English messages', () => {
    expect(recognizer.recognize('我的order到了吗').intent).toBe('order_status');
    expect(recognizer.recognize('退款 refund status').intent).toBe('refund');
    expect(recognizer.recognize('我的payment失败了').intent).toBe('payment_failed');
  });

  it('copes with typos, full-width letters and shouting', () => {
    expect(recognizer.recognize('whre is my ordr').intent).toBe('order_status');
    expect(recognizer.recognize('i wnat a refnud').intent).toBe('refund');
    expect(recognizer.recognize('ＷＨＥＲＥ ＩＳ ＭＹ ＯＲＤＥＲ').intent).toBe('order_status');
    expect(recognizer.recognize('HELLOOOOO').intent).toBe('greeting');
  });

  it('answers a Chinese question typed with a character that only sounds right', () => {
    // 宽 (kuan) for 款: a pinyin keyboard's usual slip. Read as written, the first is a return.
    for (const typed of ['我要退宽', '退宽进度']) {
      const reading = recognizer.recognize(typed);
      expect([typed, reading.decision, reading.intent]).toEqual([typed, 'answer', 'refund']);
    }
  });

  it('detects the language of the message', () => {
    expect(recognizer.recognize('where is my order').language).toBe('en');
    expect(recognizer.recognize('我的订单到哪了').language).toBe('zh');
    expect(recognizer.recognize('我的order到了吗').language).toBe('zh');
    // In both scripts, the page's language decides: what analytics records is what the bot answers in.
    expect(recognizer.recognize('退款 refund status').language).toBe('en');
    expect(recognizer.recognize('退款 refund status', 'zh').language).toBe('zh');
  });

  it('returns at most five alternatives, best first, with scores that are probabilities', () => {
    const { alternatives, score } = recognizer.recognize('refund for my order');
    expect(alternatives.length).toBeGreaterThan(1);
    expect(alternatives.length).toBeLessThanOrEqual(5);
    expect(alternatives[0]!.score).toBe(score);
    for (let i = 1; i < alternatives.length; i++) expect(alternatives[i]!.score).toBeLessThanOrEqual(alternatives[i - 1]!.score);
    expect(alternatives.reduce((sum, a) => sum + a.score, 0)).toBeLessThanOrEqual(1 + 1e-9);
  });

  it('treats an "oos" training intent as "not sure"', () => {
    const offTopic = [
      "what's the weather tomorrow",
      'tell me a joke',
      'who won the football game',
      'what is the capital of france',
      'recommend a good movie',
      'how tall is mount everest',
      'play some music',
      'what time is it in tokyo',
      '今天天气怎么样',
      '讲个笑话',
      '推荐一部电影',
      '北京到上海多远',
      '唱首歌吧',
      '谁是美国总统',
    ];
    const withOos = trainRecognizer([...miniStore(), ...offTopic.map((text) => ({ text, intent: 'oos' }))], { seed: 7 });
    for (const text of ['tell me a funny joke', '明天天气怎么样']) {
      const recognition = withOos.recognize(text);
      expect(recognition.intent).toBeNull();
      expect(recognition.decision).toBe('fallback');
      expect(recognition.alternatives.map((a) => a.intent)).not.toContain('oos');
    }
    expect(withOos.recognize('where is my order').intent).toBe('order_status');
  });

  it('accepts training data in any order and a single intent without throwing', () => {
    const single = trainRecognizer([{ text: 'hello', intent: 'greeting' }, { text: 'hi', intent: 'greeting' }]);
    expect(() => single.recognize('hello')).not.toThrow();
    expect(() => trainRecognizer([])).toThrow(/no training examples/);
  });
});
