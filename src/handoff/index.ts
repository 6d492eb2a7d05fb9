/**
 * Human handoff: the state machine `bot → waiting → active(agent) → bot` (and `closed`),
 * the queue with positions and expected waits, claim timeouts that file a ticket, agents'
 * presence and their private notes. No express, no botbuilder: the gate in src/bot and the
 * routes in src/http drive it.
 */
export * from './types.js';
export { HandoffService, type HandoffServiceDeps } from './handoff-service.js';
export { AgentPresence } from './presence.js';
export { NotesRepository } from './notes.js';
export { byUrgency, claimDeadlineOf, priorityOf, WaitEstimator } from './queue.js';
export { agentActivity, conversationLanguage, systemActivity, systemLine, type SystemLine } from './system-lines.js';
export { senderOf, transcriptText, unclaimedChatDescription, type Sender } from './transcript-text.js';
export { PerKeyLock } from './serial.js';
export { ConversationSummaries, type ConversationSummary, type SummaryDeps } from './summaries.js';
