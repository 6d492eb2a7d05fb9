/** A queue line, exactly as `GET /api/conversations` serves it (the type is shared, erased at build). */
import type { ConversationSummary as Summary } from '../../handoff/summaries.js';

export type { Summary };

export interface Line {
  id: string;
  type: string;
  text?: string;
  timestamp: string;
  from: { id: string; name?: string; role?: string };
  channelData?: { parley?: { sender?: string } };
  /** The buttons a bot line offered; the customer's press comes back as a line with the title. */
  suggestedActions?: { actions?: { title?: string }[] };
}

export interface Note {
  id: string;
  at: string;
  agentName: string;
  text: string;
}

export interface Detail extends Summary {
  /** The latest handoff; its rating is the customer's answer after the agent handed back. */
  handoff: { rating?: { score: number; comment?: string } } | null;
  activities: Line[];
  notes: Note[];
  queue: { position: number; expectedWaitMinutes: number };
}

export type QueueTab = 'waiting' | 'active' | 'bot' | 'closed' | 'tickets';

/** A ticket as `GET /api/tickets` lists it, as far as the console's ticket list uses it. */
export interface TicketRow {
  id: string;
  status: string;
  priority: string;
  category: string;
  description: string;
  customerId: string;
  conversationId: string;
  dueAt: string;
  overdue?: boolean;
}

export const state = {
  me: null as { id: string; name: string; role: string } | null,
  /** The queue tab shown; kept across reloads. */
  tab: (['waiting', 'active', 'bot', 'closed', 'tickets'].includes(localStorage.getItem('parley.console.tab') ?? '') ? localStorage.getItem('parley.console.tab') : 'waiting') as QueueTab,
  lists: { waiting: [], active: [], bot: [], closed: [] } as Record<Exclude<QueueTab, 'tickets'>, Summary[]>,
  /** The tickets tab: the tickets listed, which statuses, and what the agent searched for. */
  tickets: [] as TicketRow[],
  ticketFilter: { status: 'unresolved', search: '' },
  selectedId: null as string | null,
  detail: null as Detail | null,
  mode: 'reply' as 'reply' | 'note',
  typingUntil: 0,
  agentsOnline: 0,
  /** The live feed is down: nothing new arrives until it is back. */
  feedDown: false,
  sound: localStorage.getItem('parley.console.sound') === 'on',
  ticketsAvailable: false,
  /** A ticket the agent is resolving: what they typed so far survives the side panel's redraws. */
  resolving: null as { ticketId: string; resolution: string; rootCause: string } | null,
  /** A ticket the agent is moving to "waiting for customer": what they ask the customer. */
  asking: null as { ticketId: string; question: string } | null,
  /** Tickets whose history the agent opened (kept open across the side panel's redraws). */
  openHistories: new Set<string>(),
  /** A ticket the agent is filing from the open chat ('' priority or category: the service assesses it). */
  creating: null as { conversationId: string; description: string; priority: string; category: string } | null,
  /** The open chat's customer is in a newer conversation that is waiting for or with an agent (an old one was opened from their history). */
  newerChatId: null as string | null,
  /** The outcome of the last ticket action, shown in the side panel beside the tickets (not under the composer). */
  sideMessage: null as { text: string; error: boolean } | null,
  /** What the agent had typed in each conversation they left, and in which mode: a draft never follows them to another customer. */
  drafts: new Map<string, { text: string; mode: 'reply' | 'note' }>(),
  /** Until when the title says a new chat is waiting (the queue count is drawn over it otherwise). */
  flashUntil: 0,
  /** The "Pass to…" menu is open on the open chat: the colleagues online when it opened. */
  passing: null as { id: string; name: string }[] | null,
  /** A colleague passed this agent a chat: which, and who (shown until opened or dismissed). */
  passedToMe: null as { conversationId: string; by: string } | null,
  /** Waiting chats the agent has been told about (so each new one notifies once). */
  knownWaiting: new Set<string>(),
};

/** A customer still watching the widget for a person; a waiting chat that timed out became a ticket instead. */
export const waitingLive = (chat: Pick<Summary, 'timedOut'>): boolean => !chat.timedOut;

/** This agent has the chat (claimed, and not handed back). */
export const heldByMe = (chat: Pick<Summary, 'status' | 'agent'>): boolean => chat.status === 'active' && chat.agent?.id === state.me?.id;

/** A chat this agent holds whose last word is the customer's, and whose customer is still there: it waits for their answer. */
export const awaitsMyReply = (chat: Summary): boolean => heldByMe(chat) && chat.lastMessage?.sender === 'customer' && !chat.customerLeft;

export function senderOf(line: Line): 'customer' | 'bot' | 'agent' | 'system' {
  const sender = line.channelData?.parley?.sender;
  if (sender === 'agent' || sender === 'system' || sender === 'bot') return sender;
  return line.from.role === 'bot' ? 'bot' : 'customer';
}
