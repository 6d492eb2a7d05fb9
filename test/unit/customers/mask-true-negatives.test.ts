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

  it('still masks the personal data beside an order number', () => {
    expect(maskPersonalData('order 12345678901, call me on 13812345678')).toBe('order 12345678901, call me on *******5678');
  });
});
