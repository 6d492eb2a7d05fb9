/**
 * A crash-test customer whose complaint became a ticket, taken through the ticket's news with
 * the crash test playing the agent: the team asks a question (`PATCH … {status:
 * 'waiting_customer', question}`), the customer answers it, the ticket is resolved, the customer
 * rates it and answers "would you recommend us?" (NPS). Each step is chosen from what the bot said
 * last and the ticket's status, so a journey cut by a kill carries on in a later round: a notice
 * the crash swallowed is asked again.
 */
import type { ChildServer } from '../support/child-server.js';
import { type DirectLineCustomer, http } from '../support/dl-customer.js';

export interface Journey {
  conversationId: string;
  token: string;
  ticketId: string;
  /** Tags this customer's lines, e.g. `r3 c7`. */
  label: string;
  /** The last answer to the team's question the bot thanked for: it must be on the ticket. */
  answer?: string;
  /** Answers posted (200) that the bot never thanked for: the kill came before its turn. */
  answersUnthanked: number;
  /** The NPS score the bot thanked for: it must be in the ticket's history. */
  nps?: number;
  /** Nothing more to do: thanked for an NPS score, or the questions were lost for good. */
  done: boolean;
}

/** What a customer says in a journey: post, remember it as acknowledged, wait for the bot's reply to it. */
export type Say = (text: string) => Promise<{ posted: boolean; reply: string }>;

export const isTeamQuestion = (text: string) => /our team needs something from you[\s\S]*Please reply here/.test(text);

/** One journey's steps while the server is up (at most `maxSteps`, so a stuck one ends). */
export async function continueJourney(server: ChildServer, journey: Journey, client: DirectLineCustomer, say: Say, agentCookie: string, stop: { now: boolean }, maxSteps = 12): Promise<void> {
  const headers = { cookie: agentCookie, origin: server.url };
  const ticketUrl = `${server.url}/api/tickets/${journey.ticketId}`;
  for (let step = 0; step < maxSteps && !stop.now && !journey.done; step += 1) {
    const last = lastBotText(client);
    if (isTeamQuestion(last)) {
      const text = `it was the blue one (${journey.label} s${step})`;
      const { posted, reply } = await say(text);
      if (!posted) return;
      if (/added that to ticket/.test(reply)) journey.answer = text;
      else journey.answersUnthanked += 1;
    } else if (/Please rate us from 1/.test(last)) {
      if (!(await say('5')).posted) return;
    } else if (/anything you would like to add/.test(last)) {
      if (!(await say('No, thanks')).posted) return;
    } else if (/recommend us to a friend/.test(last)) {
      const score = (journey.label.length + step) % 11;
      const { posted, reply } = await say(String(score));
      if (!posted) return;
      if (/Thank you for telling us/.test(reply)) {
        journey.nps = score;
        journey.done = true;
      }
    } else {
      // Nothing asked of the customer: the agent moves the ticket on, and the customer waits for the news.
      const ticket = await http(ticketUrl, 'GET', { headers, timeoutMs: 5000 });
      if (ticket.status !== 200) return;
      const status = ticket.body.status as string;
      const heard = botMessageCount(client);
      if (journey.answer === undefined) {
        // A question a crash swallowed (the ticket waits, the customer never heard) is asked afresh.
        if (status === 'waiting_customer' && (await http(ticketUrl, 'PATCH', { headers, body: { status: 'in_progress' }, timeoutMs: 5000 })).status !== 200) return;
        if ((await http(ticketUrl, 'PATCH', { headers, body: { status: 'waiting_customer', question: `Which colour was it? (${journey.label})` }, timeoutMs: 5000 })).status !== 200) return;
      } else if (status !== 'resolved' && status !== 'closed') {
        if ((await http(ticketUrl, 'PATCH', { headers, body: { status: 'resolved', resolution: 'We are sending a new one.' }, timeoutMs: 5000 })).status !== 200) return;
      } else {
        // Resolved, and the rating or NPS question was lost with a crash (NPS is asked once a month): the end.
        journey.done = true;
        return;
      }
      await until(() => botMessageCount(client) > heard || client.closed || stop.now, 3000);
    }
  }
}

function botMessages(client: DirectLineCustomer) {
  return client.transcript.filter((activity) => activity.from.role === 'bot' && activity.type === 'message');
}

const botMessageCount = (client: DirectLineCustomer) => botMessages(client).length;
const lastBotText = (client: DirectLineCustomer) => botMessages(client).at(-1)?.text ?? '';

export async function until(done: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!done() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 5));
}

/** What the ticket must hold after a restart: the thanked answer and the thanked NPS score. */
export function journeyLosses(journey: Journey, ticket: { history?: { action: string; text?: string; to?: string }[] } | undefined): string[] {
  const history = ticket?.history ?? [];
  const lost: string[] = [];
  if (journey.answer !== undefined && !history.some((entry) => entry.action === 'answer' && entry.text === journey.answer)) lost.push(`${journey.ticketId}: answer "${journey.answer}"`);
  if (journey.nps !== undefined && !history.some((entry) => entry.action === 'nps' && entry.to === String(journey.nps))) lost.push(`${journey.ticketId}: NPS ${journey.nps}`);
  return lost;
}
