/**
 * Every piece of UI text the widget shows, in English and Chinese (Simplified, and Traditional
 * for zh-TW, zh-HK and zh-Hant pages). Message text comes from the server.
 */
export type Language = 'en' | 'zh' | 'zh-Hant';

const en = {
  title: 'Customer service',
  open: 'Open chat',
  close: 'Close chat',
  unread: (n: number) => (n === 1 ? '1 unread message' : `${n} unread messages`),
  // The header while the bot answers: a person's reply is promised only while the team is online.
  teamOnline: 'Our team is online and usually replies in minutes',
  teamAway: 'Our team is away: ask the assistant, or leave us a message',
  /** Before the server has said (or an older server that does not). */
  assistantReplies: 'Our assistant replies right away',
  waitingForAgent: 'Waiting for an agent to join',
  messagesKept: 'Our team will reply here',
  withAgent: 'Chatting with our team',
  backToAssistant: 'Back to the assistant',
  ratherAssistant: 'Rather ask the assistant?',
  tooLong: (n: number) => `A message holds up to ${n.toLocaleString('en')} characters: send the rest in another one.`,
  connecting: 'Connecting…',
  offlineStatus: 'Offline',
  offline: "You're offline. We'll send your messages when you're back.",
  unreachableStatus: 'Reconnecting…',
  unreachable: "We can't reach our chat right now. We keep trying, and your messages go out as soon as we're back.",
  log: 'Conversation',
  message: 'Message',
  placeholder: 'Type your message…',
  send: 'Send',
  you: 'You',
  agent: 'Agent',
  sending: 'Sending…',
  queued: 'Not sent yet: goes out once we reconnect',
  sent: 'Sent',
  failed: 'Not sent.',
  retry: 'Retry',
  typing: 'Typing…',
  helpful: 'Helpful',
  notHelpful: 'Not helpful',
  sound: 'Sound for new replies',
  newChat: 'Start a new conversation',
  newChatConfirm: 'Start a new conversation? This one will no longer show here.',
  consent: 'Use my chats to personalise service',
  privacy: 'Privacy policy',
  replies: 'Suggested replies',
};

const zh: typeof en = {
  title: '在线客服',
  open: '打开聊天',
  close: '关闭聊天',
  unread: (n) => `${n} 条未读消息`,
  teamOnline: '客服在线，通常几分钟内回复',
  teamAway: '客服暂时不在线，您可以先问智能客服，或给我们留言',
  assistantReplies: '智能客服即时回复',
  waitingForAgent: '正在等待人工客服接入',
  messagesKept: '客服会在这里回复您',
  withAgent: '人工客服为您服务中',
  backToAssistant: '返回智能客服',
  ratherAssistant: '想继续问智能客服？',
  tooLong: (n) => `每条消息最多 ${n} 个字，其余内容请分条发送。`,
  connecting: '正在连接…',
  offlineStatus: '离线',
  offline: '网络已断开。恢复连接后会自动发送您的消息。',
  unreachableStatus: '正在重新连接…',
  unreachable: '暂时连不上客服系统，我们在持续重试；恢复后会自动发送您的消息。',
  log: '对话',
  message: '消息',
  placeholder: '请输入消息…',
  send: '发送',
  you: '您',
  agent: '客服',
  sending: '发送中…',
  queued: '尚未发送，重新连接后自动发送',
  sent: '已发送',
  failed: '发送失败。',
  retry: '重试',
  typing: '正在输入…',
  helpful: '有帮助',
  notHelpful: '没有帮助',
  sound: '新消息提示音',
  newChat: '开始新的对话',
  newChatConfirm: '开始新的对话吗？当前对话将不再显示在这里。',
  consent: '允许使用我的聊天记录提供个性化服务',
  privacy: '隐私政策',
  replies: '推荐回复',
};

/** `zh` as the server's converter writes it in Traditional (a test keeps the two in step). */
const zhHant: typeof en = {
  title: '在線客服',
  open: '打開聊天',
  close: '關閉聊天',
  unread: (n) => `${n} 條未讀消息`,
  teamOnline: '客服在線，通常幾分鐘內回覆',
  teamAway: '客服暫時不在線，您可以先問智能客服，或給我們留言',
  assistantReplies: '智能客服即時回覆',
  waitingForAgent: '正在等待人工客服接入',
  messagesKept: '客服會在這裡回覆您',
  withAgent: '人工客服為您服務中',
  backToAssistant: '返回智能客服',
  ratherAssistant: '想繼續問智能客服？',
  tooLong: (n) => `每條消息最多 ${n} 個字，其餘內容請分條發送。`,
  connecting: '正在連接…',
  offlineStatus: '離線',
  offline: '網絡已斷開。恢復連接後會自動發送您的消息。',
  unreachableStatus: '正在重新連接…',
  unreachable: '暫時連不上客服系統，我們在持續重試；恢復後會自動發送您的消息。',
  log: '對話',
  message: '消息',
  placeholder: '請輸入消息…',
  send: '發送',
  you: '您',
  agent: '客服',
  sending: '發送中…',
  queued: '尚未發送，重新連接後自動發送',
  sent: '已發送',
  failed: '發送失敗。',
  retry: '重試',
  typing: '正在輸入…',
  helpful: '有幫助',
  notHelpful: '沒有幫助',
  sound: '新消息提示音',
  newChat: '開始新的對話',
  newChatConfirm: '開始新的對話嗎？當前對話將不再顯示在這裡。',
  consent: '允許使用我的聊天記錄提供個性化服務',
  privacy: '隱私政策',
  replies: '推薦回覆',
};

export type Strings = typeof en;

export const strings: Record<Language, Strings> = { en, zh, 'zh-Hant': zhHant };

/** `zh-TW`, `zh-HK`, `zh-MO`, `zh-Hant…` read Traditional; other `zh…` Simplified; anything else English. */
export function languageOf(tag: string | undefined | null): Language {
  const trimmed = tag?.trim() ?? '';
  if (/^zh[-_](tw|hk|mo|hant)\b/i.test(trimmed)) return 'zh-Hant';
  return /^zh\b/i.test(trimmed) ? 'zh' : 'en';
}

/** The locale sent with messages (the server answers zh-TW in Traditional) and used for times. */
export const localeOf = (language: Language): string => ({ en: 'en-US', zh: 'zh-CN', 'zh-Hant': 'zh-TW' })[language];
