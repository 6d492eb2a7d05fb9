import { describe, expect, it } from 'vitest';
import { assessPriority, classifyCategory, classifyInContext, complaintTrigger, parseSlaTable, shouldOfferComplaint } from '../../../src/tickets/index.js';

describe('complaint category', () => {
  it.each([
    ['My parcel never arrived and tracking has not moved for a week', 'delivery'],
    ['The courier left it at the wrong address', 'delivery'],
    ['快递一直没到，物流信息也不更新', 'delivery'],
    ['The blender arrived broken', 'product_quality'],
    ['the parcel arrived damaged and the screen is cracked', 'product_quality'],
    ['收到的杯子是碎的，质量太差', 'product_quality'],
    ['the left earbud has no sound', 'product_quality'],
    ['the lamp flickers constantly', 'product_quality'],
    ['耳机左边没声音，买了才一周', 'product_quality'],
    ['扫地机充不进电', 'product_quality'],
    ['I was charged twice for one order and still have no refund', 'refund_billing'],
    ['退款申请了两周还没到账', 'refund_billing'],
    ['Your agent was rude and hung up on me', 'service_attitude'],
    ['客服态度太差了，还骂人', 'service_attitude'],
    ["I can't log in, my password reset email never comes", 'account'],
    ['账号被冻结了，登录不了', 'account'],
    ['I just want to tell you something', 'other'],
    ['我想说点事', 'other'],
    // Asking for a person says how the customer wants help, not that the service was bad.
    ['转人工客服', 'other'],
    ['我要找人工客服', 'other'],
    ['轉人工客服', 'other'],
    ['帮我转一下客服', 'other'],
    ['I want to talk to customer service', 'other'],
    ['can I speak with a real person', 'other'],
    // Nor does asking who is answering.
    ['你是智能客服吗', 'other'],
    ['你是AI客服还是真人', 'other'],
    ['are you customer service or a bot?', 'other'],
    ['在线客服一直不回复', 'service_attitude'],
    ['在线客服太差了', 'service_attitude'],
    ['人工客服态度太差了', 'service_attitude'],
    ['我联系客服三次都没人理', 'service_attitude'],
    ['转人工，我的快递一直没到', 'delivery'],
    ['customer service never replied to my emails', 'service_attitude'],
    // Waiting for what has not come is a delivery, unless another word says what was awaited.
    ['my order still is not here', 'delivery'],
    ['where is my parcel? it has been ages', 'delivery'],
    ['太慢了，很不满意', 'delivery'],
    ['怎么还没到', 'delivery'],
    ['等了好久', 'delivery'],
    ['my refund is not here yet', 'refund_billing'],
    ['等了太久了，我要退款', 'refund_billing'],
    ['客服回复太慢', 'service_attitude'],
    ['still waiting for a reply from customer service', 'service_attitude'],
  ])('"%s" is about %s', (text, category) => {
    expect(classifyCategory(text).category).toBe(category);
  });

  it.each([
    // A refund asked for beside a problem is the remedy: the complaint is about the problem.
    ['收到的杯子是碎的，我要退款', 'product_quality'],
    ['杯子是碎的，我要退款，请尽快把钱退给我', 'product_quality'],
    ['耳机坏了，要求退款退钱', 'product_quality'],
    ['衣服质量太差，要求全额退款', 'product_quality'],
    ['快递一直没到，我要退款，把钱退给我', 'delivery'],
    ['the mug arrived broken, I want a refund', 'product_quality'],
    ['the mug arrived broken, I want my money back', 'product_quality'],
    ['the blender stopped working, please give me my money back', 'product_quality'],
    ["I'd like a full refund for the faulty kettle", 'product_quality'],
    // On its own, or with trouble about the money itself, it is what the complaint is about.
    ['我要退款', 'refund_billing'],
    ['I want my money back', 'refund_billing'],
    ['杯子碎了退回去了，退款还没到账', 'refund_billing'],
    ['申请退款两周了还没到账', 'refund_billing'],
    ['I was charged twice, I want a refund', 'refund_billing'],
    ['my refund has not arrived, I want my money back', 'refund_billing'],
    // Scene words alone ("the package arrived") do not outweigh it.
    ['I want a refund, the package arrived and I changed my mind', 'refund_billing'],
  ])('"%s" is about %s', (text, category) => {
    expect(classifyCategory(text).category).toBe(category);
  });

  it('reads a complaint that names no kind of problem by what the customer said just before, its own words first', () => {
    expect(classifyInContext("I'm fed up with waiting", ['what is your phone number', 'my order is late']).category).toBe('delivery');
    expect(classifyInContext('等了太久了，很失望', ['我的快递怎么还没到']).category).toBe('delivery');
    // Waiting alone says a delivery only when nothing before says what was awaited.
    expect(classifyInContext('等了太久了，很失望', ['我被扣了两次钱']).category).toBe('refund_billing');
    expect(classifyInContext('等了太久了，很失望', ['你好']).category).toBe('delivery');
    // The nearest earlier message that names one decides.
    expect(classifyInContext('very annoyed', ['I was charged twice', 'my order is late']).category).toBe('refund_billing');
    // What the complaint itself says comes first.
    expect(classifyInContext('the mug arrived broken', ['my order is late']).category).toBe('product_quality');
    expect(classifyInContext('very annoyed', ['hello', 'what are your opening hours']).category).toBe('other');
    expect(classifyInContext('very annoyed').category).toBe('other');
  });

  it('does not mistake "later" for a late delivery', () => {
    expect(classifyCategory('I will try again later').category).toBe('other');
  });
});

describe('complaint priority', () => {
  it.each([
    ['This is fraud, I will call my lawyer', 0, 'urgent'],
    ['The kettle burned my hand, I had to go to hospital', -0.3, 'urgent'],
    ['你们就是骗子，我要投诉到消协', -0.9, 'urgent'],
    ['我要报警', -0.2, 'urgent'],
    // The same case in either language: a stolen parcel.
    ['My parcel was stolen from the doorstep', -0.3, 'urgent'],
    ['包裹放门口被偷了', -0.3, 'urgent'],
    ['I was charged twice', 0, 'high'],
    ['The box is a bit dented', -0.2, 'normal'],
    ['The parcel is late and I am furious', -0.8, 'high'],
    ['Small suggestion: the app could remember my size', 0.4, 'low'],
  ] as const)('"%s" (mood %s) is %s', (text, sentiment, priority) => {
    expect(assessPriority({ text, sentiment, recentComplaints: 0 }).priority).toBe(priority);
  });

  it('raises a repeat complaint one level and says why, but never to urgent on its own', () => {
    const repeat = assessPriority({ text: 'The box is a bit dented', sentiment: -0.2, recentComplaints: 2 });
    expect(repeat.priority).toBe('high');
    expect(repeat.reasons).toContain('repeat complaint (2 other tickets in 30 days)');
    expect(assessPriority({ text: 'The parcel is late and I am furious', sentiment: -0.8, recentComplaints: 3 }).priority).toBe('high');
  });

  it('names the words that made it urgent', () => {
    expect(assessPriority({ text: 'I will sue you', sentiment: 0, recentComplaints: 0 }).reasons).toEqual(['mentions "sue"']);
  });
});

describe('the sentiment trigger', () => {
  it('offers a complaint for a strongly negative message that names a problem, not for plain anger', () => {
    expect(shouldOfferComplaint('My parcel arrived broken and nobody answers!', -0.85)).toBe(true);
    expect(shouldOfferComplaint('快递一直没到，太差劲了', -0.88)).toBe(true);
    expect(shouldOfferComplaint('I hate this', -0.8)).toBe(false);
    expect(shouldOfferComplaint('My parcel is late', -0.3)).toBe(false);
    // Waiting alone is a delivery complaint once the customer is filing one, but no reason to offer one: an angry "still waiting" is brought a person.
    expect(shouldOfferComplaint('still waiting. terrible.', -0.9)).toBe(false);
    expect(shouldOfferComplaint('太慢了，太差劲了', -0.9)).toBe(false);
  });

  it('offers a complaint for a threat to go to law or the authorities, however calmly put, but not for a glad or a plain mention', () => {
    expect(complaintTrigger("I'm going to sue you", -0.46)).toBe('offer');
    expect(complaintTrigger('my lawyer will contact you', 0)).toBe('offer');
    expect(complaintTrigger('再不处理我就打12315', -0.54)).toBe('offer');
    expect(complaintTrigger('我要去消协', -0.2)).toBe('offer');
    expect(complaintTrigger('thanks, my lawyer was happy with the invoice', 0.6)).toBeUndefined();
    expect(complaintTrigger('is there a legal notice page', 0)).toBeUndefined();
    expect(assessPriority({ text: '再不处理我就打12315', sentiment: -0.54, recentComplaints: 0 }).priority).toBe('urgent');
    // Every threat the complaint is offered for is urgent on the ticket too.
    expect(complaintTrigger("I'll report you to trading standards", -0.1)).toBe('offer');
    expect(assessPriority({ text: "I'll report you to trading standards", sentiment: -0.1, recentComplaints: 0 }).priority).toBe('urgent');
    expect(assessPriority({ text: '我要去消费者协会', sentiment: -0.1, recentComplaints: 0 }).priority).toBe('urgent');
  });

  it('offers a complaint to a customer who calls the shop a cheat, but not for a scam they ask about', () => {
    // "you guys are scammers" got "Did you mean: Customer service hours"; 「你们是骗子吧」 got "not sure".
    expect(complaintTrigger('you guys are scammers', -0.61)).toBe('offer');
    expect(complaintTrigger('this store is a total scam', -0.6)).toBe('offer');
    expect(complaintTrigger('你们是骗子吧', -0.61)).toBe('offer');
    expect(complaintTrigger('黑店', -0.5)).toBe('offer');
    expect(complaintTrigger('someone pretending to be you scammed me out of my code, what do i do', -0.6)).toBeUndefined();
    expect(complaintTrigger('is this email from you a scam?', -0.3)).toBeUndefined();
  });
});

describe('the SLA table', () => {
  it('reads hours per priority from a setting and keeps the defaults for the rest', () => {
    expect(parseSlaTable('urgent=2, low=240')).toEqual({ urgent: 2, high: 24, normal: 72, low: 240 });
    expect(() => parseSlaTable('urgent=soon')).toThrow(/"urgent=soon" is not priority=hours/);
    expect(() => parseSlaTable('critical=1')).toThrow(/priorities: urgent, high, normal, low/);
  });
});
