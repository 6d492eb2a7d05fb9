/**
 * The knowledge base: its format, loading and validation, the published runtime, the
 * admin's draft with versions, publish, diff and restore (`KnowledgeService`), guard rails,
 * import/export, the audit log, and what the bot missed (`UnansweredLog`, `FeedbackService`).
 */
export * from './schema.js';
export * from './loader.js';
export * from './knowledge-runtime.js';
export * from './unanswered.js';
export * from './audit-log.js';
export * from './button-titles.js';
export * from './feedback.js';
export * from './folder-changes.js';
export * from './guard-rails.js';
export * from './intent-validation.js';
export { revisionOf } from './intent-revision.js';
export * from './knowledge-diff.js';
export * from './knowledge-publisher.js';
export * from './knowledge-service.js';
export * from './knowledge-store.js';
export * from './trainer.js';
export * from './try-it.js';
export * from './utterance-csv.js';
export { createKnowledgeServices, type KnowledgeServices, type KnowledgeServicesDeps } from './knowledge-services.js';
