/** The web channel: Direct Line 3.0 subset, its WebSocket stream and the botbuilder adapter. */
export * from './directline-schema.js';
export { type Authorized, DirectLineService, type DirectLineDeps, type StartedConversation, type TeamAvailability } from './directline-service.js';
export { attachStreamServer } from './stream-server.js';
export { TokenService, type TokenClaims } from './tokens.js';
export { WebChannelAdapter, BOT_ACCOUNT, CHANNEL_ID, type TurnLogic } from './web-adapter.js';
export { KeyedQueue } from './keyed-queue.js';
