import { ticketLabels } from '../shared/ticket-labels.js';

/** The admin pages speak English and Chinese; the choice is kept in the browser. */
export type UiLanguage = 'en' | 'zh';

const strings = {
  title: { en: 'Parley admin', zh: 'Parley 管理后台' },
  signIn: { en: 'Sign in', zh: '登录' },
  email: { en: 'E-mail', zh: '邮箱' },
  password: { en: 'Password', zh: '密码' },
  signOut: { en: 'Sign out', zh: '退出' },
  sessionEndedEditsKept: {
    en: 'Your session ended. Sign in again to carry on: your unsaved edits are kept.',
    zh: '登录已过期。请重新登录后继续：您未保存的修改会保留。',
  },
  notAdmin: { en: 'This page is for admins.', zh: '此页面仅限管理员。' },
  notAdminHint: {
    en: 'You are signed in as an agent. Chats and tickets are in the agent console; to manage Parley, sign out and sign in as an admin.',
    zh: '您当前以客服身份登录。会话和工单在客服工作台中处理；如需管理 Parley，请退出后用管理员账号登录。',
  },
  toConsole: { en: 'Open the agent console', zh: '打开客服工作台' },
  navIntents: { en: 'Knowledge', zh: '知识库' },
  navVersions: { en: 'Versions', zh: '版本' },
  navUnanswered: { en: 'Unanswered', zh: '未解答问题' },
  navUsers: { en: 'Users', zh: '用户' },
  navDashboard: { en: 'Dashboard', zh: '数据看板' },
  search: { en: 'Search intents…', zh: '搜索意图…' },
  newIntent: { en: 'New intent', zh: '新建意图' },
  noMatch: { en: 'No intent matches.', zh: '没有匹配的意图。' },
  pickIntent: { en: 'Pick an intent on the left, or create one.', zh: '请在左侧选择意图，或新建一个。' },
  name: { en: 'Name', zh: '名称' },
  nameHint: { en: 'snake_case, e.g. gift_cards', zh: '小写加下划线，如 gift_cards' },
  welcomeListNote: { en: 'greets every new chat', zh: '新会话的问候语' },
  offTopicTitle: { en: 'Off-topic questions', zh: '无关问题' },
  chooseIntent: { en: 'Choose an intent…', zh: '选择意图…' },
  noLikelyGuess: {
    en: 'No guess is likely enough to preselect (the bot would not have answered with any of them): choose the intent yourself.',
    zh: '没有足够可信的猜测（机器人不会据此回答），因此未预先选择：请自行选择意图。',
  },
  chooseIntentFirst: { en: 'Choose the intent this question is an example of first.', zh: '请先选择这个问题属于哪个意图。' },
  welcomeHint: {
    en: 'The greeting every new conversation starts with: the bot sends one of its answers, in the language of the page (both when the page does not say), with its quick replies as buttons and its links. It is never recognised from what customers write, so it has no examples; renaming or deleting it brings back the built-in greeting.',
    zh: '每个新会话开头的问候语：机器人按页面语言（页面未指定时两种语言都发）发送其中一条回答，并附上快捷回复按钮和链接。它不会被客户的话触发，所以没有例句；改名或删除后恢复为内置问候语。',
  },
  category: { en: 'Category', zh: '类别' },
  dialog: { en: 'Starts a dialog instead of answering', zh: '改为启动对话流程' },
  none: { en: '(none)', zh: '（无）' },
  english: { en: 'English', zh: '英文' },
  chinese: { en: 'Chinese', zh: '中文' },
  utterances: { en: 'Example utterances (one per line)', zh: '示例问法（每行一个）' },
  answers: { en: 'Answers (one per line)', zh: '回答（每行一个）' },
  quickReplies: { en: 'Quick replies (one per line)', zh: '快捷回复（每行一个）' },
  buttonTitle: { en: 'Button label', zh: '按钮标题' },
  check: { en: 'Check set: held-out questions (one per line)', zh: '检验集：不参与训练的问法（每行一个）' },
  // `{orderPlaceholder}` is filled with the literal `{order}` the admin types into an order's URL.
  links: {
    en: 'Links: URL | English label | Chinese label [| one order\'s URL with {orderPlaceholder}] (one per line)',
    zh: '链接：URL | 英文标题 | 中文标题 [| 单个订单的 URL，订单号写作 {orderPlaceholder}]（每行一个）',
  },
  save: { en: 'Save to draft', zh: '保存到草稿' },
  saved: { en: 'Saved to the draft. Customers see it after you publish.', zh: '已保存到草稿，发布后客户才能看到。' },
  unsavedEdits: { en: 'This intent has changes that are not saved to the draft. Discard them?', zh: '此意图有尚未保存到草稿的修改，确定放弃吗？' },
  intentGone: {
    en: 'Another admin deleted this intent after you opened it, so your save was not applied. Your edits are still here: save them as a new intent to bring it back.',
    zh: '您打开此意图后，其他管理员删除了它，因此您的保存未生效。您的修改仍在这里：另存为新意图即可把它恢复。',
  },
  saveAsNew: { en: 'Save as a new intent', zh: '另存为新意图' },
  reloadIntent: { en: 'Reload this intent (discards your edits)', zh: '重新加载此意图（放弃您的修改）' },
  delete: { en: 'Delete', zh: '删除' },
  confirmDelete: { en: 'Click again to delete', zh: '再次点击确认删除' },
  deleted: { en: 'Deleted from the draft.', zh: '已从草稿中删除。' },
  fixErrors: { en: 'Please fix the fields marked in red.', zh: '请修正标红的字段。' },
  onLine: { en: ' (line {n})', zh: '（第 {n} 行）' },
  onLineLength: { en: ' (line {n} has {length})', zh: '（第 {n} 行有 {length} 个）' },
  fieldNeedsAnswer: { en: 'needs at least one answer', zh: '至少需要一条答案' },
  fieldBadName: { en: 'must be snake_case: a-z, 0-9 and _, 2-64 characters', zh: '只能用小写字母、数字和下划线（snake_case），2–64 个字符' },
  fieldNameTaken: { en: 'another intent has this name; pick another or edit that intent', zh: '已有同名的意图，请换一个名称，或直接编辑那个意图' },
  fieldBadUrl: { en: 'must be an http(s) URL', zh: '必须是 http(s) 网址' },
  tryIt: { en: 'Try it', zh: '试一试' },
  readAs: { en: 'Read as “{text}” (a character typed by its sound, put right)', zh: '按「{text}」理解（已纠正同音错字）' },
  triedOnEarlierDraft: { en: 'Tried before your last change to the knowledge: try it again to see what the draft makes of it now.', zh: '这是知识库上次修改前的结果：再试一次，可看到现在的草稿怎么理解这句话。' },
  tryPlaceholder: { en: 'Type what a customer might say…', zh: '输入客户可能说的话…' },
  draft: { en: 'Draft', zh: '草稿' },
  published: { en: 'Published', zh: '已发布' },
  version: { en: 'Version', zh: '版本' },
  language: { en: 'Language', zh: '语言' },
  sections: { en: 'Sections', zh: '栏目' },
  actionsColumn: { en: 'Actions', zh: '操作' },
  wouldAnswer: { en: 'The bot would answer', zh: '机器人会回答' },
  wouldClarify: { en: 'The bot would ask “Did you mean…?”', zh: '机器人会追问“您是想问…？”' },
  wouldFallback: { en: 'The bot would say it is not sure', zh: '机器人会说没有理解' },
  byButtonLabel: { en: 'This is the button label of {intent}: a tap on it, or these exact words, open {intent} whatever the scores.', zh: '这是 {intent} 的按钮标题：点击它或输入完全相同的文字，都会打开 {intent}，与得分无关。' },
  startsDialog: { en: 'Starts the dialog', zh: '启动对话流程' },
  publish: { en: 'Publish…', zh: '发布…' },
  changes: { en: 'unpublished changes', zh: '项未发布的修改' },
  pendingChange: { en: '1 unpublished change', zh: '1 项未发布的修改' },
  pendingChanges: { en: '{n} unpublished changes', zh: '{n} 项未发布的修改' },
  noChanges: { en: 'The draft is the same as what customers get.', zh: '草稿与线上版本相同。' },
  checking: { en: 'Training and checking the draft…', zh: '正在训练并检查草稿…' },
  warnings: { en: 'Guard rails', zh: '发布检查' },
  noWarnings: { en: 'No warnings.', zh: '没有警告。' },
  warnDuplicate: { en: '“{text}” is an example of {intents}', zh: '“{text}” 同时是 {intents} 的例句' },
  warnFewExamples: { en: '{intent} has {count} {language} example(s); at least {min} are needed', zh: '{intent} 只有 {count} 条{language}例句，至少需要 {min} 条' },
  warnMissingAnswer: { en: '{intent} has no {language} answer', zh: '{intent} 没有{language}答案' },
  warnFewOutOfScope: {
    en: 'Only {count} off-topic {language} example(s) (intent oos): with fewer than {min}, the bot may answer off-topic questions with its nearest intent',
    zh: '只有 {count} 条{language}无关问题例句（意图 oos）：少于 {min} 条时，机器人可能用最接近的意图回答无关问题',
  },
  accuracyBroken: { en: 'Answered right before, wrong with this change (question → now, should be):', zh: '发布前答对、这次修改后答错的问题（问题 → 现在的意图，应为）：' },
  warnAccuracyDrop: { en: 'Check-set accuracy drops from {before} to {after} ({total} check questions)', zh: '检查集准确率从 {before} 降到 {after}（共 {total} 个检查问题）' },
  warnQuickReplyFallback: {
    en: 'The {language} quick reply “{text}” of {intent} answers nothing: a customer who taps it hears “I’m not sure”. Give the intent it should open a matching button label, or reword it.',
    zh: '{intent} 的{language}快捷回复“{text}”没有对应的回答：客户点了会听到“没有理解”。请给它要打开的意图设置相同的按钮标题，或换个说法。',
  },
  warnQuickReplyClarify: {
    en: 'The {language} quick reply “{text}” of {intent} is unclear: a customer who taps it is asked “Did you mean …?”. Give the intent it should open a matching button label, or reword it.',
    zh: '{intent} 的{language}快捷回复“{text}”含义不明确：客户点了会被追问“您是想问…？”。请给它要打开的意图设置相同的按钮标题，或换个说法。',
  },
  warnWrongLanguage: {
    en: 'The {language} {field} “{text}” of {intent} is written in {written}: customers who write in {language} would get it in {written}. Translate it, or move it to the {written} column.',
    zh: '{intent} 的{language}{field}“{text}”是用{written}写的：用{language}提问的客户会收到{written}内容。请译成{language}，或移到{written}一栏。',
  },
  warnWrongLanguageExample: {
    en: 'The {language} example “{text}” of {intent} is written in {written}: it belongs in the {written} column.',
    zh: '{intent} 的{language}示例问法“{text}”是用{written}写的，应放在{written}一栏。',
  },
  wrongField_answers: { en: 'answer', zh: '回答' },
  wrongField_quickReplies: { en: 'quick reply', zh: '快捷回复' },
  wrongField_title: { en: 'button label', zh: '按钮标题' },
  languageEn: { en: 'English', zh: '英文' },
  languageZh: { en: 'Chinese', zh: '中文' },
  note: { en: 'Note (what and why)', zh: '备注（改了什么、为什么）' },
  publishNow: { en: 'Publish now', zh: '立即发布' },
  publishAnyway: { en: 'Publish anyway', zh: '仍然发布' },
  checkAgain: { en: 'Check again', zh: '重新检查' },
  cancel: { en: 'Cancel', zh: '取消' },
  publishedVersion: { en: 'Published version {n}. Customers get it from their next message.', zh: '已发布版本 {n}，客户的下一条消息起生效。' },
  added: { en: 'Added', zh: '新增' },
  removed: { en: 'Removed', zh: '删除' },
  changed: { en: 'Changed', zh: '修改' },
  when: { en: 'When', zh: '时间' },
  created: { en: 'Created', zh: '创建时间' },
  you: { en: 'you', zh: '您' },
  who: { en: 'Who', zh: '操作人' },
  what: { en: 'What changed', zh: '修改内容' },
  current: { en: 'live', zh: '当前' },
  restoredFrom: { en: 'restore of v{n}', zh: '恢复自 v{n}' },
  diff: { en: 'Diff with previous', zh: '与上一版比较' },
  restore: { en: 'Restore', zh: '恢复' },
  confirmRestore: { en: 'Confirm restore of v{n}', zh: '确认恢复 v{n}' },
  confirmRestoreDiscards: { en: 'Confirm restore of v{n}: discards {count} unpublished change(s)', zh: '确认恢复 v{n}：将丢弃 {count} 项未发布的修改' },
  sameAsLive: { en: 'Same as the live version', zh: '与线上版本相同' },
  restored: { en: 'Version {n} is live again (as version {m}).', zh: '版本 {n} 已重新上线（新版本 {m}）。' },
  audit: { en: 'Audit log', zh: '操作日志' },
  seededNote: { en: 'loaded from KNOWLEDGE_DIR', zh: '从 KNOWLEDGE_DIR 载入' },
  summaryAdded: { en: '{count} added ({names})', zh: '新增 {count} 个（{names}）' },
  summaryChanged: { en: '{count} changed ({names})', zh: '修改 {count} 个（{names}）' },
  summaryRemoved: { en: '{count} removed ({names})', zh: '删除 {count} 个（{names}）' },
  listComma: { en: ', ', zh: '、' },
  listSemicolon: { en: '; ', zh: '；' },
  summaryNone: { en: 'no changes', zh: '没有变化' },
  auditSeeded: { en: 'loaded {count} intents from KNOWLEDGE_DIR as version 1', zh: '从 KNOWLEDGE_DIR 载入 {count} 个意图，作为版本 1' },
  auditCreated: { en: 'created {target}', zh: '新建了 {target}' },
  auditSavedUnchanged: { en: 'saved {target} without changing it', zh: '保存了 {target}，内容没有改动' },
  auditUpdated: { en: 'changed {fields} of {target}', zh: '修改了 {target} 的{fields}' },
  auditRenamed: { en: 'renamed {from} to {target}', zh: '将 {from} 改名为 {target}' },
  auditDeleted: { en: 'deleted {target}', zh: '删除了 {target}' },
  auditImported: { en: 'imported the knowledge base from JSON: {count} intents', zh: '从 JSON 导入知识库：{count} 个意图' },
  auditCsv: { en: 'imported utterances from CSV: {changes}', zh: '从 CSV 导入示例问法：{changes}' },
  auditCsvChange: { en: '{intent} ({language}) +{added} −{removed}', zh: '{intent}（{language}）+{added} −{removed}' },
  auditPublished: { en: 'published version {version}: {summary}', zh: '发布了版本 {version}：{summary}' },
  auditRestored: { en: 'restored version {from} as version {version}: {summary}', zh: '将版本 {from} 恢复为版本 {version}：{summary}' },
  auditExample: { en: 'added “{text}” ({language}) as an example of {target}', zh: '将“{text}”（{language}）添加为 {target} 的示例问法' },
  field_name: { en: 'name', zh: '名称' },
  field_category: { en: 'category', zh: '类别' },
  field_utterances: { en: 'examples', zh: '示例问法' },
  field_answers: { en: 'answers', zh: '回答' },
  field_quickReplies: { en: 'quick replies', zh: '快捷回复' },
  field_title: { en: 'button label', zh: '按钮标题' },
  field_dialog: { en: 'dialog', zh: '对话流程' },
  field_links: { en: 'links', zh: '链接' },
  field_check: { en: 'check set', zh: '检验集' },
  importExport: { en: 'Import / export', zh: '导入 / 导出' },
  exportJson: { en: 'Export JSON', zh: '导出 JSON' },
  exportCsv: { en: 'Export utterances CSV', zh: '导出问法 CSV' },
  importJson: { en: 'Import JSON into the draft', zh: '导入 JSON 到草稿' },
  importCsv: { en: 'Import utterances CSV into the draft', zh: '导入问法 CSV 到草稿' },
  csvPreview: { en: 'This file changes the examples of the draft:', zh: '此文件将这样修改草稿中的示例问法：' },
  csvChange: { en: '{intent}, {language}: {added} added, {removed} removed ({total} after the import)', zh: '{intent}（{language}）：新增 {added} 条，删除 {removed} 条（导入后共 {total} 条）' },
  csvUntouched: { en: 'Intents and languages the file has no lines for keep their examples.', zh: '文件中没有出现的意图和语言，其示例问法保持不变。' },
  csvApply: { en: 'Import these changes', zh: '导入这些修改' },
  csvNothing: { en: 'This file changes nothing in the draft.', zh: '此文件不会修改草稿。' },
  notJson: {
    en: '{file} is not a JSON file. Import a file exported here (Export JSON), or a bundle of the knowledge folder (npm run knowledge -- bundle).',
    zh: '{file} 不是 JSON 文件。请导入在此导出的文件（导出 JSON），或知识库文件夹的打包文件（npm run knowledge -- bundle）。',
  },
  notJsonAt: {
    en: '{file} is not valid JSON: the error is at line {line}, column {column}, marked here:',
    zh: '{file} 不是有效的 JSON：错误位于第 {line} 行第 {column} 列，标记如下：',
  },
  jsonPreview: { en: 'This file replaces the whole draft with its {count} intents:', zh: '此文件将用其中的 {count} 个意图替换整个草稿：' },
  jsonRemoves: {
    en: '{n} intents of the draft are not in this file and would be deleted from it. To add or change a few intents, import a whole export, not one category’s file.',
    zh: '草稿中有 {n} 个意图不在此文件中，导入后会从草稿中删除。如只想新增或修改部分意图，请导入完整的导出文件，而不是单个类别的文件。',
  },
  jsonApply: { en: 'Replace the draft', zh: '替换草稿' },
  andMore: { en: 'and {n} more', zh: '等另外 {n} 个' },
  imported: { en: 'Imported into the draft. Publish to make it live.', zh: '已导入草稿，发布后生效。' },
  statusNew: { en: 'To review', zh: '待处理' },
  statusAdded: { en: 'Added', zh: '已添加' },
  statusDismissed: { en: 'Dismissed', zh: '已忽略' },
  times: { en: '×{n}', zh: '×{n}' },
  bestGuesses: { en: 'Best guesses', zh: '最可能的意图' },
  addAsExample: { en: 'Add as example', zh: '添加为示例' },
  dismiss: { en: 'Dismiss', zh: '忽略' },
  addedTo: { en: 'Added to {intent} (draft). Publish to make it live.', zh: '已添加到 {intent}（草稿），发布后生效。' },
  exampleGone: {
    en: 'Added to {intent} before, but that example is no longer in the knowledge base (a rollback or an edit took it out): review it again.',
    zh: '曾添加到 {intent}，但该示例已不在知识库中（被回滚或编辑移除），请重新处理。',
  },
  examplePublished: { en: 'Example of {intent}, live.', zh: '已是 {intent} 的示例，已上线。' },
  exampleInDraft: { en: 'Example of {intent} in the draft: publish to make it live.', zh: '已作为 {intent} 的示例加入草稿，发布后生效。' },
  nothingToReview: { en: 'Nothing to review. Questions the bot could not answer appear here.', zh: '暂无待处理问题。机器人答不上的问题会出现在这里。' },
  kind_fallback: { en: 'not understood', zh: '未理解' },
  kind_clarify: { en: 'asked to clarify', zh: '追问' },
  kind_unhelpful: { en: 'thumbs down', zh: '差评' },
  role: { en: 'Role', zh: '角色' },
  agent: { en: 'Agent', zh: '客服' },
  admin: { en: 'Admin', zh: '管理员' },
  status: { en: 'Status', zh: '状态' },
  active: { en: 'Active', zh: '正常' },
  disabled: { en: 'Disabled', zh: '已停用' },
  disable: { en: 'Disable', zh: '停用' },
  enable: { en: 'Enable', zh: '启用' },
  resetPassword: { en: 'Reset password', zh: '重置密码' },
  confirmDisable: { en: 'Click again to disable and sign out', zh: '再次点击确认停用并退出登录' },
  confirmResetPassword: { en: 'Click again to replace the password', zh: '再次点击确认更换密码' },
  newPassword: { en: 'New password (10+ characters besides spaces)', zh: '新密码（除空格外至少 10 位）' },
  passwordReset: { en: 'Password changed.', zh: '密码已修改。' },
  userFieldProblem: { en: '{field} {problem}.', zh: '{field}{problem}。' },
  createUser: { en: 'Create user', zh: '创建用户' },
  userCreated: { en: 'User created.', zh: '用户已创建。' },
  displayName: { en: 'Name', zh: '姓名' },
  displayNameHint: { en: 'Customers see it when this person joins their chat.', zh: '此人接入对话时，客户看到的名称。' },
  nameOf: { en: 'Name of {email}', zh: '{email} 的姓名' },
  roleOf: { en: 'Role of {email}', zh: '{email} 的角色' },
  saveUser: { en: 'Save', zh: '保存' },
  userSaved: { en: 'Saved the changes to {email}.', zh: '已保存 {email} 的修改。' },
  from: { en: 'From', zh: '从' },
  to: { en: 'To', zh: '到' },
  apply: { en: 'Apply', zh: '应用' },
  rangeEmpty: { en: 'Pick both dates.', zh: '请选择开始和结束日期。' },
  rangeOrder: { en: '“From” must not be after “To”.', zh: '开始日期不能晚于结束日期。' },
  rangeTooLong: { en: 'The range may span at most {n} days.', zh: '时间段最长 {n} 天。' },
  conversations: { en: 'Conversations', zh: '会话数' },
  conversationsEngaged: { en: '{n} in which the customer wrote', zh: '其中客户发过消息的 {n} 个' },
  containment: { en: 'Containment', zh: '自助解决率' },
  escalation: { en: 'Escalation', zh: '转人工率' },
  fallback: { en: 'Fallback', zh: '未理解率' },
  csat: { en: 'CSAT', zh: '满意度' },
  nps: { en: 'NPS (−100 … +100)', zh: '净推荐值 NPS（−100 … +100）' },
  npsSplit: { en: 'n = {n} · promoters {promoters} · passives {passives} · detractors {detractors}', zh: 'n = {n} · 推荐者 {promoters} · 中立者 {passives} · 贬损者 {detractors}' },
  temperature: { en: 'Touchpoint temperature (−1 … +1)', zh: '触点温度（−1 … +1）' },
  temperatureSplit: { en: 'cold {cold} · cool {cool} · warm {warm}', zh: '冷 {cold} · 温 {cool} · 暖 {warm}' },
  botResponse: { en: 'Bot response (median)', zh: '机器人响应（中位数）' },
  agentResponse: { en: 'Agent first response (median)', zh: '人工首次响应（中位数）' },
  resolution: { en: 'Resolution time (median)', zh: '解决时长（中位数）' },
  perDay: { en: 'Conversations per day', zh: '每日会话数' },
  sentimentTrend: { en: 'Customer mood per day (−1 … +1)', zh: '每日客户情绪（−1 … +1）' },
  topIntents: { en: 'Top intents', zh: '热门意图' },
  topUnanswered: { en: 'Top unanswered questions', zh: '热门未解答问题' },
  ticketsByStatus: { en: 'Tickets by status', zh: '工单状态' },
  ticketsByCategory: { en: 'Tickets by category', zh: '工单类别' },
  overdue: { en: 'overdue', zh: '已超时' },
  csatScores: { en: 'CSAT answers (1–5)', zh: '满意度评分（1–5）' },
  agentsTable: { en: 'Agents', zh: '客服表现' },
  agentColumn: { en: 'Agent', zh: '客服' },
  chatsColumn: { en: 'Chats taken', zh: '接待会话' },
  passedOnColumn: { en: 'Passed on', zh: '转出' },
  ratingColumn: { en: 'Customer rating', zh: '客户评分' },
  firstResponseColumn: { en: 'First reply (median)', zh: '首次回复（中位数）' },
  feedback: { en: 'Answer ratings', zh: '回答评价' },
  noData: { en: 'No data in this range.', zh: '该时间段没有数据。' },
  loading: { en: 'Loading…', zh: '加载中…' },
  error: { en: 'Something went wrong: {message}', zh: '出错了：{message}' },
  ...ticketLabels,
} satisfies Record<string, Record<UiLanguage, string>>;

export type StringKey = keyof typeof strings;

/** The admin's own choice, kept in the browser; before any, the browser's language (as the console does). */
function initialLanguage(): UiLanguage {
  const saved = localStorage.getItem('parley.admin.lang');
  if (saved === 'zh' || saved === 'en') return saved;
  return navigator.language.toLowerCase().startsWith('zh') ? 'zh' : 'en';
}

let language: UiLanguage = initialLanguage();

export const uiLanguage = () => language;

export function setUiLanguage(next: UiLanguage): void {
  language = next;
  localStorage.setItem('parley.admin.lang', next);
  document.documentElement.lang = next === 'zh' ? 'zh-CN' : 'en';
  for (const element of document.querySelectorAll<HTMLElement>('[data-i18n]')) element.textContent = t(element.dataset.i18n as StringKey);
  for (const element of document.querySelectorAll<HTMLElement>('[data-i18n-label]')) element.setAttribute('aria-label', t(element.dataset.i18nLabel as StringKey));
  for (const button of document.querySelectorAll<HTMLButtonElement>('[data-lang]')) button.setAttribute('aria-pressed', String(button.dataset.lang === next));
}

export function t(key: StringKey, params: Record<string, string | number> = {}): string {
  return strings[key][language].replace(/\{(\w+)\}/g, (_match, name: string) => String(params[name] ?? ''));
}

/** A knowledge-base language (`en`, `zh`) named in the admin's language. */
export const languageName = (language: string) => t(language === 'zh' ? 'languageZh' : 'languageEn');

/** A key built at run time (a ticket's status or category), falling back to the raw value. */
export function tOr(key: string, fallback: string): string {
  return key in strings ? t(key as StringKey) : fallback;
}

const numberLocale = () => (language === 'zh' ? 'zh-CN' : 'en-GB');

/** A count with the language's grouping: 16,864. */
export const formatCount = (value: number) => value.toLocaleString(numberLocale());

/** A count short enough for a chart's axis: 16.9K, 1.7万. */
export const formatCompact = (value: number) => new Intl.NumberFormat(numberLocale(), { notation: 'compact', maximumFractionDigits: 1 }).format(value);

/** Dates and times in the admin's language. */
export const formatTime = (iso: string) => new Date(iso).toLocaleString(language === 'zh' ? 'zh-CN' : 'en-GB', { dateStyle: 'medium', timeStyle: 'short' });
