import { describe, expect, it } from 'vitest';
import { AppError } from '../../../src/errors.js';
import { HandoffService } from '../../../src/handoff/index.js';
import { alice, bob, CLAIM_TIMEOUT_MS, handoffFixture } from './fixture.js';

describe('handoff state machine', () => {
  it('bot → waiting: the customer joins the queue, is told so, and agents hear of it', async () => {
    const f = await handoffFixture({ agentsOnline: 1 });
    const first = await f.newConversation();
    const second = await f.newConversation();

    const queued = await f.handoff.request(first, 'customer_asked');
    const behind = await f.handoff.request(second, 'customer_asked');

    expect((await f.conversations.get(first)).status).toBe('waiting');
    expect(queued).toMatchObject({ status: 'waiting', position: 1, agentsOnline: 1 });
    expect(behind.position).toBe(2);
    expect(behind.expectedWaitMinutes).toBeGreaterThan(queued.expectedWaitMinutes);
    expect(await f.systemLines(first)).toEqual(['Waiting for an agent to join the chat…']);
    expect(f.eventsNamed('handoff.requested')).toEqual([
      { conversationId: first, reason: 'customer_asked' },
      { conversationId: second, reason: 'customer_asked' },
    ]);
  });

  it('asking twice keeps one place in the queue', async () => {
    const f = await handoffFixture();
    const id = await f.newConversation();
    await f.handoff.request(id, 'customer_asked');
    const again = await f.handoff.request(id, 'customer_asked');
    expect(again.position).toBe(1);
    expect(await f.systemLines(id)).toHaveLength(1);
    expect(f.eventsNamed('handoff.requested')).toHaveLength(1);
  });

  it('puts urgent and upset customers ahead of the line', async () => {
    const f = await handoffFixture();
    const calm = await f.newConversation();
    const upset = await f.newConversation();
    await f.handoff.request(calm, 'customer_asked');
    await f.handoff.request(upset, 'negative_sentiment');
    expect((await f.handoff.queue()).map((record) => record.id)).toEqual([upset, calm]);
    expect((await f.handoff.queueStatus(calm)).position).toBe(2);
  });

  it('waiting → active: the agent claims, the customer reads their name in their language', async () => {
    const f = await handoffFixture();
    const id = await f.newConversation('zh');
    await f.handoff.request(id, 'customer_asked');
    const claimed = await f.handoff.claim(id, alice);
    expect(claimed.status).toBe('active');
    expect(claimed.handoff).toMatchObject({ agentId: alice.id, agentName: 'Alice' });
    expect(await f.systemLines(id)).toEqual(['正在为您转接人工客服，请稍候…', '客服 Alice 已加入对话']);
    expect(f.eventsNamed('handoff.claimed')).toEqual([{ conversationId: id, agentId: alice.id, agentName: 'Alice' }]);
  });

  it('bot → active: an agent may also step into a chat the bot is having', async () => {
    const f = await handoffFixture();
    const id = await f.newConversation();
    expect((await f.handoff.claim(id, alice)).status).toBe('active');
  });

  it('two agents claiming at the same moment: one wins, the other gets 409', async () => {
    const f = await handoffFixture();
    const id = await f.newConversation();
    await f.handoff.request(id, 'customer_asked');
    const results = await Promise.allSettled([f.handoff.claim(id, alice), f.handoff.claim(id, bob)]);
    const won = results.filter((result) => result.status === 'fulfilled');
    const lost = results.filter((result): result is PromiseRejectedResult => result.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    expect(lost[0]!.reason).toBeInstanceOf(AppError);
    expect((lost[0]!.reason as AppError).status).toBe(409);
    expect(f.eventsNamed('handoff.claimed')).toHaveLength(1);
    expect((await f.systemLines(id)).filter((line) => line?.toString().includes('joined'))).toHaveLength(1);
    // The same agent claiming again is harmless.
    const holder = (await f.conversations.get(id)).handoff!.agentId === alice.id ? alice : bob;
    expect((await f.handoff.claim(id, holder)).status).toBe('active');
  });

  it('the agent replies under their own name; nobody else can reply', async () => {
    const f = await handoffFixture();
    const id = await f.newConversation();
    await expect(f.handoff.reply(id, alice, 'hello')).rejects.toMatchObject({ status: 409 });
    await f.handoff.claim(id, alice);
    const sent = await f.handoff.reply(id, alice, 'Hi, I am looking at your order now.');
    expect(sent).toMatchObject({ text: 'Hi, I am looking at your order now.', from: { name: 'Alice', role: 'bot' }, channelData: { parley: { sender: 'agent' } } });
    await expect(f.handoff.reply(id, bob, 'me too')).rejects.toMatchObject({ status: 409 });
  });

  it('a reply racing a pass to a colleague: once the chat is passed, the previous agent can no longer write in it', async () => {
    const f = await handoffFixture();
    f.presence.connect(bob);
    const id = await f.newConversation();
    await f.handoff.claim(id, alice);
    const passed = f.handoff.transfer(id, alice, bob);
    const late = f.handoff.reply(id, alice, 'one more thing');
    await passed;
    await expect(late).rejects.toMatchObject({ status: 409, code: 'not_claimed' });
    expect((await f.log.all(id)).some((activity) => activity.text === 'one more thing')).toBe(false);
    expect((await f.systemLines(id)).at(-1)).toBe("You're now with Bob");
  });

  it('active → bot: the agent hands back; only the holder (or an admin) may', async () => {
    const f = await handoffFixture();
    const id = await f.newConversation();
    await f.handoff.request(id, 'customer_asked');
    await f.handoff.claim(id, alice);
    await expect(f.handoff.release(id, bob)).rejects.toMatchObject({ status: 403 });
    const released = await f.handoff.release(id, alice);
    expect(released.status).toBe('bot');
    expect((await f.systemLines(id)).at(-1)).toBe('Alice left the chat. You are back with Parley, the assistant.');
    expect(f.eventsNamed('handoff.released')).toEqual([{ conversationId: id, reason: 'agent', agentId: alice.id }]);
    await expect(f.handoff.release(id, alice)).rejects.toMatchObject({ status: 409 });

    await f.handoff.claim(id, alice);
    expect((await f.handoff.release(id, { ...bob, canOverride: true })).status).toBe('bot');
  });

  it('a chat an agent handed back can be rated 1–5; one nobody took cannot', async () => {
    const f = await handoffFixture();
    const id = await f.newConversation();
    await f.handoff.request(id, 'customer_asked');
    await expect(f.handoff.rate(id, 5)).rejects.toMatchObject({ status: 409, code: 'not_rateable' });
    await f.handoff.claim(id, alice);
    await f.handoff.release(id, alice);
    await expect(f.handoff.rate(id, 6)).rejects.toMatchObject({ status: 400, code: 'bad_rating' });
    await f.handoff.rate(id, 2);
    const rated = await f.handoff.rate(id, 2, 'slow to answer');
    expect(rated.handoff?.rating).toMatchObject({ score: 2, comment: 'slow to answer' });
    // The comment that follows the score is not a second answer.
    expect(f.eventsNamed('handoff.rated')).toEqual([{ conversationId: id, customerId: expect.any(String), agentId: alice.id, score: 2 }]);

    const left = await f.newConversation();
    await f.handoff.request(left, 'customer_asked');
    await f.handoff.release(left, undefined, 'cancelled');
    await expect(f.handoff.rate(left, 4)).rejects.toMatchObject({ status: 409 });
  });

  it('waiting → bot: the customer leaves the queue', async () => {
    const f = await handoffFixture();
    const id = await f.newConversation();
    await f.handoff.request(id, 'customer_asked');
    expect((await f.handoff.release(id, undefined, 'cancelled')).status).toBe('bot');
    expect((await f.systemLines(id)).at(-1)).toBe('You left the queue. You are back with Parley, the assistant.');
    expect(await f.handoff.queue()).toEqual([]);
  });

  it('the customer starts a new conversation: a waiting chat leaves the queue; an agent keeps theirs and is told, once', async () => {
    const f = await handoffFixture();
    const waiting = await f.newConversation();
    await f.handoff.request(waiting, 'customer_asked');
    await f.handoff.customerLeft(waiting);
    expect((await f.conversations.get(waiting)).status).toBe('bot');
    expect(await f.handoff.queue()).toEqual([]);

    const held = await f.newConversation('zh');
    await f.handoff.request(held, 'customer_asked');
    await f.handoff.claim(held, alice);
    await f.handoff.customerLeft(held);
    await f.handoff.customerLeft(held);
    const record = await f.conversations.get(held);
    expect(record.status).toBe('active');
    expect(record.handoff).toMatchObject({ agentId: alice.id, customerLeftAt: expect.any(String) });
    expect((await f.systemLines(held)).slice(-1)).toEqual(['客户已开始新的对话，看不到这个对话了。']);
    expect(f.eventsNamed('handoff.customerLeft')).toEqual([{ conversationId: held, agentId: alice.id }]);
    // Passed on, the chat still says the customer is gone.
    await f.handoff.transfer(held, alice, 'queue');
    expect((await f.conversations.get(held)).handoff?.customerLeftAt).toBe(record.handoff?.customerLeftAt);
    // The customer writes in it again (an old tab): it reaches them again, and the agents hear of it.
    await f.handoff.customerReturned(held);
    expect((await f.conversations.get(held)).handoff?.customerLeftAt).toBeUndefined();
    expect(f.eventsNamed('handoff.customerReturned')).toEqual([{ conversationId: held }]);
  });

  it('an agent hands back a chat still waiting: the customer reads it was handed back, not that they left the queue', async () => {
    const f = await handoffFixture();
    const id = await f.newConversation();
    await f.handoff.request(id, 'customer_asked');
    expect((await f.handoff.release(id, alice)).status).toBe('bot');
    expect((await f.systemLines(id)).at(-1)).toBe('Your chat was handed back to Parley, the assistant.');
    expect(f.eventsNamed('handoff.released')).toEqual([{ conversationId: id, reason: 'agent', agentId: alice.id }]);
  });

  it('→ closed: the agent closes the chat; nobody can claim it afterwards', async () => {
    const f = await handoffFixture();
    const id = await f.newConversation();
    await f.handoff.claim(id, alice);
    expect((await f.handoff.close(id, alice)).status).toBe('closed');
    expect((await f.systemLines(id)).at(-1)).toBe('The chat was closed.');
    expect(f.eventsNamed('handoff.closed')).toEqual([{ conversationId: id, agentId: alice.id }]);
    await expect(f.handoff.claim(id, bob)).rejects.toMatchObject({ status: 409, code: 'conversation_closed' });
  });
});

describe('an agent who leaves (sign-out, disabled)', () => {
  it("puts the chat back where the customer's request put it, with their ticket, and a full wait from now", async () => {
    const f = await handoffFixture();
    const first = await f.newConversation();
    await f.handoff.request(first, 'customer_asked');
    const requestedAt = (await f.conversations.get(first)).handoff!.requestedAt;
    // Nobody comes in time: a ticket keeps it. Alice takes it later, then signs out.
    await f.time.advance(CLAIM_TIMEOUT_MS);
    await f.handoff.claim(first, alice);
    const later = await f.newConversation();
    await f.handoff.request(later, 'customer_asked');
    await f.time.advance(60_000);
    expect(await f.handoff.requeueHeldBy(alice.id)).toEqual([first]);

    const requeued = (await f.conversations.get(first)).handoff!;
    expect(requeued).toMatchObject({ reason: 'agent_left', requestedAt, ticketId: 'T-1001', passedBy: alice });
    expect((await f.systemLines(first)).at(-1)).toBe('Alice had to leave. You are back in the queue: the next agent will take over.');
    // It waits as a ticket again: no second time-out notice, no second ticket.
    await f.time.advance(CLAIM_TIMEOUT_MS * 2);
    expect(f.eventsNamed('handoff.timeout').filter((each) => each.conversationId === first)).toHaveLength(1);
    expect(f.filed.filter((each) => each.conversationId === first)).toHaveLength(1);
  });

  it('with nobody else online, one line tells the customer the agent left and names the ticket that keeps the chat', async () => {
    const f = await handoffFixture({ agentsOnline: 0 });
    f.presence.connect(alice);
    const english = await f.newConversation();
    const chinese = await f.newConversation('zh');
    for (const id of [english, chinese]) {
      await f.handoff.request(id, 'customer_asked');
      await f.handoff.claim(id, alice);
    }
    // Alice signs out (her stream may still count her for a moment): nobody else is there.
    expect(await f.handoff.requeueHeldBy(alice.id)).toEqual([english, chinese]);

    const after = async (id: string) => (await f.systemLines(id)).slice((await f.systemLines(id)).findIndex((line) => /joined|加入/.test(String(line))) + 1);
    expect(await after(english)).toEqual(['Alice had to leave, and no other agent is available right now. Your conversation was saved as ticket T-1001.']);
    expect(await after(chinese)).toEqual(['客服 Alice 已离开，暂时没有其他客服可以接待，您的对话已保存为工单 T-1002。']);
    expect(await f.conversations.get(english)).toMatchObject({ status: 'waiting', handoff: { reason: 'agent_left', ticketId: 'T-1001', timedOutAt: expect.any(String) } });
    expect(f.eventsNamed('handoff.requeued')).toHaveLength(2);
  });

  it('with nobody else online, a chat that had timed out is not timed out again: one notice, one ticket', async () => {
    const f = await handoffFixture({ agentsOnline: 0 });
    f.presence.connect(alice);
    const id = await f.newConversation();
    await f.handoff.request(id, 'customer_asked');
    await f.time.advance(CLAIM_TIMEOUT_MS);
    await f.handoff.claim(id, alice);
    // Alice signs out (her stream may still count her for a moment): nobody else is there.
    expect(await f.handoff.requeueHeldBy(alice.id)).toEqual([id]);

    expect(f.eventsNamed('handoff.timeout')).toEqual([{ conversationId: id, reason: 'not_claimed', ticketId: 'T-1001' }]);
    expect(f.filed).toHaveLength(1);
    expect((await f.systemLines(id)).filter((line) => typeof line === 'string' && /No agent is available|all busy/.test(line))).toHaveLength(1);
    expect((await f.systemLines(id)).at(-1)).toBe('Alice had to leave. You are back in the queue: the next agent will take over.');
    const record = await f.conversations.get(id);
    expect(record).toMatchObject({ status: 'waiting', handoff: { ticketId: 'T-1001', timedOutAt: expect.any(String) } });
  });

  it('gives a chat that had not timed out a full wait from the moment the agent left, ahead of later customers', async () => {
    const f = await handoffFixture();
    const first = await f.newConversation();
    await f.handoff.request(first, 'customer_asked');
    await f.handoff.claim(first, alice);
    await f.time.advance(60_000);
    const later = await f.newConversation();
    await f.handoff.request(later, 'customer_asked');
    await f.time.advance(60_000);
    await f.handoff.requeueHeldBy(alice.id);
    expect((await f.handoff.queue()).map((record) => record.id)).toEqual([first, later]);
    // The later customer times out first (they asked a minute before Alice left); the requeued one a full wait after she left.
    await f.time.advance(CLAIM_TIMEOUT_MS - 1);
    expect(f.eventsNamed('handoff.timeout').map((each) => each.conversationId)).toEqual([later]);
    await f.time.advance(1);
    expect(f.eventsNamed('handoff.timeout').map((each) => each.conversationId)).toEqual([later, first]);
    // The ticket desk learns why each chat was waiting: an open ticket of the chat is told the agent left, not that the customer asked again.
    expect(f.filed.map((each) => each.askedBecause)).toEqual(['customer_asked', 'agent_left']);
  });
});

describe('handoff timeouts (fake clock)', () => {
  it('nobody claims in time: the customer is told, a ticket keeps the transcript, the chat stays queued', async () => {
    const f = await handoffFixture();
    const id = await f.newConversation();
    await f.handoff.request(id, 'customer_asked');

    await f.time.advance(CLAIM_TIMEOUT_MS - 1);
    expect(f.eventsNamed('handoff.timeout')).toEqual([]);

    await f.time.advance(1);
    expect(f.eventsNamed('handoff.timeout')).toEqual([{ conversationId: id, reason: 'not_claimed', ticketId: 'T-1001' }]);
    expect(f.filed).toHaveLength(1);
    expect(f.filed[0]!.description).toContain('customer: my parcel never came');
    // Agents are online, only busy: the customer is not told nobody is there.
    expect((await f.systemLines(id)).at(-1)).toBe('Our agents are all busy right now. You keep your place in the queue, and your conversation was saved as ticket T-1001.');
    expect(f.filed[0]!.description).toMatch(/^The customer asked for a person, but no agent took the chat in time\./);
    const record = await f.conversations.get(id);
    expect(record.status).toBe('waiting');
    expect(record.handoff).toMatchObject({ ticketId: 'T-1001' });
    // A late agent can still take it.
    expect((await f.handoff.claim(id, alice)).status).toBe('active');
  });

  it("a chat that timed out (kept as a ticket) does not push a new customer back in line", async () => {
    const f = await handoffFixture();
    const earlier = await f.newConversation();
    await f.handoff.request(earlier, 'customer_asked');
    await f.time.advance(CLAIM_TIMEOUT_MS);
    const later = await f.newConversation();
    expect((await f.handoff.request(later, 'customer_asked')).position).toBe(1);
    // The agents' queue still lists both.
    expect((await f.handoff.queue()).map((record) => record.id).sort()).toEqual([earlier, later].sort());
  });

  it('a claim in time cancels the timeout', async () => {
    const f = await handoffFixture();
    const id = await f.newConversation();
    await f.handoff.request(id, 'customer_asked');
    await f.time.advance(CLAIM_TIMEOUT_MS / 2);
    await f.handoff.claim(id, alice);
    await f.time.advance(CLAIM_TIMEOUT_MS * 2);
    expect(f.eventsNamed('handoff.timeout')).toEqual([]);
    expect(f.filed).toEqual([]);
  });

  it('no agent online: times out at once, in Chinese for a Chinese conversation', async () => {
    const f = await handoffFixture({ agentsOnline: 0 });
    const id = await f.newConversation('zh');
    const queued = await f.handoff.request(id, 'customer_asked');
    expect(queued.agentsOnline).toBe(0);
    expect(f.eventsNamed('handoff.timeout')).toEqual([{ conversationId: id, reason: 'no_agent_online', ticketId: 'T-1001' }]);
    // One line, the outcome: no "waiting for an agent" first, which nobody online would answer.
    expect(await f.systemLines(id)).toEqual(['暂时没有客服人员可以接待，您的对话已保存为工单 T-1001。']);
    // The ticket tells the agents why and what was said in the chat's language, not in English.
    expect(f.filed[0]!.description).toMatch(/^客户要求转人工，但当时没有客服在线。\n\n对话记录：\n\[[^\]]+\] 客户: 我要转人工$/m);
  });

  it('busy agents in a Chinese chat: told in Chinese that they keep their place', async () => {
    const f = await handoffFixture();
    const id = await f.newConversation('zh');
    await f.handoff.request(id, 'customer_asked');
    await f.time.advance(CLAIM_TIMEOUT_MS);
    expect((await f.systemLines(id)).at(-1)).toBe('客服人员都在忙，您仍在排队中，您的对话已保存为工单 T-1001。');
    expect(f.filed[0]!.description).toMatch(/^客户要求转人工，但没有客服及时接待。/);
  });

  it('without a ticket service the customer is still told, and the messages stay for the team', async () => {
    const f = await handoffFixture({ agentsOnline: 0, tickets: false });
    const id = await f.newConversation();
    await f.handoff.request(id, 'customer_asked');
    expect(f.eventsNamed('handoff.timeout')).toEqual([{ conversationId: id, reason: 'no_agent_online' }]);
    expect(await f.systemLines(id)).toEqual(['No agent is available right now. Your messages are kept for our team.']);
  });

  it('after a restart a waiting chat keeps only the time it had left', async () => {
    const f = await handoffFixture();
    const id = await f.newConversation();
    await f.handoff.request(id, 'customer_asked');
    f.handoff.stop();
    await f.time.advance(CLAIM_TIMEOUT_MS - 10_000);

    const restarted = new HandoffService(f.deps);
    await restarted.resume();
    await f.time.advance(9_999);
    expect(f.eventsNamed('handoff.timeout')).toEqual([]);
    await f.time.advance(1);
    expect(f.eventsNamed('handoff.timeout')).toHaveLength(1);
  });
});

describe('a chat passed on (fake clock)', () => {
  it('agent → colleague → queue: the chat waits what was left of its wait at the first claim, not none', async () => {
    const f = await handoffFixture();
    f.presence.connect(bob);
    const id = await f.newConversation();
    await f.handoff.request(id, 'customer_asked');
    // Alice claims with 80 s of the 120 s wait left, keeps the chat 4 minutes, passes it to Bob, who passes it to the queue.
    await f.time.advance(40_000);
    await f.handoff.claim(id, alice);
    await f.time.advance(240_000);
    await f.handoff.transfer(id, alice, bob);
    await f.time.advance(30_000);
    await f.handoff.transfer(id, bob, 'queue');
    await f.time.advance(80_000 - 1);
    expect(f.eventsNamed('handoff.timeout')).toEqual([]);
    expect((await f.systemLines(id)).at(-1)).toBe('Passing you to a colleague — you keep your place in the queue');
    await f.time.advance(1);
    expect(f.eventsNamed('handoff.timeout')).toEqual([{ conversationId: id, reason: 'not_claimed', ticketId: 'T-1001' }]);
  });
});
