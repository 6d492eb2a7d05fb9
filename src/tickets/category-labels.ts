/**
 * Ticket categories as people read them, in both languages: the bot tells customers the
 * category of their complaint, the console and the dashboard show it to agents and admins.
 * Plain data, so the web pages bundle it without the rest of the tickets module.
 */
export const ticketCategoryLabels = {
  ticketCategory_delivery: { en: 'delivery', zh: '物流配送' },
  ticketCategory_product_quality: { en: 'product quality', zh: '商品质量' },
  ticketCategory_refund_billing: { en: 'refund or billing', zh: '退款与账单' },
  ticketCategory_service_attitude: { en: 'service', zh: '服务态度' },
  ticketCategory_account: { en: 'account', zh: '账户' },
  ticketCategory_other: { en: 'other', zh: '其他' },
} as const;
