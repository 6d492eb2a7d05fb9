import { describe, expect, it } from 'vitest';
import { maskPersonalData } from '../../../src/customers/index.js';

describe('masking leaves what is not personal data alone', () => {
  it.each([
    'order number 13912345678 has not shipped',
    '我的订单 20240501123456 什么时候发货',
    '运单号 SF1234567890123 查不到',
    'ticket T-1042 is still open',
    'tracking # 4111111111111111 please',
    'it cost 2,499 yuan and weighed 12 kg',
    'call between 9-17 on weekdays',
    'the model 123456 is broken',
    'version 1.2.3456789 crashed',
    'my user name is ann@home',
  ])('%j', (text) => {
    expect(maskPersonalData(text)).toBe(text);
  });

  // What agents need to read, next to the numbers that are masked.
  it.each([
    'order 1048213 has not shipped',
    '订单 1048213 还没发货',
    'is 1048213 on its way?',
    'order number 62345678 is late',
    'order no. 62345678 is late',
    'order #110101199003071234 is late',
    '订单号110101199003071234',
    'order ID number 13912345678 is late',
    'it cost 1,299.00 and I paid ¥2999',
    '价格¥2999.00，优惠后 1,299.00 元',
    'delivered on 2026-12-04 at 14:30',
    '2026年12月04日 14:30 到货',
    'call me on 2026-12-04 after 14:30',
    'phone order 1048213',
    'tracking 773123456789012',
    '快递单号 773123456789012',
    '会员积分 62345678',
    'the batch 202612041530001234 is wrong',
    'serial 110101199013071234',
    'sizes 1 2 3 4 5 6 7 8 9 10 11 12 13',
    '订单 1048213 2 件',
    // A European date and time is no landline ("04" an area code).
    'delivered on 04-12-2026 14:30',
    // 18 digits that happen to pass the ID check digit, with no region or birth date: an order number.
    '203847561928374608 还没到',
    'my parcel 203847561928374616 is late',
  ])('%j', (text) => {
    expect(maskPersonalData(text)).toBe(text);
  });

  // Limits of the new rules (the old 15-digit ID, the bare country code, the number after an order
  // number, dotted groups): these pass before too, and guard against reading too much.
  it.each([
    'tracking 9400 1111 2222 3333 4444 55',
    '运单号 SF1234567890123 查不到',
    'JD tracking JDVA00012345678',
    '432123456789012 is my parcel',
    'the 15-digit code 110105491331002 is wrong',
    'code 110105490229002',
    'sizes 86 21 35',
    'IP 192.168.100.100, version 1.2.3, 2026.12.04',
  ])('%j', (text) => {
    expect(maskPersonalData(text)).toBe(text);
  });

  it('still masks the personal data beside an order number', () => {
    expect(maskPersonalData('order 12345678901, call me on 13812345678')).toBe('order 12345678901, call me on *******5678');
    expect(maskPersonalData('订单1048213，电话021-6234 5678')).toBe('订单1048213，电话*******5678');
    expect(maskPersonalData('order 1048213, 身份证110101199003071234')).toBe('order 1048213, 身份证**************1234');
  });
});
