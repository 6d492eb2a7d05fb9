/** A fuzz target on a running Parley: an agent, signed-in sessions and a live customer conversation. */
import type { RouteInfo } from '../../src/http/api/route-table.js';
import { request, send, signIn, startConversation } from '../support/http.js';
import type { FuzzTarget } from './fuzz-run.js';

export async function fuzzTarget(url: string, routes: RouteInfo[]): Promise<FuzzTarget> {
  const adminCookie = await signIn(url, 'admin@example.com', 'correct horse battery');
  await request(url, 'POST', '/api/users', { cookie: adminCookie, body: { email: 'fuzz.agent@example.com', password: 'agent password 1', role: 'agent' } });
  const agentCookie = await signIn(url, 'fuzz.agent@example.com', 'agent password 1');
  const conversation = await startConversation(url);
  return { url, routes, conversationId: conversation.conversationId, customerToken: conversation.token, agentCookie, adminCookie };
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
