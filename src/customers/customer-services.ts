import type { KeyValueStore, Storage } from '../storage/ports.js';
import { InsightStore } from './conversation-insights.js';
import { type CustomerConversationRecord, CustomerViews, type TicketLookup } from './customer-view.js';
import { type ConversationStores, collectionHolder, conversationDataHolder, profileDataHolder } from './data-holders.js';
import { IdentityResolver } from './identity.js';
import { NpsService, type NpsSurvey } from './nps.js';
import { type DataSubject, PrivacyService } from './privacy.js';
import { ProfileService } from './profile-service.js';
import { ProfileStore } from './profile-store.js';
import type { TicketSummary } from './types.js';

export interface CustomerServicesDeps {
  storage: Pick<Storage, 'collection' | 'keyValue'>;
  /** Conversation records (the conversations module's repository). */
  conversations: { all(): Promise<CustomerConversationRecord[]> };
  transcripts: ConversationStores['transcripts'];
  dialogState: KeyValueStore;
  dialogStateKey: (conversationId: string) => string;
  /** The admin's host-site identity secret; without it no host-site identity is trusted. */
  identitySecret?: string;
  /** The server's own secret, to derive customer ids from verified identities. */
  idSecret: string;
  tickets?: TicketLookup;
  clock?: () => Date;
  /** How long profile changes wait to be written together. */
  flushDelayMs?: number;
  /** Keeps a Net Promoter answer in the history of the ticket the question followed. */
  onTicketNps?: (ticketId: string, customerId: string, score: number) => Promise<unknown>;
  /** Told after a customer was erased (to publish it). */
  onErased?: (subject: DataSubject) => void;
}

/** The customers module, wired: profiles, the agents' view, privacy and identity. */
export function createCustomerServices(deps: CustomerServicesDeps) {
  const store = new ProfileStore(deps.storage.collection('customers'), deps.flushDelayMs);
  const insights = new InsightStore(deps.storage.keyValue('customer-insights'));
  const directory = {
    conversationsOf: async (customerId: string) => (await deps.conversations.all()).filter((record) => record.customerId === customerId),
  };
  const clock = deps.clock ?? (() => new Date());
  const profiles = new ProfileService({
    profiles: store,
    insights,
    conversationIdsOf: async (customerId) => (await directory.conversationsOf(customerId)).map((record) => record.id),
    clock,
  });
  // Until the ticket service is attached, tickets are read as stored.
  const storedTickets = deps.storage.collection<TicketSummary & { id: string; customerId: string }>('tickets');
  const tickets: TicketLookup = deps.tickets ?? { forCustomer: async (customerId) => (await storedTickets.all()).filter((ticket) => ticket.customerId === customerId) };
  const views = new CustomerViews({ profiles, conversations: directory, clock, tickets });
  const npsSurveys = deps.storage.collection<NpsSurvey>('nps-surveys');
  const nps = new NpsService({ surveys: npsSurveys, profiles, clock, ...(deps.onTicketNps ? { onTicketAnswer: deps.onTicketNps } : {}) });
  const privacy = new PrivacyService({
    conversations: directory,
    clock,
    ...(deps.onErased ? { onErased: deps.onErased } : {}),
    holders: [
      profileDataHolder(profiles, store, insights),
      conversationDataHolder({
        transcripts: deps.transcripts,
        records: deps.storage.collection('conversations'),
        dialogState: deps.dialogState,
        dialogStateKey: deps.dialogStateKey,
        unanswered: deps.storage.collection('unanswered'),
      }),
      collectionHolder('npsSurveys', npsSurveys, (survey, subject) => survey.customerId === subject.customerId),
    ],
  });
  const identity = new IdentityResolver({
    idSecret: deps.idSecret,
    ...(deps.identitySecret ? { identitySecret: deps.identitySecret } : {}),
    onVerified: (customerId, verified) => profiles.noteIdentity(customerId, verified),
  });
  return { profiles, views, privacy, identity, nps, insights: { get: (conversationId: string) => insights.get(conversationId) } };
}

export type CustomerServices = ReturnType<typeof createCustomerServices>;
