import { describe, expect, it } from 'vitest';
import { SoundAlikes } from '../../../src/nlu/sound-alike.js';

const known = new SoundAlikes([
  '退款要多久',
  '我的订单到哪了',
  '我的包裹破了',
  '银行卡被扣了两次',
  '升级会员',
  '订单 12345 退货',
  '退货要运费吗',
  '发票抬头写错了',
  '怎么联系客服',
  '客服电话多少',
]);

describe('sound-alike typos in Chinese', () => {
  it.each([
    ['退宽要多久', '退款要多久'], // kuan: 宽 for 款
    ['我的订丹到哪了', '我的订单到哪了'],
    ['我的包过破了', '我的包裹破了'],
    ['银航卡被扣了两次', '银行卡被扣了两次'], // 行 read as hang next to 银
    ['发票台头写错了', '发票抬头写错了'],
    ['怎么找刻服', '怎么找客服'], // 客/服: two one-character words to the segmenter, a word in two examples
    ['我想推货 订单 12345', '我想退货 订单 12345'], // what is not Chinese stays as it is
  ])('reads %s as %s', (typed, meant) => {
    expect(known.correct(typed)).toBe(meant);
  });

  it.each([
    ['退款要多久', 'the knowledge base’s own words'],
    ['生鸡蛋能吃吗', 'a stretch that sounds like a known word but differs in two characters (生鸡, not 升级)'],
    ['连系客服', 'a word in its own right (连系), even one that sounds like a known one (联系)'],
    ['退宽多久 订丹在哪', 'two slips in one message: more likely words that happen to sound alike'],
    ['我的快递到了吗', 'words that sound like none of the knowledge base’s'],
    ['where is my order', 'English'],
  ])('leaves %s alone: %s', (typed) => {
    expect(known.correct(typed)).toBe(typed);
  });

  it('corrects nothing where two known words sound the same', () => {
    const twoAlike = new SoundAlikes(['我有权利', '我有权力']); // quan li, both
    expect(twoAlike.correct('我有权历')).toBe('我有权历');
  });

  it('takes two one-character words for a word only when they come back in another example', () => {
    expect(new SoundAlikes(['发给李四']).correct('很给力')).toBe('很给力');
  });
});
