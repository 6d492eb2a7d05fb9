import { ticketLabels } from '../shared/ticket-labels.js';

/** The console speaks English and Chinese; the agent's choice is kept in the browser. */
export type UiLanguage = 'en' | 'zh';

const strings = {
  title: { en: 'Parley agent console', zh: 'Parley 客服工作台' },
  signIn: { en: 'Sign in', zh: '登录' },
  email: { en: 'E-mail', zh: '邮箱' },
  password: { en: 'Password', zh: '密码' },
  signOut: { en: 'Sign out', zh: '退出' },
  signedOut: { en: 'You were signed out. Please sign in again.', zh: '您已退出登录，请重新登录。' },
  waiting: { en: 'Waiting', zh: '排队中' },
  active: { en: 'Active', zh: '进行中' },
  recent: { en: 'Bot', zh: '机器人' },
  closed: { en: 'Closed', zh: '已结束' },
  emptyQueue: { en: 'No one is waiting. New chats appear here.', zh: '暂无排队，新的会话会出现在这里。' },
  pickConversation: { en: 'Pick a conversation from the queue.', zh: '请从左侧队列选择一个会话。' },
  claim: { en: 'Claim', zh: '接入' },
  release: { en: 'Hand back to bot', zh: '交还机器人' },
  close: { en: 'Close', zh: '结束' },
  passTo: { en: 'Pass to…', zh: '转交给…' },
  passMenu: { en: 'Pass this chat to', zh: '把这个对话转交给' },
  passToQueue: { en: 'Back to the queue', zh: '放回排队' },
  noColleagueOnline: { en: 'No colleague online', zh: '暂无其他同事在线' },
  passedToYou: { en: '{agent} passed you a chat: it is yours now.', zh: '{agent} 把一个对话转交给了您，现在由您接待。' },
  passedToYouHere: { en: '{agent} passed you this chat: it is yours now.', zh: '{agent} 把这个对话转交给了您，现在由您接待。' },
  openPassed: { en: 'Open', zh: '打开' },
  dismiss: { en: 'Dismiss', zh: '知道了' },
  send: { en: 'Send', zh: '发送' },
  reply: { en: 'Reply', zh: '回复' },
  note: { en: 'Private note', zh: '内部备注' },
  replyPlaceholder: { en: 'Reply to the customer — Enter to send, Shift+Enter for a new line', zh: '回复客户：Enter 发送，Shift+Enter 换行' },
  notePlaceholder: { en: 'Note for the team — never shown to the customer', zh: '团队内部备注，客户看不到' },
  claimFirst: { en: 'Claim the conversation to reply.', zh: '请先接入会话再回复。' },
  closedNoReply: { en: 'This chat is closed. If the customer writes again, the bot answers and you can claim it.', zh: '该对话已结束。客户再发消息时由机器人接待，您可以再接入。' },
  claimedFirst: { en: '{agent} took this chat a moment before you.', zh: '{agent} 刚刚先接入了这个对话。' },
  heldByOther: { en: '{agent} has this chat; only they can reply.', zh: '该对话由 {agent} 接待，只有 TA 可以回复。' },
  newerChat: { en: 'This customer is in a newer chat now.', zh: '该客户正在一个更新的对话中。' },
  openNewerChat: { en: 'Open it', zh: '打开' },
  customerLeft: { en: 'The customer started a new chat: what you write here no longer reaches them.', zh: '客户已开始新的对话：在这里发送的消息客户看不到了。' },
  customerLeftBadge: { en: 'customer left', zh: '客户已离开' },
  turnedIntoTicket: { en: 'Turned into ticket {id}', zh: '已转为工单 {id}' },
  timedOutBadge: { en: 'Timed out', zh: '等待超时' },
  ticketedGroup: { en: 'No longer waiting live · saved as tickets', zh: '已不在线等待 · 已转为工单' },
  ticketedCount: { en: '{n} no longer waiting live, saved as tickets', zh: '{n} 个已不在线等待，已转为工单' },
  turnedIntoTicketWhy: {
    en: 'Nobody took this chat in time: the customer was told, and it was saved as a ticket. You can still take it.',
    zh: '无人及时接入：已告知客户，并保存为工单。您仍可接入这个对话。',
  },
  customerLeftNoReply: { en: 'The customer has left this chat: a reply would not reach them. Write a private note, file a ticket, or close the chat.', zh: '客户已离开这个对话，回复客户看不到。可以写内部备注、创建工单或结束对话。' },
  canned: { en: 'Canned replies…', zh: '快捷回复…' },
  cannedSuggested: { en: 'Suggested for this chat', zh: '与本对话相关' },
  queue: { en: 'Queue', zh: '会话队列' },
  conversation: { en: 'Conversation', zh: '会话' },
  transcript: { en: 'Transcript', zh: '对话记录' },
  composeAs: { en: 'Send as', zh: '发送方式' },
  replyLabel: { en: 'Reply to the customer', zh: '回复客户' },
  moodChart: { en: 'Mood of the last {n} messages, oldest first: {moods}', zh: '最近 {n} 条消息的情绪（从早到晚）：{moods}' },
  moodChartCaption: { en: 'Last {n} messages, oldest to newest', zh: '最近 {n} 条消息，从早到晚' },
  listSeparator: { en: ', ', zh: '、' },
  moodNow_negative: { en: 'Upset', zh: '不满' },
  moodNow_neutral: { en: 'Neutral', zh: '平静' },
  moodNow_positive: { en: 'Happy', zh: '满意' },
  trend_worsening: { en: 'getting worse', zh: '越来越差' },
  trend_steady: { en: 'steady', zh: '平稳' },
  trend_improving: { en: 'getting better', zh: '正在好转' },
  service_negative: { en: 'poor', zh: '较差' },
  service_neutral: { en: 'so-so', zh: '一般' },
  service_positive: { en: 'good', zh: '良好' },
  typing: { en: 'Customer is typing…', zh: '客户正在输入…' },
  customer: { en: 'Customer', zh: '客户' },
  bot: { en: 'Bot', zh: '机器人' },
  system: { en: 'System', zh: '系统' },
  agent: { en: 'Agent', zh: '客服' },
  noConsent: { en: 'Not kept: the customer has not agreed to profiling, so only their mood in this chat is shown.', zh: '客户未同意个性化服务，不保存情绪记录，只显示本次对话的情绪。' },
  reconnecting: { en: 'Connection lost: reconnecting… (new chats and messages wait until then)', zh: '连接已断开，正在重连…（重连前不会收到新会话和消息）' },
  confirmClose: { en: 'Close this chat? The customer is told it has ended.', zh: '确定结束这个对话吗？客户会收到对话已结束的通知。' },
  signOutHolding: { en: 'You have {n} chats open. Signing out puts them back in the queue for another agent. Sign out?', zh: '您还有 {n} 个进行中的对话。退出后这些对话会重新排队，由其他客服接待。确定退出吗？' },
  signOutHoldingAlone: {
    en: 'You have {n} chats open, and no other agent is online: signing out saves them as tickets for your team. Sign out?',
    zh: '您还有 {n} 个进行中的对话，且没有其他客服在线：退出后这些对话会保存为工单，留给团队处理。确定退出吗？',
  },
  signOutHoldingOneAlone: {
    en: 'You have a chat open, and no other agent is online: signing out saves it as a ticket for your team. Sign out?',
    zh: '您还有 1 个进行中的对话，且没有其他客服在线：退出后这个对话会保存为工单，留给团队处理。确定退出吗？',
  },
  signOutHoldingOne: { en: 'You have a chat open. Signing out puts it back in the queue for another agent. Sign out?', zh: '您还有 1 个进行中的对话。退出后这个对话会重新排队，由其他客服接待。确定退出吗？' },
  profile: { en: 'Profile', zh: '客户画像' },
  tags: { en: 'Tags', zh: '标签' },
  noTags: { en: 'No tags yet', zh: '暂无标签' },
  mood: { en: 'Mood', zh: '情绪' },
  noMood: { en: 'No mood readings yet', zh: '暂无情绪记录' },
  churnRisk: { en: 'Churn risk', zh: '流失风险' },
  tickets: { en: 'Tickets', zh: '工单' },
  noTickets: { en: 'No tickets', zh: '暂无工单' },
  ticketsShown: { en: 'Show', zh: '显示' },
  needsReply: { en: 'your reply', zh: '待您回复' },
  toAnswer: { en: '{n} to answer', zh: '{n} 个待回复' },
  tooLong: { en: 'A message or note holds up to {n} characters: what went past that was cut, so send the rest in another one.', zh: '每条消息或备注最多 {n} 个字，超出的部分已被截掉，请分条发送。' },
  timesOutIn: { en: 'times out in {n} min', zh: '{n} 分钟后超时' },
  reason_customer_asked: { en: 'asked for a person', zh: '要求转人工' },
  reason_repeated_fallback: { en: 'bot could not answer', zh: '机器人未能解答' },
  reason_urgent_complaint: { en: 'urgent complaint', zh: '紧急投诉' },
  reason_agent_left: { en: 'agent left', zh: '客服已离开' },
  ticketsUnresolved: { en: 'unresolved', zh: '未解决' },
  ticketsAll: { en: 'all', zh: '全部' },
  ticketSearch: { en: 'Find a ticket (T-1001) or customer', zh: '查找工单号（T-1001）或客户' },
  noTicketMatch: { en: 'No ticket matches.', zh: '没有匹配的工单。' },
  createTicket: { en: 'Create ticket from chat', zh: '从对话创建工单' },
  ticketCreated: { en: 'Ticket {id} created', zh: '已创建工单 {id}' },
  notes: { en: 'Private notes', zh: '内部备注' },
  noNotes: { en: 'No notes', zh: '暂无备注' },
  pastConversations: { en: 'Past conversations', zh: '历史会话' },
  noProfile: { en: 'No profile yet for this customer.', zh: '该客户暂无画像。' },
  waitingFor: { en: 'waiting {time}', zh: '已等待 {time}' },
  minutes: { en: '{n} min', zh: '{n} 分钟' },
  hours: { en: '{h} h {m} min', zh: '{h} 小时 {m} 分钟' },
  underAMinute: { en: '< 1 min', zh: '不到 1 分钟' },
  agentsOnline: { en: '{n} agents online', zh: '{n} 位客服在线' },
  agentOnline: { en: '1 agent online', zh: '1 位客服在线' },
  sound: { en: 'Sound', zh: '提示音' },
  heldBy: { en: 'with {agent}', zh: '由 {agent} 接待' },
  rated: { en: 'Rated {score}/5', zh: '评分 {score}/5' },
  ticketNote: { en: 'ticket {id}', zh: '工单 {id}' },
  language: { en: 'Language', zh: '语言' },
  status_waiting: { en: 'waiting', zh: '排队中' },
  status_active: { en: 'active', zh: '人工接待' },
  status_bot: { en: 'bot', zh: '机器人' },
  status_closed: { en: 'closed', zh: '已结束' },
  ticketDue: { en: 'due {at}', zh: '{at} 前处理' },
  resolution: { en: 'Resolution (sent to the customer)', zh: '处理结果（会发送给客户）' },
  rootCause: { en: 'Root cause (internal)', zh: '问题根因（仅内部可见）' },
  resolve: { en: 'Resolve', zh: '标记已解决' },
  question: { en: 'What do you need from the customer? (sent to them)', zh: '需要客户补充什么？（会发送给客户）' },
  resolvedWith: { en: 'resolution: {resolution}', zh: '处理结果：{resolution}' },
  askCustomer: { en: 'Ask the customer', zh: '发送给客户' },
  assignedTo: { en: 'owner {name}', zh: '负责人 {name}' },
  ticketHistory: { en: 'History ({n})', zh: '处理记录（{n}）' },
  ticketCsat: { en: 'customer rated {score}/5', zh: '客户评分 {score}/5' },
  by_customer: { en: 'customer', zh: '客户' },
  by_bot: { en: 'bot', zh: '机器人' },
  by_system: { en: 'system', zh: '系统' },
  history_created: { en: 'filed: {text}', zh: '登记：{text}' },
  history_status: { en: 'status {from} → {to}', zh: '状态 {from} → {to}' },
  history_priority: { en: 'priority {from} → {to}', zh: '优先级 {from} → {to}' },
  history_assignee: { en: 'owner → {to}', zh: '负责人 → {to}' },
  history_note: { en: 'note: {text}', zh: '备注：{text}' },
  history_question: { en: 'asked the customer: {text}', zh: '询问客户：{text}' },
  history_answer: { en: 'customer answered: {text}', zh: '客户回复：{text}' },
  history_resolution: { en: 'resolution: {text}', zh: '处理结果：{text}' },
  history_root_cause: { en: 'root cause: {text}', zh: '根因：{text}' },
  history_csat: { en: 'rated {to}/5 {text}', zh: '评分 {to}/5 {text}' },
  history_nps: { en: 'would recommend us: {to}/10', zh: '推荐意愿：{to}/10' },
  history_overdue: { en: 'went past its due time', zh: '已超过处理时限' },
  contactLine: { en: 'Last contact {when} · contacts in 30 days: {recent} · conversations: {total}', zh: '上次联系 {when} · 近 30 天联系 {recent} 次 · 共 {total} 次会话' },
  contactLineNoRecent: { en: 'Last contact {when} · conversations: {total}', zh: '上次联系 {when} · 共 {total} 次会话' },
  contactToday: { en: 'today', zh: '今天' },
  contactDaysAgo: { en: '{n} days ago', zh: '{n} 天前' },
  temperatureLine: { en: 'This chat overall: {label} · service {service}', zh: '本次会话整体：{label} · 服务{service}' },
  temperatureScores: { en: 'temperature {score} · mood {emotion}, service {service}', zh: '温度 {score} · 情绪 {emotion}，服务 {service}' },
  npsLine: { en: 'Would recommend us: {score}/10 ({kind})', zh: '推荐意愿：{score}/10（{kind}）' },
  nps_promoter: { en: 'promoter', zh: '推荐者' },
  nps_passive: { en: 'passive', zh: '中立者' },
  nps_detractor: { en: 'detractor', zh: '贬损者' },
  temperature_cold: { en: 'cold', zh: '冷' },
  temperature_cool: { en: 'cool', zh: '温' },
  temperature_warm: { en: 'warm', zh: '暖' },
  ticketDescription: { en: 'What happened', zh: '问题描述' },
  priority: { en: 'Priority', zh: '优先级' },
  ticketStatus: { en: 'Status', zh: '状态' },
  category: { en: 'Category', zh: '类别' },
  auto: { en: 'automatic', zh: '自动判断' },
  fileTicket: { en: 'Create ticket', zh: '创建工单' },
  cancel: { en: 'Cancel', zh: '取消' },
  ticketOverdue: { en: 'overdue', zh: '已超时' },
  priority_urgent: { en: 'urgent', zh: '紧急' },
  priority_high: { en: 'high', zh: '高' },
  priority_normal: { en: 'normal', zh: '普通' },
  priority_low: { en: 'low', zh: '低' },
  mood_negative: { en: 'upset', zh: '不满' },
  mood_neutral: { en: 'neutral', zh: '平静' },
  mood_positive: { en: 'happy', zh: '满意' },
  newChat: { en: 'New chat waiting', zh: '有新的排队会话' },
  error: { en: 'Something went wrong: {message}', zh: '出错了：{message}' },
  ...ticketLabels,
  // A customer's dynamic tags and churn signals, and their evidence (filled from the API's `facts`).
  tag_frustrated: { en: 'frustrated', zh: '情绪不满' },
  'tag_repeat-complainer': { en: 'repeat complainer', zh: '多次投诉' },
  'tag_at-risk': { en: 'at risk', zh: '流失风险' },
  tag_silent: { en: 'silent', zh: '沉默' },
  tag_happy: { en: 'happy', zh: '满意' },
  tag_vip: { en: 'VIP', zh: 'VIP' },
  tagWhy_frustrated: { en: 'upset on the whole over {messages} messages', zh: '近 {messages} 条消息总体情绪不满' },
  'tagWhy_repeat-complainer': { en: '{count} complaints in the last 30 days', zh: '近 30 天投诉 {count} 次' },
  'tagWhy_at-risk': { en: 'churn risk {risk}', zh: '流失风险 {risk}' },
  tagWhy_silent: { en: 'last contact {days} days ago, temperature {temperature}', zh: '{days} 天未联系，上次会话温度 {temperature}' },
  tagWhy_happy: { en: 'happy on the whole over {messages} messages', zh: '近 {messages} 条消息总体情绪满意' },
  'tagWhy_vip-admin': { en: 'set by an admin on {date}', zh: '管理员于 {date} 设置' },
  'tagWhy_vip-site': { en: 'set by the host site on {date}', zh: '网站于 {date} 设置（已签名）' },
  signalLine: { en: '{name}: {why}', zh: '{name}：{why}' },
  'signal_falling-sentiment': { en: 'mood falling', zh: '情绪下滑' },
  'signal_repeated-complaints': { en: 'repeated complaints', zh: '多次投诉' },
  'signal_unresolved-tickets': { en: 'unresolved tickets', zh: '工单未解决' },
  'signal_overdue-tickets': { en: 'overdue tickets', zh: '工单超时' },
  'signal_cancel-intent': { en: 'wants to cancel', zh: '想要取消' },
  'signal_low-csat': { en: 'low satisfaction', zh: '满意度低' },
  'signal_silence-after-bad-experience': { en: 'silent after a bad experience', zh: '不愉快后沉默' },
  'signalWhy_falling-sentiment': { en: 'lower in the latest messages than before', zh: '最近几条消息比之前低落' },
  'signalWhy_repeated-complaints': { en: '{count} complaints in 30 days', zh: '30 天内投诉 {count} 次' },
  'signalWhy_unresolved-tickets': { en: '{tickets}', zh: '{tickets}' },
  'signalWhy_overdue-tickets': { en: '{tickets}', zh: '{tickets}' },
  'signalWhy_cancel-intent': { en: 'asked {count}× in 30 days', zh: '30 天内提出 {count} 次' },
  'signalWhy_low-csat': { en: 'last rating {score}/5', zh: '最近一次评分 {score}/5' },
  'signalWhy_silence-after-bad-experience': { en: 'no contact for {days} days', zh: '{days} 天未联系' },
} satisfies Record<string, Record<UiLanguage, string>>;

export type StringKey = keyof typeof strings;

let current: UiLanguage = (localStorage.getItem('parley.console.lang') as UiLanguage | null) ?? (navigator.language.startsWith('zh') ? 'zh' : 'en');

export function language(): UiLanguage {
  return current;
}

export function setLanguage(next: UiLanguage): void {
  current = next;
  localStorage.setItem('parley.console.lang', next);
  document.documentElement.lang = next === 'zh' ? 'zh-CN' : 'en';
}

export function t(key: StringKey, params: Record<string, string | number> = {}): string {
  return strings[key][current].replace(/\{(\w+)\}/g, (whole, name: string) => String(params[name] ?? whole));
}

/** A key built at run time (status, priority, mood), falling back to the raw value. */
export function tOr(key: string, fallback: string, params: Record<string, string | number> = {}): string {
  return key in strings ? t(key as StringKey, params) : fallback;
}

export function since(iso: string | null | undefined, now = Date.now()): string {
  if (!iso) return '';
  const minutes = Math.floor((now - Date.parse(iso)) / 60_000);
  if (minutes < 1) return t('underAMinute');
  return minutes < 60 ? t('minutes', { n: minutes }) : t('hours', { h: Math.floor(minutes / 60), m: minutes % 60 });
}

/** A clock time in the console's language. */
export function clockTime(iso: string): string {
  return new Date(iso).toLocaleTimeString(current === 'zh' ? 'zh-CN' : 'en-GB', { hour: '2-digit', minute: '2-digit' });
}

/** When something happened: the clock time today, with the date on other days. */
export function whenAt(iso: string, now = new Date()): string {
  const at = new Date(iso);
  if (at.toDateString() === now.toDateString()) return clockTime(iso);
  return at.toLocaleString(current === 'zh' ? 'zh-CN' : 'en-GB', { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });
}
