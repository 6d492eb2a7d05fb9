/**
 * Customers: one customer id across visits, profiles built from sentiment and service
 * outcomes, dynamic tags and churn signals with their evidence, and privacy (masking,
 * consent, export, erasure).
 */
export { maskPersonalData, publishedContacts } from './mask.js';
export { isLuhnValid, isChineseIdNumber } from './card-and-id-numbers.js';
export * from './types.js';
export { ProfileStore } from './profile-store.js';
export { ProfileService, type ProfileServiceDeps, MAX_HISTORY, emptyProfile } from './profile-service.js';
export { InsightStore, type CustomerTurn, applyTurn, emptyInsight, isOfferedChoice, choiceKey } from './conversation-insights.js';
export { touchpointTemperature, serviceScore, nextMood } from './temperature.js';
export { profileFacts, type ProfileFacts } from './profile-facts.js';
export { TAG_RULES, evaluateTags, FRUSTRATED_BELOW, HAPPY_ABOVE, AT_RISK_FROM } from './tag-rules.js';
export { CHURN_SIGNALS, churnRisk } from './churn-signals.js';
export { CustomerViews, type ConversationDirectory, type CustomerConversationRecord, type TicketLookup, type Assessment } from './customer-view.js';
export { PrivacyService, type CustomerDataHolder, type DataSubject, type CustomerExport } from './privacy.js';
export { profileDataHolder, conversationDataHolder, perConversationHolder, collectionHolder, type ConversationStores } from './data-holders.js';
export {
  IdentityResolver,
  hostIdentitySchema,
  identityHash,
  verifyHostIdentity,
  customerIdOf,
  type HostIdentityClaim,
  type VerifiedIdentity,
  type VisitorClaim,
} from './identity.js';
export { isCancelIntent, isComplaintIntent, type IntentInfo } from './intent-signals.js';
export { createCustomerServices, type CustomerServices, type CustomerServicesDeps } from './customer-services.js';
export { connectCustomerEvents } from './customer-events.js';
export { anonymiseTicket, ticketDataHolder, ERASED, type TicketPersonalFields } from './ticket-erasure.js';
export { NpsService, type NpsServiceDeps, type NpsSurvey, NPS_QUIET_DAYS } from './nps.js';
