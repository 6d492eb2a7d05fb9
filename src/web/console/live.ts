import { t } from './i18n.js';
import { awaitsMyReply, type Line, state, waitingLive } from './state.js';

export interface LiveHandlers {
  hello(data: { agentsOnline: number }): void;
  queue(data: { event: string; conversationId: string; toAgentId?: string; byAgentId?: string; byAgentName?: string }): void;
  activity(data: { conversationId: string; activity: any }): void;
  typing(data: { conversationId: string }): void;
  customer(data: { conversationId: string; customerId: string }): void;
  ticket(data: { ticketId: string; conversationId?: string }): void;
  presence(data: { agentsOnline: number }): void;
  signedOut(): void;
  /** The feed dropped (Parley restarting, the network gone); the browser keeps retrying, and `hello` says it is back. */
  lost(): void;
}

/** The live feed (`/api/events`). The browser reconnects by itself; `hello` says it is back. */
export function connectLive(handlers: LiveHandlers): () => void {
  const source = new EventSource('/api/events', { withCredentials: true });
  const on = (name: string, handle: (data: any) => void) => source.addEventListener(name, (event) => handle(JSON.parse((event as MessageEvent<string>).data)));
  on('hello', handlers.hello);
  on('queue', handlers.queue);
  on('activity', handlers.activity);
  on('typing', handlers.typing);
  on('customer', handlers.customer);
  on('ticket', handlers.ticket);
  on('presence', handlers.presence);
  source.addEventListener('error', () => handlers.lost());
  on('signed-out', () => {
    source.close();
    handlers.signedOut();
  });
  return () => source.close();
}

/**
 * Every new line of one conversation as it is stored, the bot's replies included
 * (`/api/conversations/:id/live`): the main feed carries lines only for chats with the agents.
 * After a reconnect the browser asks from `after` again; lines already shown are skipped.
 */
export function watchConversation(id: string, after: number, onLines: (lines: Line[]) => void): () => void {
  const source = new EventSource(`/api/conversations/${encodeURIComponent(id)}/live?after=${after}`, { withCredentials: true });
  source.addEventListener('activities', (event) => onLines((JSON.parse((event as MessageEvent<string>).data) as { activities: Line[] }).activities));
  source.addEventListener('signed-out', () => source.close());
  return () => source.close();
}

/**
 * The page title counts the agent's chats whose customer wrote last (waiting for their answer)
 * and the customers waiting live, so a background tab shows both at a glance: a customer writing in a
 * chat the agent holds, while they work in another tab or another chat, is not missed.
 */
export function updateTitle(): void {
  // Customers waiting live: a chat that became a ticket is in the Waiting tab, but nobody is watching it.
  const waiting = state.lists.waiting.filter(waitingLive).length;
  const toAnswer = state.lists.active.filter(awaitsMyReply).length;
  const base = [toAnswer > 0 ? `${t('toAnswer', { n: toAnswer })} ·` : '', waiting > 0 ? `(${waiting})` : '', t('title')].filter(Boolean).join(' ');
  document.title = Date.now() < state.flashUntil ? `● ${t('newChat')} — ${base}` : base;
}

const FLASH_MS = 4000;

/** A new waiting chat: the title says so for a few seconds and, if the agent turned it on, a short chime. */
export function notifyNewChat(): void {
  state.flashUntil = Date.now() + FLASH_MS;
  updateTitle();
  setTimeout(updateTitle, FLASH_MS + 50);
  if (state.sound) chime();
}

/** The customer of a chat this agent holds wrote while the agent looks at another: chime (if on). */
export function notifyCustomerWrote(): void {
  if (state.sound) chime();
}

function chime(): void {
  try {
    const audio = new AudioContext();
    const tone = audio.createOscillator();
    const gain = audio.createGain();
    tone.frequency.value = 880;
    gain.gain.setValueAtTime(0.15, audio.currentTime);
    gain.gain.exponentialRampToValueAtTime(0.001, audio.currentTime + 0.4);
    tone.connect(gain).connect(audio.destination);
    tone.start();
    tone.stop(audio.currentTime + 0.4);
  } catch {
    // No audio (autoplay policy, no device): the title badge still tells.
  }
}
