/**
 * A fuzz target on a running Parley: an agent, signed-in sessions, a live customer conversation
 * with a ticket, and chats in the middle of the ticket news, so hostile words land where the bot
 * waits for an answer: some wait for the customer's answer to the team's question, some for a
 * score 0–10 to "would you recommend us?".
 */
import type { RouteInfo } from '../../src/http/api/route-table.js';
import { request, send, signIn, startConversation } from '../support/http.js';
import type { FuzzTarget } from './fuzz-run.js';

/** The host site's secret for signed-in users (`user: {id, hash}`): the fuzz signs hostile ids with it too. */
export const FUZZ_IDENTITY_SECRET = 'fuzz identity secret 0123456789';

export async function fuzzTarget(url: string, routes: RouteInfo[], waitingChats = 3): Promise<FuzzTarget> {
  const adminCookie = await signIn(url, 'admin@example.com', 'correct horse battery');
  await request(url, 'POST', '/api/users', { cookie: adminCookie, body: { email: 'fuzz.agent@example.com', password: 'agent password 1', role: 'agent' } });
  const agentCookie = await signIn(url, 'fuzz.agent@example.com', 'agent password 1');
  const conversation = await startConversation(url);
  const ticketId = await fileTicket(url, agentCookie, conversation.conversationId);
  const waiting: FuzzTarget['waiting'] = [];
  for (let i = 0; i < waitingChats; i += 1) {
    waiting.push(await chatWaitingFor('answer', url, agentCookie), await chatWaitingFor('nps', url, agentCookie));
  }
  const intents = (await request(url, 'GET', '/api/knowledge', { cookie: adminCookie })).body.intents as unknown[];
  return { url, routes, conversationId: conversation.conversationId, customerToken: conversation.token, agentCookie, adminCookie, ticketId, waiting, identitySecret: FUZZ_IDENTITY_SECRET, intents };
}

async function fileTicket(url: string, cookie: string, conversationId: string): Promise<string> {
  const filed = await request(url, 'POST', '/api/tickets', { cookie, body: { conversationId, description: 'the kettle arrived broken' } });
  if (filed.status !== 201) throw new Error(`POST /api/tickets answered ${filed.status}`);
  return filed.body.id as string;
}

/** A new chat whose bot waits for the answer to a question about its ticket, or for an NPS score. */
async function chatWaitingFor(what: 'answer' | 'nps', url: string, cookie: string): Promise<FuzzTarget['waiting'][number]> {
  const chat = await startConversation(url);
  await send(url, chat, 'hello');
  const ticketId = await fileTicket(url, cookie, chat.conversationId);
  const asked = (body: unknown) => request(url, 'PATCH', `/api/tickets/${ticketId}`, { cookie, body });
  if (what === 'answer') {
    await asked({ status: 'waiting_customer', question: 'Which colour was it?' });
    await untilBotSays(url, chat, /Please reply here/);
  } else {
    await asked({ status: 'resolved', resolution: 'A new one is on its way.' });
    await untilBotSays(url, chat, /Please rate us/);
    await send(url, chat, '5');
    await send(url, chat, 'No, thanks');
  }
  return { what, conversationId: chat.conversationId, token: chat.token, ticketId };
}

async function untilBotSays(url: string, chat: { conversationId: string; token: string }, wanted: RegExp): Promise<void> {
  for (let attempt = 0; attempt < 400; attempt += 1) {
    const { body } = await request(url, 'GET', `/v3/directline/conversations/${chat.conversationId}/activities`, { token: chat.token });
    if ((body.activities as { text?: string }[]).some((activity) => wanted.test(activity.text ?? ''))) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`the bot never said ${wanted}`);
}

/** After the storm: the server is healthy and a new customer still gets an answer. */
export async function stillWorks(url: string): Promise<{ health: number; reply: string }> {
  const health = await request(url, 'GET', '/healthz');
  const conversation = await startConversation(url);
  const replies = await send(url, conversation, 'where is my order');
  return { health: health.status, reply: String(replies[0]?.text ?? '') };
}

/** Keys of Object.prototype and Array.prototype: any new one means a request polluted them. */
export function prototypeKeys(): string[] {
  return [...Object.getOwnPropertyNames(Object.prototype), ...Object.getOwnPropertyNames(Array.prototype)].sort();
}
