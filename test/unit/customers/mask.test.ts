import { describe, expect, it } from 'vitest';
import { isChineseIdNumber, isLuhnValid, maskPersonalData, publishedContacts } from '../../../src/customers/index.js';

describe('masking personal data in customer text', () => {
  it.each([
    ['my email is John.Doe@example.com thanks', 'my email is J***@example.com thanks'],
    ['邮箱 wang.li@163.com 谢谢', '邮箱 w***@163.com 谢谢'],
    ['call me on 13812345678', 'call me on *******5678'],
    ['我的手机 139-1234-5678', '我的手机 *******5678'],
    ['phone +1 415-555-0132 please', 'phone *******0132 please'],
    ['(415) 555-0132', '******0132'],
    ['card 4111 1111 1111 1111 exp 12/27', 'card ************1111 exp 12/27'],
    ['身份证 11010519491231002X', '身份证 **************002X'],
    // Chinese puts no space between words: the number right after 是 is still a phone number.
    ['我的手机是13912345678，谢谢', '我的手机是*******5678，谢谢'],
    ['身份证110101199003074514，请核对', '身份证**************4514，请核对'],
    ['卡号4111111111111111被扣了两次', '卡号************1111被扣了两次'],
    ['我的邮箱是wang.li@163.com谢谢', '我的邮箱是w***@163.com谢谢'],
  ])('masks %j', (text, masked) => {
    expect(maskPersonalData(text)).toBe(masked);
  });

  it.each([
    'order 13812345678 is late',
    '订单号 20231234567 还没到',
    '订单号20231234567还没到',
    'abc13912345678 is a coupon code',
    'my order #12345678901 never came',
    'what is the status of T-1042',
    'I paid 1299 yuan on 2024-05-01',
    'card ending 4111 1111 1111 1112 is not a valid number',
    'ship 3 items to 100 Main Street',
  ])('leaves %j alone', (text) => {
    expect(maskPersonalData(text)).toBe(text);
  });

  it('checks card and ID numbers properly', () => {
    expect(isLuhnValid('4111111111111111')).toBe(true);
    expect(isLuhnValid('4111111111111112')).toBe(false);
    expect(isChineseIdNumber('11010519491231002X')).toBe(true);
    expect(isChineseIdNumber('110105194912310021')).toBe(false);
  });

  it("keeps the contacts the shop publishes, however they are written, and masks everyone else's", () => {
    const shop = publishedContacts(['Call 400-820-1234 (9:00–21:00) or write to Service@Shop.example.com.', '客服热线 021-6123 4567']);
    expect(maskPersonalData('ring 400 820 1234 or service@shop.example.com, not 13812345678', shop)).toBe('ring 400 820 1234 or service@shop.example.com, not *******5678');
    expect(maskPersonalData('我们的电话 021 61234567，您的 139-1234-5678', shop)).toBe('我们的电话 021 61234567，您的 *******5678');
    // Without the list the same text is masked throughout.
    expect(maskPersonalData('ring 400 820 1234 or service@shop.example.com')).toBe('ring ******1234 or s***@shop.example.com');
  });
});
