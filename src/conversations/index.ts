/** Conversations: their records and their append-only transcripts, with live listeners. */
export * from './types.js';
export { ConversationLog, type ActivityListener } from './conversation-log.js';
export { ConversationRepository, newConversationId } from './conversation-repository.js';
export { handoffsOf } from './handoff-history.js';
export { RetentionService, type RetentionDeps, type RetentionReport, type ConversationTextHolder } from './retention.js';
