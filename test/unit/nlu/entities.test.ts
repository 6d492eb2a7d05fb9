import { describe, expect, it } from 'vitest';
import { bareOrderNumber, extractEntities } from '../../../src/nlu/index.js';

describe('extractEntities', () => {
  it.each([
    ['where is order #12345?', ['12345']],
    ['my order 1234567 has not arrived', ['1234567']],
    ['Order number: 998877 please', ['998877']],
    ['订单号 20231234567 还没发货', ['20231234567']],
    ['订单号：20231234567', ['20231234567']],
    ['我的订单20231234567到哪了', ['20231234567']],
    ['package PD-20458 is late', ['PD-20458']],
  ])('finds the order number in %j', (text, orderNumbers) => {
    expect(extractEntities(text).orderNumbers).toEqual(orderNumbers);
    expect(extractEntities(text).phones).toEqual([]);
  });

  it.each([
    ['call me at +1 415 555 0132', '+1 415 555 0132'],
    ['my number is (415) 555-0132', '(415) 555-0132'],
    ['我的手机13812345678', '13812345678'],
    ['手机号 138 1234 5678', '138 1234 5678'],
    ['reach me on +44 20 7946 0958', '+44 20 7946 0958'],
    ['+86 13912345678', '+86 13912345678'],
  ])('finds the phone in %j', (text, phone) => {
    expect(extractEntities(text).phones).toEqual([phone]);
    expect(extractEntities(text).orderNumbers).toEqual([]);
  });

  it('takes an 11-digit number the text calls an order for an order, not a phone', () => {
    expect(extractEntities('订单号 13812345678')).toEqual({ orderNumbers: ['13812345678'], emails: [], phones: [] });
    expect(extractEntities('order 13812345678 is missing').phones).toEqual([]);
  });

  it('takes a number the text calls a phone for a phone, not an order', () => {
    expect(extractEntities('phone: 2023123456').phones).toEqual(['2023123456']);
    expect(extractEntities('phone: 2023123456').orderNumbers).toEqual([]);
  });

  it('separates an order number, an email and a phone in one message', () => {
    expect(extractEntities('Order #55501 — email jo.lee+shop@example.co.uk or call 13912345678')).toEqual({
      orderNumbers: ['55501'],
      emails: ['jo.lee+shop@example.co.uk'],
      phones: ['13912345678'],
    });
  });

  it.each([
    'hello, where is my order?',
    'I paid 120 dollars on 2024-05-03',
    'my order is 3 days late',
    'contact me by email please',
    'it costs $1999',
    '我想在12点前收到',
    'not an email: jo@localhost',
    '',
  ])('finds nothing in %j', (text) => {
    expect(extractEntities(text)).toEqual({ orderNumbers: [], emails: [], phones: [] });
  });
});

describe('a bare order number', () => {
  it('is a message that is only an order number', () => {
    expect(bareOrderNumber('1048213')).toBe('1048213');
    expect(bareOrderNumber(' #1048213. ')).toBe('1048213');
    expect(bareOrderNumber('pd-20458')).toBe('PD-20458');
    expect(bareOrderNumber('２０２５１１３０')).toBe('20251130');
  });

  it('is not a phone number, a short number or a sentence', () => {
    expect(bareOrderNumber('13812345678')).toBeUndefined();
    expect(bareOrderNumber('+1 415 555 0100')).toBeUndefined();
    expect(bareOrderNumber('123')).toBeUndefined();
    expect(bareOrderNumber('order 1048213 is late')).toBeUndefined();
  });
});
