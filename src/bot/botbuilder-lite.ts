/**
 * The parts of botbuilder and botbuilder-dialogs Parley uses, imported from the modules that
 * define them rather than from the packages' index files.
 *
 * Why: `botbuilder`'s index loads the cloud adapter, streaming, skills and Teams support, and
 * `botbuilder-dialogs`' index every prompt with the Microsoft Recognizers Text suite (several MB
 * of date-time, number-with-unit and sequence grammars, kept in memory as source and code). The
 * web channel uses none of them: the server's RSS at ready went from ~218 to ~196 MB. The
 * classes are the same objects either way (`botbuilder` re-exports `botbuilder-core`).
 */
export {
  ActionTypes,
  type Activity,
  ActivityHandler,
  ActivityTypes,
  BotAdapter,
  type ConversationAccount,
  type ConversationReference,
  ConversationState,
  type Middleware,
  type ResourceResponse,
  type StatePropertyAccessor,
  type Storage,
  type StoreItems,
  TurnContext,
} from 'botbuilder-core';
export { EventFactory } from 'botbuilder/lib/eventFactory.js';
export { HandoffEventNames } from 'botbuilder/lib/handoffEventNames.js';
export { ComponentDialog } from 'botbuilder-dialogs/lib/componentDialog.js';
export { Dialog, type DialogTurnResult, DialogTurnStatus } from 'botbuilder-dialogs/lib/dialog.js';
export { type DialogContext, type DialogState } from 'botbuilder-dialogs/lib/dialogContext.js';
export { DialogSet } from 'botbuilder-dialogs/lib/dialogSet.js';
export { WaterfallDialog } from 'botbuilder-dialogs/lib/waterfallDialog.js';
export { type WaterfallStepContext } from 'botbuilder-dialogs/lib/waterfallStepContext.js';
export { type PromptValidatorContext } from 'botbuilder-dialogs/lib/prompts/prompt.js';
export { TextPrompt } from 'botbuilder-dialogs/lib/prompts/textPrompt.js';
