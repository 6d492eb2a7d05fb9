import type { Language } from '../nlu/types.js';
import { ticketCategoryLabels } from '../tickets/category-labels.js';

/**
 * Every sentence the bot says on its own (not from the knowledge base), in both languages.
 * `{name}` placeholders are filled by `say`.
 */
export const messages = {
  welcome: {
    en: "Hi, I'm Parley, the shop's assistant. Ask me about orders, delivery, returns, refunds or your account — in English or Chinese.",
    zh: '您好，我是 Parley，商城的智能客服。订单、物流、退换货、退款、账户问题都可以问我，中文英文都行。',
  },
  orderPage: {
    en: 'Here is order {order}: its status and, once it has shipped, the carrier and tracking number are on this page. If something there looks wrong, tell me and I can connect you with a person.',
    zh: '这是订单 {order} 的页面：订单状态，以及发货后的快递公司和运单号都在这里。如果信息不对，告诉我，我可以为您转接人工客服。',
  },
  // An order from another shop ("where is my ebay order", 「淘宝买的东西怎么退」): dialogs/main-dialog.ts.
  otherShopOrder: {
    en: "I can only see orders placed in our own shop. For one from another site, please contact that site or its seller. If it was ours, send me the order number.",
    zh: '我只能查询在本店下的订单。其他平台的订单，请联系该平台或卖家处理；如果是在本店买的，把订单号发给我就好。',
  },
  // "No" or "I don't have one" when the bot asked for the order number (dialogs/main-dialog.ts).
  noOrderNumber: {
    en: "No problem: once you're signed in, every order is under Account → My orders. If you checked out as a guest, the order number is in your confirmation email. Or I can connect you with a person.",
    zh: '没关系：登录后在「我的 → 我的订单」里能看到所有订单；游客下单的话，订单号在下单确认短信或邮件里。也可以让我为您转接人工客服。',
  },
  // An e-mail address or phone number sent on its own, unasked for ("my email is jane@example.com", "13812345678").
  contactUnasked: {
    en: "Thanks. I can't look anything up from an email address or phone number in this chat, so there's no need to share them unless I ask. What can I help you with? If you'd rather a person looked into it, tap below.",
    zh: '收到。在聊天里我没法凭邮箱或手机号查询信息，除非我询问，无需提供这些信息。请问有什么可以帮您？如果希望人工客服处理，请点下方按钮。',
  },
  // "I ordered it last monday", 「上周一买的」 when the bot asked for the order number: asked once more (dialogs/main-dialog.ts).
  orderNumberStill: {
    en: "I'll need the order number for that. Once you're signed in, every order is under Account → My orders; if you checked out as a guest, the number is in your order confirmation email. Or I can connect you with a person.",
    zh: '这需要订单号才能帮您查：登录后在「我的 → 我的订单」里能看到所有订单；游客下单的话，订单号在下单确认短信或邮件里。也可以让我为您转接人工客服。',
  },
  // Thanks, a goodbye or a greeting said sourly ("thanks for nothing", 「谢谢，真失望」), or outrage that names no problem ("this is ridiculous", 「太离谱了」).
  soured: {
    en: "I'm sorry I couldn't help more. If something is still wrong, tell me in a few words, or I can connect you with a person.",
    zh: '很抱歉没能帮上更多忙。如果还有问题，请简单告诉我，或者我为您转接人工客服。',
  },
  fallback: {
    en: "I'm not sure I understood that. Could you put it another way? I can also connect you with a person.",
    zh: '抱歉，我没有完全理解您的问题。您可以换个说法再问一次，或者让我为您转接人工客服。',
  },
  // Asked again for the answer just given ("我想退货", then "怎么退"): dialogs/answer-again.ts.
  answerAgainStep: {
    en: "In short, as in my answer above: {step}\nIf that doesn't solve it, tell me where you're stuck, or I can connect you with a person.",
    zh: '简单说，就是上面提到的：{step}\n如果这样还解决不了，告诉我卡在哪一步，或者我为您转接人工客服。',
  },
  // The same, for a step that itself says how to reach a person ("… tap Talk to a human and an agent will check it with you").
  answerAgainStepOnly: {
    en: 'In short, as in my answer above: {step}',
    zh: '简单说，就是上面提到的：{step}',
  },
  answerElapsed: {
    en: 'For that, my answer above says: {step}',
    zh: '这种情况，上面的回复里说了：{step}',
  },
  answerElapsedPerson: {
    en: "If that's where you are, I can connect you with a person to take it from here.",
    zh: '如果您正是这种情况，我可以为您转接人工客服跟进。',
  },
  answerTried: {
    en: "Sorry that didn't sort it out. As you've already tried what I suggested, a person should look into it with you: I can connect you now.",
    zh: '抱歉，还是没能解决。您已经试过上面的办法了，建议转人工客服帮您进一步查看。',
  },
  // "Ok do it", 「你帮我弄吧」 after an answer that says what to do: the bot cannot do it, the customer can.
  answerDoItYourself: {
    en: "I can't do that for you from the chat, but it only takes a moment: {step}\nIf you'd rather a person helped you with it, I can connect you.",
    zh: '我没办法在聊天里直接帮您操作，不过步骤很简单：{step}\n如果想让人工客服协助您，我可以为您转接。',
  },
  // How things stand and nothing else, after an answer ("我买了200多" after the coupon answer's conditions): it did not fit.
  answerNotFit: {
    en: "I see. If my answer above doesn't settle it for you, a person can look at your case: I can connect you now.",
    zh: '明白了。如果上面的回答解决不了您的情况，可以让人工客服帮您具体看看，我现在就可以为您转接。',
  },
  answerAgain: {
    en: "My answer just above covers that. If it doesn't fit your case, tell me what's different, or I can connect you with a person.",
    zh: '上面那条回复说的就是这个。如果和您的情况不一样，请告诉我哪里不同，或者我为您转接人工客服。',
  },
  clarify: {
    en: 'Did you mean one of these?',
    zh: '您是想问以下哪一个？',
  },
  somethingElse: { en: 'Something else', zh: '都不是' },
  rephrase: { en: 'Please tell me a little more about what you need.', zh: '请再具体描述一下您遇到的问题。' },
  turnError: {
    en: 'Sorry, something went wrong on my side. Please try again in a moment.',
    zh: '抱歉，系统出了点问题，请稍后再试。',
  },
  // Customer profiles: the bot offers a human when the mood or the answers go wrong.
  handoffForMood: {
    en: "I'm sorry this has been frustrating. I've asked a member of our team to join this chat: they will see our conversation and reply here. You can keep writing meanwhile.",
    zh: '很抱歉给您带来了不好的体验。我已为您请求人工客服，客服人员会看到我们之前的对话并在这里回复您，您也可以继续留言。',
  },
  humanOfferedForFallbacks: {
    en: 'Sorry, I keep missing what you need. Would you like to talk to a person? Tap the button below, or try asking another way.',
    zh: '抱歉，我一直没能理解您的需求。需要转人工客服吗？可以点击下方按钮，或者换个说法再问我。',
  },
  humanOfferedOffline: {
    en: "I'm sorry this isn't going well. Nobody from our team is online right now; if you tap the button below, I'll pass our conversation on and they will get back to you.",
    zh: '很抱歉没能帮到您。现在没有人工客服在线；点击下方按钮，我会把我们的对话转给客服，他们会尽快回复您。',
  },
  apologyPrefix: { en: 'Sorry about the trouble. ', zh: '很抱歉给您带来不便。' },
  // A "not sure" followed at once by the offer of a person (src/bot/profile-recorder.ts): it offers none itself.
  fallbackBrief: { en: "Sorry, I didn't get that.", zh: '抱歉，我没理解您的意思。' },
  fallbackShort: {
    en: "Sorry, I didn't get that. Could you say it another way, or shall I get a person?",
    zh: '抱歉，我没理解。您可以换个说法，或者让我为您转人工。',
  },
  // Human handoff (src/bot/handoff-gate.ts, dialogs/handoff-dialog.ts).
  handoffQueued: {
    en: "Sure — I'm getting a person for you. You're number {position} in the queue; the expected wait is about {minutes} min. You can keep writing here: the agent will see everything.",
    zh: '好的，正在为您转接人工客服。您目前排在第 {position} 位，预计等待约 {minutes} 分钟。您可以继续留言，客服会看到全部内容。',
  },
  handoffQueuedLong: {
    en: "Sure — I'm getting a person for you. You're number {position} in the queue and our team is busy, so it may take a while. If nobody is free within {minutes} min, I'll save our conversation as a ticket so nothing is lost, and they'll reply here. You can keep writing meanwhile.",
    zh: '好的，正在为您转接人工客服。您目前排在第 {position} 位，客服正忙，可能需要多等一会儿。如果 {minutes} 分钟内没有客服接待，我会把对话保存为工单，不会遗漏，客服会在这里回复您。您可以继续留言。',
  },
  handoffAlreadyWaiting: {
    en: "You're already in the queue for a person (number {position}). They'll reply here.",
    zh: '您已经在排队等待人工客服（第 {position} 位），客服会在这里回复您。',
  },
  // Follows the system line that says nobody could take the chat (and names its ticket): what the customer can do now.
  handoffNoAgent: {
    en: 'You can leave a message here and an agent will pick it up, or go back to the assistant.',
    zh: '您可以在这里留言，客服会跟进处理；也可以返回智能客服。',
  },
  messageLeftTicket: {
    en: 'Thanks, your message is kept with ticket {ticket}. Someone from our team will reply here as soon as they can; you can close this page meanwhile.',
    zh: '收到，您的留言已保存到工单 {ticket}。客服会尽快在这里回复您，您可以先关闭页面。',
  },
  messageLeft: {
    en: 'Thanks, your message is kept. Someone from our team will reply here as soon as they can; you can close this page meanwhile.',
    zh: '收到，您的留言已保存。客服会尽快在这里回复您，您可以先关闭页面。',
  },
  backToAssistant: { en: 'Back to the assistant', zh: '返回智能客服' },
  welcomeBack: {
    en: "I'm back — Parley, the assistant. Is there anything else I can help you with?",
    zh: '我是智能客服 Parley，又回来为您服务啦。还有什么可以帮您？',
  },
  // Complaints and tickets (dialogs/complaint-dialog.ts, ticket-status-dialog.ts, csat-dialog.ts).
  complaintOffer: {
    en: "I'm sorry about this. Would you like me to file a complaint, so a member of our team looks into it and gets back to you?",
    zh: '非常抱歉给您带来困扰。需要我为您登记投诉，由专人跟进处理并回复您吗？',
  },
  complaintOfferYes: { en: 'Yes, file a complaint', zh: '好的，登记投诉' },
  complaintOfferNo: { en: 'No, just answer', zh: '不用，先回答问题' },
  complaintAskDescription: {
    en: "I'm sorry to hear that. Please tell me what happened, in your own words.",
    zh: '很抱歉遇到这样的情况。请用您自己的话描述一下发生了什么。',
  },
  complaintAskOrder: {
    en: 'Which order is this about? Please give me the order number.',
    zh: '请问是哪个订单？请提供订单号。',
  },
  complaintNoOrder: { en: 'Not about an order', zh: '与订单无关' },
  complaintCancelButton: { en: 'Cancel the complaint', zh: '取消投诉' },
  complaintOrderInvalid: {
    en: "That doesn't look like an order number (an order number has at least 4 digits, like 12345 or PD-20458). Please try again, tap \"Not about an order\", or cancel the complaint.",
    zh: '这似乎不是订单号（订单号至少有 4 位数字，例如 12345 或 PD-20458）。请再输入一次，点“与订单无关”，或取消投诉。',
  },
  complaintAskContact: {
    en: 'How should our team get back to you about this? Type an email address or a phone number, or tap "Reply in this chat" to hear back here.',
    zh: '我们的客服该如何联系您？请输入邮箱或手机号码，或者点“在聊天里回复我”，在这里等客服回复。',
  },
  complaintContactInChat: { en: 'Reply in this chat', zh: '在聊天里回复我' },
  complaintContactChat: { en: 'this chat', zh: '本聊天窗口' },
  complaintEmailInvalid: {
    en: "That email address doesn't look right. Please check it (like name@example.com), or give a phone number instead.",
    zh: '这个邮箱地址格式不对，请检查一下（例如 name@example.com），或者留一个手机号码。',
  },
  complaintContactInvalid: {
    en: "I couldn't find an email address or a phone number in that. Please type one, like name@example.com or +1 555 123 4567, tap \"Reply in this chat\", or cancel the complaint.",
    zh: '没有识别到邮箱或电话号码，请输入一个，例如 name@example.com 或 13812345678，点“在聊天里回复我”，或取消投诉。',
  },
  complaintConfirm: {
    en: "Here is your complaint:\n• What happened: {description}\n• Order: {order}\n• Contact: {contact}\n• Type: {category}\n• We'll get back to you within: {sla}\nShall I file it?",
    zh: '您的投诉内容如下：\n• 问题描述：{description}\n• 订单：{order}\n• 联系方式：{contact}\n• 类型：{category}\n• 答复时限：{sla}内\n确认提交吗？',
  },
  complaintConfirmYes: { en: 'Yes, file it', zh: '确认提交' },
  complaintConfirmChange: { en: 'Change something', zh: '修改内容' },
  complaintWhatToChange: {
    en: 'What should I change? Type the correction (like "the order is 12345" or "my email is …"), add more detail, or say "cancel".',
    zh: '需要修改什么？请直接输入更正内容（例如“订单号是12345”或“邮箱是……”），也可以补充描述，或者说“取消”。',
  },
  complaintCorrected: { en: 'Got it: {what}.', zh: '好的，已更新：{what}。' },
  complaintOrderIs: { en: 'the order is {order}', zh: '订单号 {order}' },
  complaintContactIs: { en: 'we will reach you at {contact}', zh: '联系方式 {contact}' },
  complaintDetailAdded: { en: 'I added that to the description', zh: '补充了问题描述' },
  complaintNone: { en: 'none', zh: '无' },
  complaintKnownContact: { en: '{contact} (from your earlier details)', zh: '{contact}（沿用您之前留下的）' },
  complaintFiled: {
    en: 'Your complaint is filed as ticket {id}. A member of our team will look into it and get back to you within {sla} (by {due}). You can ask me "status of {id}" at any time.',
    zh: '您的投诉已登记，工单号 {id}。我们的客服专员会跟进处理，并在{sla}内（{due}前）答复您。您可以随时问我“{id} 进度如何”。',
  },
  complaintCancelled: {
    en: "OK, I've cancelled the complaint; nothing was filed. Is there anything else I can help with?",
    zh: '好的，已取消，投诉没有提交。还有其他可以帮您的吗？',
  },
  complaintHelp: {
    en: 'I\'m filing a complaint for you. {now} You can correct anything I have (like "no, the order is 12345"), or say "cancel" to stop.',
    zh: '我正在为您登记投诉。{now}您可以随时更正已填的内容（例如“订单号是12345”），或者说“取消”退出。',
  },
  complaintHelpOffer: { en: 'I can open a complaint ticket so a person follows up, or just answer your question.', zh: '我可以为您登记投诉由专人跟进，也可以直接回答您的问题。' },
  complaintHelpDescription: { en: 'Right now I need a short description of what went wrong.', zh: '现在请简单描述一下出了什么问题。' },
  complaintHelpOrder: { en: 'Right now I need the number of the order this is about.', zh: '现在请提供相关的订单号。' },
  complaintHelpContact: {
    en: 'Right now I need an email address or a phone number, so our team can reach you; or tap "Reply in this chat" to hear back here.',
    zh: '现在请留下邮箱或电话号码，方便客服联系您；也可以点“在聊天里回复我”，在这里等回复。',
  },
  complaintHelpConfirm: { en: 'Right now I need you to check the summary and say "yes" to file it, or tell me what to change.', zh: '现在请核对上面的内容，回复“确认”提交，或者告诉我需要修改什么。' },
  // "Why do you need my email?" at the order or contact question: why, then the question again, in one line.
  complaintWhyOrder: {
    en: 'With the order number our team sees what you bought and how it was sent, so they can sort this out without asking you again. Which order is it? If it is not about an order, tap "Not about an order".',
    zh: '有了订单号，客服能直接看到您买了什么、怎么发的货，不用再来回问您。请问是哪个订单？如果与订单无关，请点“与订单无关”。',
  },
  complaintWhyContact: {
    en: 'Only so our team can get back to you about this complaint: it goes on the ticket, and the chat\'s record keeps it masked. If you would rather not share it, tap "Reply in this chat" and they will answer here.',
    zh: '只用于客服就这次投诉联系您：它只记在工单上，聊天记录里会打码保存。如果您不想留，可以点“在聊天里回复我”，客服会在这里回复您。',
  },
  // "Do you need my phone or email?", "what if I don't have an email?" at the contact question.
  complaintContactEither: {
    en: 'Either will do: an email address or a phone number, so our team can reach you about this. No email? A phone number is fine, or tap "Reply in this chat" to hear back here.',
    zh: '邮箱或手机号码都可以，方便客服就这件事联系您。没有邮箱的话留手机号码就行，也可以点“在聊天里回复我”，在这里等回复。',
  },
  // After answering a knowledge-base question asked mid-complaint: the question the flow was at, in one line.
  complaintNoOrderNow: { en: 'it is not about an order', zh: '与订单无关' },
  complaintInChatNow: { en: 'our team will reply in this chat', zh: '客服会在本聊天窗口回复您' },
  lateChoiceFiled: {
    en: 'Your complaint is already filed as ticket {id}, so that choice no longer applies. Ask me "status of {id}" at any time, or tell me what else you need.',
    zh: '您的投诉已登记为工单 {id}，这个选项已经不适用了。您可以随时问我“{id} 进度如何”，或者告诉我还需要什么帮助。',
  },
  lateChoiceNone: {
    en: 'That choice was for an earlier question, which has passed: no complaint is being filed now. Tell me what you need, or say "I want to complain" to file one.',
    zh: '这个选项对应的是之前的问题，已经过去了，目前没有正在登记的投诉。请告诉我您需要什么；如需投诉，请说“我要投诉”。',
  },
  complaintNeedDescription: {
    en: 'To file your complaint I need a few words about what happened. What went wrong? (Or say "cancel" if you would rather not file one.)',
    zh: '登记投诉需要您简单说说发生了什么。请问出了什么问题？（如果不想投诉了，回复“取消”即可。）',
  },
  complaintAskDescriptionAgain: {
    en: 'And what happened? Please tell me in your own words.',
    zh: '请问发生了什么？请用您自己的话描述一下。',
  },
  complaintResumeDescription: { en: 'Now, back to your complaint: what happened?', zh: '我们继续登记投诉：请问发生了什么？' },
  complaintResumeOrder: { en: 'Now, back to your complaint: which order is it about?', zh: '我们继续登记投诉：请问是哪个订单？' },
  complaintResumeContact: { en: 'Now, back to your complaint: how should our team reach you?', zh: '我们继续登记投诉：客服该如何联系您？' },
  complaintResumeConfirm: { en: 'Now, back to your complaint: shall I file it as summarised above?', zh: '我们继续登记投诉：按上面的内容提交吗？' },
  ...ticketCategoryLabels,
  ticketStatus_open: { en: 'received, waiting for an agent', zh: '已受理，等待客服处理' },
  ticketStatus_in_progress: { en: 'being worked on', zh: '处理中' },
  ticketStatus_waiting_customer: { en: 'waiting for information from you', zh: '等待您补充信息' },
  ticketStatus_resolved: { en: 'resolved', zh: '已解决' },
  ticketStatus_closed: { en: 'closed', zh: '已关闭' },
  ticketStatus_reopened: { en: 'reopened, being looked at again', zh: '已重新打开，正在重新处理' },
  hours: { en: '{n} hours', zh: '{n}小时' },
  days: { en: '{n} days', zh: '{n}天' },
  ticketStatusOne: { en: 'Ticket {id} ({category}): {status}.', zh: '工单 {id}（{category}）：{status}。' },
  ticketDueBy: { en: 'We aim to get back to you by {due}.', zh: '我们会在{due}前答复您。' },
  ticketResolvedWith: { en: 'Resolution: {resolution}', zh: '处理结果：{resolution}' },
  ticketNotFound: {
    en: 'I couldn\'t find ticket {id} among yours. Please check the number; a ticket filed from another device or browser isn\'t shown here, but a person can look it up for you (say "talk to a person").',
    zh: '在您的工单中没有找到 {id}。请核对工单号；在其他设备或浏览器上提交的工单这里查不到，可以说“转人工”请客服帮您查询。',
  },
  ticketNoneOpen: {
    en: "You have no open tickets. If something has gone wrong, tell me and I'll file a complaint.",
    zh: '您目前没有处理中的工单。如果遇到问题，请告诉我，我可以帮您登记投诉。',
  },
  ticketListOpen: { en: 'Your open tickets:\n{list}', zh: '您处理中的工单：\n{list}' },
  ticketListItem: { en: '• {id} ({category}): {status}, due {due}', zh: '• {id}（{category}）：{status}，{due}前答复' },
  csatAsk: {
    en: 'An update on your ticket {id}: it has been resolved.\n{resolution}\nHow happy are you with how we handled it? Please rate us from 1 (very unhappy) to 5 (very happy).',
    zh: '关于您的工单 {id}：已处理完毕。\n{resolution}\n您对这次的处理满意吗？请打分，1 分非常不满意，5 分非常满意。',
  },
  csatNotFixed: { en: 'Still not fixed', zh: '还没解决' },
  ticketResolvedNotice: { en: 'An update on your ticket {id}: it has been resolved.\n{resolution}', zh: '关于您的工单 {id}：已处理完毕。\n{resolution}' },
  ticketTakenNotice: {
    en: 'An update on your ticket {id}: {agent} from our team is now working on it. We aim to get back to you by {due}.',
    zh: '关于您的工单 {id}：我们的客服 {agent} 已开始处理。我们会在{due}前答复您。',
  },
  ticketTakenNoticeNoName: {
    en: 'An update on your ticket {id}: a member of our team is now working on it. We aim to get back to you by {due}.',
    zh: '关于您的工单 {id}：我们的客服已开始处理。我们会在{due}前答复您。',
  },
  ticketReopenedNotice: {
    en: 'An update on your ticket {id}: our team has reopened it and is looking into it again. We aim to get back to you by {due}.',
    zh: '关于您的工单 {id}：我们已重新打开，正在重新处理。我们会在{due}前答复您。',
  },
  ticketQuestionAsk: {
    en: 'An update on your ticket {id}: to carry on, our team needs something from you.\n{question}\nPlease reply here.',
    zh: '关于您的工单 {id}：为了继续处理，我们需要您补充一些信息。\n{question}\n请直接在这里回复。',
  },
  ticketQuestionAskGeneric: {
    en: 'An update on your ticket {id}: to carry on, our team needs more information from you. Please reply here with any details you can add.',
    zh: '关于您的工单 {id}：为了继续处理，我们需要您补充更多信息。请直接在这里回复您能提供的细节。',
  },
  ticketQuestionNotice: {
    en: 'An update on your ticket {id}: our team needs something from you.\n{question}',
    zh: '关于您的工单 {id}：我们需要您补充一些信息。\n{question}',
  },
  ticketAnswerThanks: {
    en: "Thank you! I've added that to ticket {id} and our team is back on it. We aim to get back to you by {due}.",
    zh: '谢谢！我已把您的回复加到工单 {id}，客服会继续处理，我们会在{due}前答复您。',
  },
  csatAskComment: {
    en: 'Thank you for rating us {score}/5. Is there anything you would like to add? (optional)',
    zh: '感谢您的评分（{score} 分）。还有什么想补充的吗？（可选）',
  },
  csatNoComment: { en: 'No, thanks', zh: '没有了' },
  csatThanks: { en: 'Thank you! Your feedback is noted on ticket {id}.', zh: '谢谢！您的反馈已记录在工单 {id} 中。' },
  csatReopened: {
    en: "I'm sorry it isn't fixed. I've reopened ticket {id}; our team will get back to you by {due}.",
    zh: '很抱歉问题还没有解决。我已重新打开工单 {id}，我们会在{due}前答复您。',
  },
  chatRatingAsk: {
    en: 'How would you rate the help {agent} gave you? From 1 (very unhappy) to 5 (very happy).',
    zh: '您对客服 {agent} 的服务满意吗？请打分，1 分非常不满意，5 分非常满意。',
  },
  chatRatingSkip: { en: 'Skip', zh: '跳过' },
  chatRatingSkipped: { en: 'No problem. Is there anything else I can help you with?', zh: '好的。还有什么可以帮您？' },
  chatRatingThanks: {
    en: 'Thank you! Your feedback goes to our team. Is there anything else I can help you with?',
    zh: '谢谢！您的反馈会转达给我们的团队。还有什么可以帮您？',
  },
  chatRatingThanksShort: { en: 'Thank you! Your feedback goes to our team.', zh: '谢谢！您的反馈会转达给我们的团队。' },
  npsAsk: {
    en: 'One more question, if you have a moment: How likely are you to recommend us to a friend? 0–10 (0 = not at all likely, 10 = extremely likely)',
    zh: '再耽误您一点时间：您有多大可能把我们推荐给朋友？0–10（0 = 完全不可能，10 = 非常可能）',
  },
  npsSkip: { en: 'No, thanks', zh: '不了，谢谢' },
  npsThanks: { en: 'Thank you for telling us! Is there anything else I can help you with?', zh: '感谢您的反馈！还有什么可以帮您？' },
  csatCannotReopen: {
    en: 'Ticket {id} is already closed. Tell me what is still wrong and I will file a new complaint.',
    zh: '工单 {id} 已关闭。请告诉我还有什么问题，我会为您登记新的投诉。',
  },
} satisfies Record<string, Record<Language, string>>;

export type MessageKey = keyof typeof messages;

export function say(key: MessageKey, language: Language, params: Record<string, string | number> = {}): string {
  return messages[key][language].replace(/\{(\w+)\}/g, (whole, name: string) => String(params[name] ?? whole));
}

/** Text that says sorry itself, anywhere ("Sorry your parcel…", "抱歉让您久等了！", "Got it. Sorry…"): a second apology before it reads twice. */
export const apologises = (text: string): boolean => /\b(?:sorry|apologi[sz]e|apologies)\b|抱歉|对不起|歉意|不好意思/iu.test(text);
