import { readdir, readFile } from 'node:fs/promises';
import * as OpenCC from 'opencc-js';
import { describe, expect, it } from 'vitest';
import { messages } from '../../../src/bot/messages.js';
import { languageOf, localeOf, strings } from '../../../src/web/widget/strings.js';
import { readsTraditional, writesTraditional } from '../../../src/nlu/language.js';
import { scriptOf, traditionalConverter } from '../../../src/nlu/traditional.js';

describe('Traditional Chinese for customers who write it', () => {
  it("writes the knowledge base's and the bot's Chinese as opencc-js's cn→tw converter does", async () => {
    const convert = await traditionalConverter();
    const reference = OpenCC.Converter({ from: 'cn', to: 'tw' });
    const texts = Object.values(messages).map((message) => message.zh);
    for (const file of await readdir('knowledge')) {
      const { intents } = JSON.parse(await readFile(`knowledge/${file}`, 'utf8')) as { intents: { answers: { zh: string[] }; title?: { zh: string } }[] };
      for (const intent of intents) texts.push(...intent.answers.zh, ...(intent.title ? [intent.title.zh] : []));
    }
    expect(texts.length).toBeGreaterThan(150);
    expect(texts.filter((text) => convert(text) !== reference(text))).toEqual([]);
    // Words whose characters convert differently in different words.
    expect(convert('退款之后，头发干净，面条只有一只')).toBe('退款之後，頭髮乾淨，麵條只有一隻');
    expect(convert('order 20251130')).toBe('order 20251130');
  });

  it('tells the script of a message when its characters tell', () => {
    expect(scriptOf('我的訂單到哪裡了')).toBe('traditional');
    expect(scriptOf('我的订单到哪了')).toBe('simplified');
    expect(scriptOf('沒解決')).toBe('traditional');
    expect(scriptOf('好的')).toBeUndefined();
    expect(scriptOf('这个訂單')).toBeUndefined();
  });

  it('keeps what it knew for a message that does not tell, starting from the page', () => {
    expect(writesTraditional('謝謝', 'zh-CN', false)).toBe(true);
    expect(writesTraditional('谢谢', 'zh-TW', true)).toBe(false);
    expect(writesTraditional('好的', 'zh-CN', true)).toBe(true);
    expect(writesTraditional('20251130', 'zh-CN', undefined)).toBe(false);
    expect(readsTraditional({ locale: 'zh-TW' })).toBe(true);
    expect(readsTraditional({ locale: 'zh-Hant-HK' })).toBe(true);
    expect(readsTraditional({ locale: 'zh-CN' })).toBe(false);
    expect(readsTraditional({ locale: 'zh-TW', traditional: false })).toBe(false);
  });

  it("gives the widget on a zh-TW, zh-HK or zh-Hant page its Simplified labels as the server would convert them", async () => {
    const convert = await traditionalConverter();
    for (const [key, label] of Object.entries(strings.zh)) {
      const traditional = strings['zh-Hant'][key as keyof typeof strings.zh];
      if (typeof label === 'function') expect((traditional as (n: number) => string)(3)).toBe(convert(label(3)));
      else expect(traditional, key).toBe(convert(label));
    }
    expect(['zh-TW', 'zh-hk', 'zh-Hant-TW', 'zh-CN', 'zh', 'en-GB'].map((tag) => localeOf(languageOf(tag)))).toEqual(['zh-TW', 'zh-TW', 'zh-TW', 'zh-CN', 'zh-CN', 'en-US']);
  });
});
