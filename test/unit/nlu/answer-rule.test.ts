import { describe, expect, it } from 'vitest';
import { eitherOr, isBareTopic } from '../../../src/nlu/bare-topic.js';
import { ANSWER_RULE, clarifyCandidates, decide } from '../../../src/nlu/calibration.js';
import { settleSmallTalk } from '../../../src/kb/try-it.js';
import type { Intent } from '../../../src/kb/index.js';
import type { Recognition } from '../../../src/nlu/index.js';

const learned = { fallback: -12, clarifyMargin: 0.06 };

describe('when the bot answers, asks "did you mean", or is not sure', () => {
  it('answers a confident reading, and asks about a weak one it can still offer', () => {
    expect(decide(0.9, 0.05, -3, learned)).toBe('answer');
    expect(decide(0.32, 0.1, -8, learned)).toBe('clarify'); // 「钱的问题」 read as goodbye
    expect(decide(0.04, 0.03, -8, learned)).toBe('clarify'); // within the margin
    expect(decide(0.045, 0.01, -8, { ...learned, clarifyMargin: 0 })).toBe('fallback'); // nothing plausible
    expect(decide(0.99, 0, -13, learned)).toBe('fallback'); // unlike anything it knows
  });

  it('wants more before answering a bare topic: 「订单」 at 0.65 is asked about, "where is my order" answered', () => {
    expect(decide(0.65, 0.24, -5, learned, true)).toBe('clarify');
    expect(decide(0.65, 0.24, -5, learned, false)).toBe('answer');
    expect(decide(0.95, 0.02, -3, learned, true)).toBe('answer');
  });

  it('offers the plausible intents, best first, three at most', () => {
    const ranked = [0.65, 0.24, 0.06, 0.04, 0.01].map((score, i) => ({ intent: `i${i}`, score }));
    expect(clarifyCandidates(ranked).map((each) => each.intent)).toEqual(['i0', 'i1', 'i2']);
    expect(clarifyCandidates([{ intent: 'a', score: 0.3 }, { intent: 'b', score: 0.01 }]).map((each) => each.intent)).toEqual(['a']);
    expect(ANSWER_RULE.answerFloor).toBeLessThan(ANSWER_RULE.topicFloor);
  });

  it('takes a word or two, or up to four Chinese characters, for a bare topic; not a question or an order number', () => {
    for (const text of ['order', 'payment', 'money problem', '订单', '钱的问题', '账户']) expect(isBareTopic(text), text).toBe(true);
    for (const text of ['where is my parcel', '怎么修改收货地址', 'order 1048213', '1048213', '']) expect(isBareTopic(text), text).toBe(false);
  });

  it('reads "A or B" as a choice only between two bare topics', () => {
    expect(eitherOr('refund or return')).toEqual(['refund', 'return']);
    expect(eitherOr('退款还是退货')).toEqual(['退款', '退货']);
    expect(eitherOr('退货或者换货？')).toEqual(['退货', '换货']);
    expect(eitherOr('扣款成功了 订单还是待付款')).toBeUndefined(); // 还是: "still"
    expect(eitherOr('the green mat is out of stock, is it coming back or should i get the grey one')).toBeUndefined();
    expect(eitherOr('order')).toBeUndefined();
  });
});

describe('small talk in a "did you mean"', () => {
  const intent = (name: string, category: string) => ({ name, category }) as Intent;
  const intents = new Map(
    [intent('goodbye', 'smalltalk'), intent('greeting', 'smalltalk'), intent('thanks', 'smalltalk'), intent('bot_unhelpful', 'smalltalk'), intent('refund_status', 'returns'), intent('damaged_wrong_item', 'returns')].map((each) => [each.name, each]),
  );
  const asking = (candidates: [string, number][]): Recognition => ({
    language: 'zh',
    intent: candidates[0]![0],
    score: candidates[0]![1],
    alternatives: candidates.map(([name, score]) => ({ intent: name, score })),
    decision: 'clarify',
    candidates: candidates.map(([name, score]) => ({ intent: name, score })),
  });

  it('is never offered as a button: 「钱的问题」 read as goodbye is offered the refund answers', () => {
    const settled = settleSmallTalk(asking([['goodbye', 0.32], ['refund_status', 0.1], ['damaged_wrong_item', 0.1]]), intents);
    expect(settled.decision).toBe('clarify');
    expect(settled.candidates?.map((each) => each.intent)).toEqual(['refund_status', 'damaged_wrong_item']);
  });

  it('is answered when it is all that is plausible and reaches the answer floor, else the bot is not sure', () => {
    const hello = settleSmallTalk(asking([['greeting', 0.51], ['bot_unhelpful', 0.42]]), intents);
    expect([hello.decision, hello.intent]).toEqual(['answer', 'greeting']);
    const unsure = settleSmallTalk(asking([['goodbye', 0.3], ['greeting', 0.2]]), intents);
    expect([unsure.decision, unsure.intent]).toEqual(['fallback', null]);
    // 「好的谢谢」 fell between thanks and goodbye, and was answered "not sure": small talk for certain, the likelier is answered.
    const thanks = settleSmallTalk(asking([['thanks', 0.49], ['goodbye', 0.47]]), intents);
    expect([thanks.decision, thanks.intent]).toEqual(['answer', 'thanks']);
  });
});
