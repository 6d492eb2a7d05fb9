/**
 * A ticket's status, priority and category as agents and admins read them, in both languages
 * (the console's and the admin pages' string tables both include these keys). The customer's
 * wording of a status is the bot's own (src/bot/messages.ts).
 */
export const ticketLabels = {
  ticketStatus_open: { en: 'open', zh: '待处理' },
  ticketStatus_in_progress: { en: 'in progress', zh: '处理中' },
  ticketStatus_waiting_customer: { en: 'waiting for customer', zh: '等待客户' },
  ticketStatus_resolved: { en: 'resolved', zh: '已解决' },
  ticketStatus_closed: { en: 'closed', zh: '已关闭' },
  ticketStatus_reopened: { en: 'reopened', zh: '已重开' },
  ticketCategory_delivery: { en: 'delivery', zh: '物流配送' },
  ticketCategory_product_quality: { en: 'product quality', zh: '商品质量' },
  ticketCategory_refund_billing: { en: 'refund or billing', zh: '退款与账单' },
  ticketCategory_service_attitude: { en: 'service', zh: '服务态度' },
  ticketCategory_account: { en: 'account', zh: '账户' },
  ticketCategory_other: { en: 'other', zh: '其他' },
} as const;
