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
    // As a Chinese input method types them in full-width mode; what stays, stays as typed.
    ['我的手机是１３９１２３４５６７８', '我的手机是*******5678'],
    ['电话：０２１－６２３４　５６７８', '电话：*******5678'],
    ['邮箱 wang.li＠163.com', '邮箱 w***＠163.com'],
    ['ｗａｎｇ＠１６３．ｃｏｍ', 'ｗ***＠１６３．ｃｏｍ'],
    ['订单号：１０４８２１３　１３９１２３４５６７８', '订单号：１０４８２１３　*******5678'],
    // Groups between dots, and the no-break space a copied number keeps.
    ['call 139.1234.5678', 'call *******5678'],
    ['my number is 415.555.0132.', 'my number is ******0132.'],
    ['card 4111.1111.1111.1111', 'card ************1111'],
    ['座机 010.6234.5678', '座机 *******5678'],
    ['phone +86\u00a0139\u00a01234\u00a05678', 'phone *********5678'],
    // Dashes a word processor or a phone's keyboard puts for "-"; what stays, stays as typed.
    ['call 139–1234–5678', 'call *******5678'],
    ['电话 021—6234 5678', '电话 *******5678'],
    ['phone +1 415‑555‑0132', 'phone *******0132'],
    ['card 4111−1111−1111−1111', 'card ************1111'],
    ['open 9:00–21:00, order 1048213–2', 'open 9:00–21:00, order 1048213–2'],
  ])('masks %j', (text, masked) => {
    expect(maskPersonalData(text)).toBe(masked);
  });

  // WeChat and QQ accounts, the way Chinese customers most often say how to reach them.
  it.each([
    ['我的微信号是 zhang_san88', '我的微信号是 z********88'],
    ['加我vx：wxid_abc123', '加我vx：w********23'],
    ['微信zhangsan1990，方便联系', '微信z*********90，方便联系'],
    ['微信号 ZhangSan', '微信号 Z*****an'],
    ['my wechat id: li-ming-2024 thanks', 'my wechat id: l*********24 thanks'],
    ['WeChat: liming', 'WeChat: l***ng'],
    ['QQ 123456789', 'QQ *****6789'],
    ['我的qq号是10001234', '我的qq号是****1234'],
    ['ＱＱ：１２３４５６７８９', 'ＱＱ：*****６７８９'],
    // An account that starts like "is" or "id" is the whole account.
    ['wechat isabel_88', 'wechat i******88'],
    ['wechat idris2024', 'wechat i******24'],
    ['wechat id is idris2024', 'wechat id is i******24'],
    ['QQ邮箱 123456789@qq.com', 'QQ邮箱 1***@qq.com'],
    // A mobile given as the WeChat account is masked as a phone number.
    ['微信同手机 13912345678', '微信同手机 *******5678'],
    ['微信号是13912345678', '微信号是*******5678'],
  ])('masks the account in %j', (text, masked) => {
    expect(maskPersonalData(text)).toBe(masked);
  });

  it.each([
    'I paid by WeChat yesterday',
    '我用微信支付了，订单还是待付款',
    'wechat pay failed twice',
    'QQ音乐会员能用优惠券吗',
    'QQ号被盗了怎么找回',
    'is WeChat Pay accepted?',
    'the wx 3000 model is broken',
  ])('leaves %j alone', (text) => {
    expect(maskPersonalData(text)).toBe(text);
  });

  // Landlines, as customers write them: area code in brackets or not, the number in groups,
  // +86, an extension (kept: it is the shop's or the company's line, not the customer's).
  it.each([
    ['我的电话是 021-6234 5678', '我的电话是 *******5678'],
    ['我的电话是021-6234 5678', '我的电话是*******5678'],
    ['座机 010-12345678', '座机 *******5678'],
    ['(021) 6234 5678', '*******5678'],
    ['电话（办公室）(0755) 8888 8888', '电话（办公室）********8888'],
    ['0755-8888 8888', '********8888'],
    ['021 62345678', '*******5678'],
    ['+86 21 6234 5678', '********5678'],
    ['+86 (21) 6234 5678', '********5678'],
    ['+86-21-62345678-801', '********5678-801'],
    ['0086 21 6234 5678', '**********5678'],
    ['0086-755-8888-8888-12', '***********8888-12'],
    ['call 0044 20 7946 0958', 'call **********0958'],
    ['021-62345678-123', '*******5678-123'],
    ['010-12345678转8001', '*******5678转8001'],
    ['office 021-62345678 ext. 123', 'office *******5678 ext. 123'],
    ['台北 02-2345-6789', '台北 ******6789'],
    // The country code without + or 00, set apart: a mainland area code after it.
    ['86-21-6234 5678', '********5678'],
    ['86 21 62345678', '********5678'],
    ['电话 86-755-8888 8888', '电话 *********8888'],
    ['86 (10) 1234 5678', '********5678'],
    ['0086 (21) 6234 5678', '**********5678'],
  ])('masks the landline in %j', (text, masked) => {
    expect(maskPersonalData(text)).toBe(masked);
  });

  // Without an area code a local number looks like any other number: the words before it say it is a phone.
  it.each([
    ['电话 62345678', '电话 ****5678'],
    ['座机62345678', '座机****5678'],
    ['固话：6234-5678', '固话：****5678'],
    ['phone 62345678', 'phone ****5678'],
    ['my phone number is 6234 5678', 'my phone number is ****5678'],
    ['call me at 623-4567', 'call me at ***4567'],
    ['我的手机是 9123 4567', '我的手机是 ****4567'],
  ])('masks the local number in %j', (text, masked) => {
    expect(maskPersonalData(text)).toBe(masked);
  });

  it.each([
    ['+86 139 1234 5678', '*********5678'],
    ['+8613912345678', '*********5678'],
    ['0912345678', '******5678'],
    ['0912-345-678', '******5678'],
    ['手机 0912 345 678', '手机 ******5678'],
    ['+886 912 345 678', '********5678'],
    ['86 139 1234 5678', '*********5678'],
    ['8613912345678', '*********5678'],
    ['wechat 86-139-1234-5678', 'wechat *********5678'],
    ['(0086) 139 1234 5678', '***********5678'],
    ['852 9123 4567', '*******4567'],
    ['853-6612 3456', '*******3456'],
    ['886 912 345 678', '********5678'],
  ])('masks the mobile number in %j', (text, masked) => {
    expect(maskPersonalData(text)).toBe(masked);
  });

  // One wrong digit must not leave the rest in clear: an ID is known by its shape (region,
  // birth date), its check digit only confirms it.
  it.each([
    ['身份证110101199003071234', '身份证**************1234'],
    ['身份证 110105194912310021', '身份证 **************0021'],
    ['ID 11010519491231003x please', 'ID **************003x please'],
    ['身份证号 110101 19900307 1234', '身份证号 **************1234'],
    ['身份证号码：44030620000229123X', '身份证号码：**************123X'],
  ])('masks the ID number with a wrong check digit in %j', (text, masked) => {
    expect(maskPersonalData(text)).toBe(masked);
  });

  // The old 15-digit ID number: region, birth date with a two-digit year, sequence, no check digit.
  it.each([
    ['身份证 110105491231002', '身份证 ***********1002'],
    ['my old ID is 440306851231123 thanks', 'my old ID is ***********1123 thanks'],
    ['老身份证号110105491231002，新的还没办', '老身份证号***********1002，新的还没办'],
    ['身份证号 110105 491231 002', '身份证号 ***********1002'],
    ['身份证 320102800229451', '身份证 ***********9451'],
  ])('masks the old ID number in %j', (text, masked) => {
    expect(maskPersonalData(text)).toBe(masked);
  });

  // Numbers a space apart are read as one run: the phone in it is masked, the count beside it is not.
  it.each([
    ['021-62345678 123', '*******5678 123'],
    ['call me on 13912345678 2 times', 'call me on *******5678 2 times'],
    ['买了 2 台，手机 13912345678 3 点后打', '买了 2 台，手机 *******5678 3 点后打'],
    ['card 4111 1111 1111 1111 2 times', 'card ************1111 2 times'],
    ['身份证 110101199003071234 3 次', '身份证 **************1234 3 次'],
    ['I bought 2 13912345678', 'I bought 2 *******5678'],
    // Together they pass the card check (one pair in ten does): the date, time, amount or order number stays.
    ['delivered 2026-12-04 13912345678', 'delivered 2026-12-04 *******5678'],
    ['10:00-18:00 13912345678', '10:00-18:00 *******5678'],
    ['价格¥1,299.00 13912345678', '价格¥1,299.00 *******5678'],
    ['1048213 13912345678', '1048213 *******5678'],
    ['+86 139 1234 5678 2 times', '*********5678 2 times'],
    ['0086 139 1234 5678 2 次', '***********5678 2 次'],
  ])('masks the number beside another in %j', (text, masked) => {
    expect(maskPersonalData(text)).toBe(masked);
  });

  // The words before name the first number an order number; the customer's number after it is masked.
  it.each([
    ['订单 1048213 13912345678', '订单 1048213 *******5678'],
    ['order 1048213 13912345678', 'order 1048213 *******5678'],
    ['订单号1048213 139 1234 5678', '订单号1048213 *******5678'],
    ['ticket 1042 13912345678', 'ticket 1042 *******5678'],
    ['order no. 1048 2133 13912345678', 'order no. 1048 2133 *******5678'],
    ['tracking 773123456789012 021-6234 5678', 'tracking 773123456789012 *******5678'],
    ['my order 1048213 0086 139 1234 5678', 'my order 1048213 ***********5678'],
    ['订单 1048213 110105491231002', '订单 1048213 ***********1002'],
  ])('masks the number after the order number in %j', (text, masked) => {
    expect(maskPersonalData(text)).toBe(masked);
  });

  // "number", "no." and "#" make a number an order number, unless the word before says whose it is.
  it.each([
    ['phone number: 13912345678', 'phone number: *******5678'],
    ['mobile no. 139 1234 5678', 'mobile no. *******5678'],
    ['my number 13912345678', 'my number *******5678'],
    ['card number 4111 1111 1111 1111', 'card number ************1111'],
    ['account number 6222021234567890128', 'account number ***************0128'],
    ['ID no. 110101199003071233', 'ID no. **************1233'],
    ['casino 13912345678', 'casino *******5678'],
  ])('masks %j, whose words name it personal', (text, masked) => {
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

  it("keeps the shop's own WeChat account, published in an answer, readable", () => {
    const shop = publishedContacts(['关注官方微信号：Parley_Shop，客服在线']);
    expect(maskPersonalData('你们的微信号 parley_shop 加不上，我的微信是 wang_li_88', shop)).toBe('你们的微信号 parley_shop 加不上，我的微信是 w*******88');
  });
});
