import { ticketCategoryLabels } from '../../tickets/category-labels.js';

/**
 * A ticket's status and category as agents and admins read them, in both languages (the
 * console's and the admin pages' string tables both include these keys). The customer's
 * wording of a status is the bot's own (src/bot/messages.ts); categories read the same for all.
 */
export const ticketLabels = {
  ticketStatus_open: { en: 'open', zh: '待处理' },
  ticketStatus_in_progress: { en: 'in progress', zh: '处理中' },
  ticketStatus_waiting_customer: { en: 'waiting for customer', zh: '等待客户' },
  ticketStatus_resolved: { en: 'resolved', zh: '已解决' },
  ticketStatus_closed: { en: 'closed', zh: '已关闭' },
  ticketStatus_reopened: { en: 'reopened', zh: '已重开' },
  ...ticketCategoryLabels,
} as const;
