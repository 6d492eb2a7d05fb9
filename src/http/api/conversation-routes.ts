import { z } from 'zod';
import type { ConversationLog, ConversationRepository } from '../../conversations/index.js';
import type { AgentRef, ConversationSummaries, HandoffService, NotesRepository } from '../../handoff/index.js';
import { byUrgency } from '../../handoff/index.js';
import type { Intent } from '../../kb/index.js';
import { canonicalText } from '../../nlu/normalize.js';
import type { Recognizer } from '../../nlu/types.js';
import { traditionalConverter } from '../../nlu/traditional.js';
import { badRequest, conflict } from '../../errors.js';
import type { PublicUser, UserService } from '../../users/index.js';
import { requireUser } from '../auth.js';
import { parse } from '../validate.js';
import type { ApiRouter } from './route-table.js';

export const conversationIdSchema = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'not a conversation id');
const listSchema = z.object({ status: z.enum(['waiting', 'active', 'bot', 'closed']).optional() });
const textSchema = z.object({ text: z.string().trim().min(1, 'text must not be empty').max(4000, 'text must be at most 4000 characters') });
/** Pass a chat on: to a colleague (their user id) or back to the queue. */
const transferSchema = z.object({ to: z.string().trim().min(1, 'to must be "queue" or a colleague\'s user id').max(64, 'to must be "queue" or a colleague\'s user id') });
const cannedSchema = z.object({
  language: z.enum(['en', 'zh']).default('en'),
  q: z.string().max(200).optional(),
  /** For a customer who reads Traditional Chinese: the replies converted. */
  script: z.enum(['simplified', 'traditional']).default('simplified'),
  /** The chat the agent is answering: with no search, the answers to what its customer asked come first. */
  conversation: conversationIdSchema.optional(),
});

/** Without a status filter, the list shows this many of the most recent conversations. */
const LIST_LIMIT = 100;
const CANNED_LIMIT = 30;

export interface ConversationRouteDeps {
  handoff: HandoffService;
  conversations: Pick<ConversationRepository, 'get' | 'all'>;
  log: Pick<ConversationLog, 'all' | 'latest'>;
  notes: NotesRepository;
  summaries: ConversationSummaries;
  /** The accounts, to find the colleague a chat is passed to. */
  users: Pick<UserService, 'get'>;
  /** The published knowledge base's intents, for canned replies. */
  intents: () => ReadonlyMap<string, Intent>;
  /** The published knowledge base's recognizer: which answers a chat's questions call for. */
  recognizer: () => Pick<Recognizer, 'recognize'>;
}

const agentOf = (user: PublicUser): AgentRef => ({ id: user.id, name: user.name, canOverride: user.role === 'admin' });

/** The agents' side of a conversation: queue, transcript, claim, reply, notes, pass on, release, close. */
export function addConversationRoutes(api: ApiRouter, deps: ConversationRouteDeps): void {
  api.add('get', '/conversations', 'agent', async (req, res) => {
    const { status } = parse(listSchema, req.query, 'query');
    const all = await deps.conversations.all();
    const matching = status ? all.filter((record) => record.status === status) : all;
    // The queue and the live chats are listed whole, most urgent first; the bot's and the closed
    // ones (thousands, each summarised from its transcript) only the newest hundred.
    const chosen =
      status === 'waiting' || status === 'active'
        ? matching.sort(byUrgency)
        : matching.sort((a, b) => (b.startedAt ?? b.createdAt).localeCompare(a.startedAt ?? a.createdAt) || b.id.localeCompare(a.id)).slice(0, LIST_LIMIT);
    res.json({ conversations: await Promise.all(chosen.map((record) => deps.summaries.summarize(record))) });
  });

  api.add('get', '/conversations/:id', 'agent', async (req, res) => {
    const id = parse(conversationIdSchema, req.params.id, 'id');
    const record = await deps.conversations.get(id);
    const activities = await deps.log.all(id);
    const [summary, notes, queue] = await Promise.all([deps.summaries.summarize(record, activities), deps.notes.of(id), deps.handoff.queueStatus(id)]);
    res.json({ ...summary, handoff: record.handoff ?? null, queue, activities, notes });
  });

  api.add('post', '/conversations/:id/claim', 'agent', async (req, res) => {
    const id = parse(conversationIdSchema, req.params.id, 'id');
    res.json({ conversation: await deps.handoff.claim(id, agentOf(requireUser(res))) });
  });

  api.add('post', '/conversations/:id/release', 'agent', async (req, res) => {
    const id = parse(conversationIdSchema, req.params.id, 'id');
    res.json({ conversation: await deps.handoff.release(id, agentOf(requireUser(res))) });
  });

  api.add('post', '/conversations/:id/transfer', 'agent', async (req, res) => {
    const id = parse(conversationIdSchema, req.params.id, 'id');
    const { to } = parse(transferSchema, req.body, 'body');
    const by = agentOf(requireUser(res));
    res.json({ conversation: await deps.handoff.transfer(id, by, to === 'queue' ? 'queue' : await colleague(deps.users, to)) });
  });

  api.add('post', '/conversations/:id/close', 'agent', async (req, res) => {
    const id = parse(conversationIdSchema, req.params.id, 'id');
    res.json({ conversation: await deps.handoff.close(id, agentOf(requireUser(res))) });
  });

  api.add('post', '/conversations/:id/messages', 'agent', async (req, res) => {
    const id = parse(conversationIdSchema, req.params.id, 'id');
    const { text } = parse(textSchema, req.body, 'body');
    res.status(201).json({ activity: await deps.handoff.reply(id, agentOf(requireUser(res)), text) });
  });

  api.add('post', '/conversations/:id/notes', 'agent', async (req, res) => {
    const id = parse(conversationIdSchema, req.params.id, 'id');
    const { text } = parse(textSchema, req.body, 'body');
    await deps.conversations.get(id);
    res.status(201).json({ note: await deps.notes.add(id, agentOf(requireUser(res)), text) });
  });

  api.add('get', '/canned-replies', 'agent', async (req, res) => {
    const { language, q, script, conversation } = parse(cannedSchema, req.query, 'query');
    const wanted = q ? canonicalText(q) : '';
    const suggested = conversation && !wanted.trim() ? await suggestionsFor(deps, conversation) : [];
    const replies = cannedReplies(deps.intents(), language, wanted, suggested);
    if (language !== 'zh' || script !== 'traditional') return void res.json({ replies });
    const convert = await traditionalConverter();
    res.json({ replies: replies.map((reply) => ({ ...reply, title: convert(reply.title), text: convert(reply.text) })) });
  });
}

/** The agent or admin a chat is passed to; a missing or disabled account is refused by name. */
async function colleague(users: Pick<UserService, 'get'>, id: string): Promise<AgentRef> {
  const user = await users.get(id);
  if (!user) throw badRequest('no_such_colleague', `no agent or admin has the id ${id}`);
  if (user.disabled) throw conflict('colleague_disabled', `${user.name}'s account is disabled`);
  return agentOf(user);
}

/** A chat's latest customer messages read for suggestions, and how sure the recognizer must be of one. */
const SUGGEST_FROM_MESSAGES = 3;
const SUGGEST_MIN_SCORE = 0.2;
const SUGGESTIONS = 3;

/**
 * The intents whose answers the chat's latest customer messages call for, the newest message's
 * first: what the recognizer makes of each, less small talk ("thanks" is no reply to suggest) and
 * the intents that start one of the bot's flows (a complaint, a handoff: their lines are the bot's).
 */
async function suggestionsFor(deps: Pick<ConversationRouteDeps, 'log' | 'intents' | 'recognizer'>, conversationId: string): Promise<string[]> {
  const asked = await deps.log.latest(conversationId, SUGGEST_FROM_MESSAGES, (activity) => activity.type === 'message' && activity.from?.role === 'user' && typeof activity.text === 'string' && activity.text.trim() !== '');
  const intents = deps.intents();
  const recognizer = deps.recognizer();
  const found = new Set<string>();
  for (const message of asked) {
    for (const { intent, score } of recognizer.recognize(String(message.text)).alternatives) {
      const known = intents.get(intent);
      if (score >= SUGGEST_MIN_SCORE && known?.title && !known.dialog && known.category !== 'smalltalk') found.add(intent);
    }
  }
  return [...found].slice(0, SUGGESTIONS);
}

/**
 * The knowledge base's answers as ready-made replies, in one language. A search matches an answer
 * holding each of its words (in the title, the intent's name or the answer); all of them in the
 * title or name ranks it first. Without a search, the `suggested` intents' answers lead, marked.
 */
function cannedReplies(intents: ReadonlyMap<string, Intent>, language: 'en' | 'zh', query: string, suggested: readonly string[] = []) {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  const ranked: { rank: number; reply: { intent: string; title: string; text: string; suggested?: true } }[] = [];
  for (const intent of intents.values()) {
    const title = intent.title?.[language] ?? intent.utterances[language][0] ?? intent.name;
    const named = `${intent.name} ${title}`.toLowerCase();
    const suggestion = suggested.indexOf(intent.name);
    for (const text of intent.answers[language]) {
      const anywhere = `${named} ${text.toLowerCase()}`;
      if (!words.every((word) => anywhere.includes(word))) continue;
      // A match in the title or the intent's name beats one somewhere in the answer.
      const rank = suggestion >= 0 ? suggestion - SUGGESTIONS : words.every((word) => named.includes(word)) ? 0 : 1;
      ranked.push({ rank, reply: { intent: intent.name, title, text, ...(suggestion >= 0 ? { suggested: true as const } : {}) } });
    }
  }
  return ranked.sort((a, b) => a.rank - b.rank).slice(0, CANNED_LIMIT).map(({ reply }) => reply);
}
