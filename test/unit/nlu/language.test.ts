import { describe, expect, it } from 'vitest';
import { detectLanguage, languageOfMessage, localeHint } from '../../../src/nlu/language.js';

describe('the language of a message', () => {
  it('is the script it is written in', () => {
    expect(detectLanguage('where is my order')).toBe('en');
    expect(detectLanguage('我的订单到哪了')).toBe('zh');
    expect(detectLanguage('我的order到了吗')).toBe('zh');
    expect(detectLanguage('my iPhone 13 screen is broken, can I get it fixed 吗')).toBe('en');
  });

  it("follows the page's locale when both scripts carry the message, and only then", () => {
    expect(detectLanguage('退款 refund status')).toBe('en');
    expect(detectLanguage('退款 refund status', localeHint('zh-CN'))).toBe('zh');
    expect(detectLanguage('我的order到了吗', localeHint('en-US'))).toBe('en');
    // One script carries four times the other: the locale does not matter.
    expect(detectLanguage('I ordered the wireless noise cancelling 耳机 last week, where is it', localeHint('zh-CN'))).toBe('en');
    expect(detectLanguage('我的快递到现在还没有送到 ok', localeHint('en-US'))).toBe('zh');
    expect(detectLanguage('where is my order', localeHint('zh-CN'))).toBe('en');
    // No words at all: an order number, an emoji.
    expect(detectLanguage('20251130', localeHint('zh-CN'))).toBe('zh');
    expect(detectLanguage('👍', localeHint('zh-CN'))).toBe('zh');
    // Nor does "ok", which Chinese writers use as it is.
    expect(detectLanguage('ok', localeHint('zh-CN'))).toBe('zh');
    expect(detectLanguage('OK!!', localeHint('zh-CN'))).toBe('zh');
    expect(detectLanguage('ok', localeHint('en-US'))).toBe('en');
    expect(detectLanguage('ok')).toBe('en');
    expect(detectLanguage('ok where is my order', localeHint('zh-CN'))).toBe('en');
    expect(detectLanguage('20251130')).toBe('en');
    expect(localeHint(undefined)).toBeUndefined();
  });

  it("answers pinyin typed for want of a Chinese keyboard in the page's language, and English as English", () => {
    // "wo de ding dan dao na le" on a Chinese page was answered in English.
    expect(detectLanguage('wo de ding dan dao na le', localeHint('zh-CN'))).toBe('zh');
    expect(detectLanguage('zen me tui huo', localeHint('zh-CN'))).toBe('zh');
    expect(detectLanguage('wo de ding dan dao na le', localeHint('en-US'))).toBe('en');
    expect(detectLanguage('can i pay in cash', localeHint('zh-CN'))).toBe('en');
    expect(detectLanguage('he is in a meeting', localeHint('zh-CN'))).toBe('en');
  });

  it('does not count email and web addresses as English words', () => {
    expect(detectLanguage('我的邮箱是 bob.smith@example.com 手机13812345678', localeHint('en-US'))).toBe('zh');
    expect(detectLanguage('请看 https://shop.example.com/orders/123 这个订单', localeHint('en-US'))).toBe('zh');
    expect(detectLanguage('my email is bob.smith@example.com', localeHint('zh-CN'))).toBe('en');
    // An address alone says nothing of the language: the page's locale decides, as for a number.
    expect(detectLanguage('bob.smith@example.com', localeHint('zh-CN'))).toBe('zh');
  });

  it("of a message without text (a button's value) is the page's", () => {
    expect(languageOfMessage(undefined, 'zh-CN')).toBe('zh');
    expect(languageOfMessage('', 'zh-TW')).toBe('zh');
    expect(languageOfMessage(undefined, undefined)).toBe('en');
    expect(languageOfMessage('退款 refund status', 'zh-CN')).toBe('zh');
  });
});
