import type { ConversationRecord } from '../conversations/index.js';
import { languageOfLocale, localeOf } from '../nlu/language.js';
import type { Language } from '../nlu/types.js';
import type { AgentRef } from './types.js';

/**
 * The short notices written into a conversation at each handoff transition, in the
 * conversation's language. The customer sees them as system lines, the agent too.
 */
const lines = {
  requested: { en: 'Waiting for an agent to join the chat…', zh: '正在为您转接人工客服，请稍候…' },
  claimed: { en: '{agent} joined the chat', zh: '客服 {agent} 已加入对话' },
  released: { en: '{agent} left the chat. You are back with Parley, the assistant.', zh: '客服 {agent} 已离开对话，接下来由智能客服 Parley 为您服务。' },
  cancelled: { en: 'You left the queue. You are back with Parley, the assistant.', zh: '您已退出排队，接下来由智能客服 Parley 为您服务。' },
  returned: { en: 'Your chat was handed back to Parley, the assistant.', zh: '您的对话已转回智能客服 Parley。' },
  agentLeft: { en: '{agent} had to leave. You are back in the queue: the next agent will take over.', zh: '客服 {agent} 已离开，您已重新排队，下一位客服会接着为您服务。' },
  // The agent left and nobody else is online: one line, not "back in the queue" then "no agent".
  agentLeftTimeoutTicket: {
    en: '{agent} had to leave, and no other agent is available right now. Your conversation was saved as ticket {ticket}.',
    zh: '客服 {agent} 已离开，暂时没有其他客服可以接待，您的对话已保存为工单 {ticket}。',
  },
  agentLeftTimeout: {
    en: '{agent} had to leave, and no other agent is available right now. Your messages are kept for our team.',
    zh: '客服 {agent} 已离开，暂时没有其他客服可以接待，您的留言会转交给客服团队。',
  },
  transferred: { en: "You're now with {agent}", zh: '现在由客服 {agent} 为您服务' },
  passedToQueue: { en: 'Passing you to a colleague — you keep your place in the queue', zh: '正在为您转接其他客服，您的排队位置保持不变' },
  timeoutTicket: { en: 'No agent is available right now. Your conversation was saved as ticket {ticket}.', zh: '暂时没有客服人员可以接待，您的对话已保存为工单 {ticket}。' },
  timeout: { en: 'No agent is available right now. Your messages are kept for our team.', zh: '暂时没有客服人员可以接待，您的留言会转交给客服团队。' },
  busyTicket: {
    en: 'Our agents are all busy right now. You keep your place in the queue, and your conversation was saved as ticket {ticket}.',
    zh: '客服人员都在忙，您仍在排队中，您的对话已保存为工单 {ticket}。',
  },
  busy: { en: 'Our agents are all busy right now. You keep your place in the queue, and your messages are kept for our team.', zh: '客服人员都在忙，您仍在排队中，您的留言会转交给客服团队。' },
  closed: { en: 'The chat was closed.', zh: '本次对话已结束。' },
  // Written for the agent: the customer started a new conversation and does not see this one.
  customerLeft: { en: 'The customer started a new conversation and no longer sees this chat.', zh: '客户已开始新的对话，看不到这个对话了。' },
} satisfies Record<string, Record<Language, string>>;

export type SystemLine = keyof typeof lines;

export function systemLine(key: SystemLine, language: Language, params: Record<string, string> = {}): string {
  return lines[key][language].replace(/\{(\w+)\}/g, (whole, name: string) => params[name] ?? whole);
}

/** The language system lines and notices use: the customer's latest, else the client's locale. */
export function conversationLanguage(record: Pick<ConversationRecord, 'language' | 'locale'>): Language {
  return record.language ?? languageOfLocale(record.locale);
}

/** A plain-text line of the transcript in `language`, marked with who wrote it for the widget and console. */
function transcriptLine<Parley>(text: string, language: Language, from: { id: string; name: string; role: 'bot' }, parley: Parley) {
  return { type: 'message', text, textFormat: 'plain', locale: localeOf(language), from, channelData: { parley } };
}

/** A system line as the transcript stores it: from Parley, marked `sender: 'system'` for the widget and console. */
export function systemActivity(key: SystemLine, language: Language, params: Record<string, string> = {}) {
  return transcriptLine(systemLine(key, language, params), language, { id: 'parley', name: 'Parley', role: 'bot' }, { sender: 'system', event: key });
}

/** An agent's reply as the transcript stores it: under the agent's name, marked `sender: 'agent'`. */
export function agentActivity(agent: AgentRef, text: string, language: Language) {
  return transcriptLine(text, language, { id: `agent_${agent.id}`, name: agent.name, role: 'bot' }, { sender: 'agent' });
}
