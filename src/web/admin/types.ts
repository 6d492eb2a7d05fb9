/** The API's shapes, as the pages use them (types only: nothing of the server is bundled). */
export type { Intent } from '../../kb/schema.js';
export type { DraftView, TryResult, PublishResult, VersionRecord, KnowledgeDiff, ChangedNames, GuardRailWarning, AuditEntry, UnansweredGroup, UtteranceImportChange } from '../../kb/index.js';
export type { AnalyticsSummary } from '../../analytics/types.js';
export type { PublicUser } from '../../users/user-service.js';
