import { MAIN_DIALOG } from '../../dialogs/main-dialog.js';
import { type ConversationState, type Dialog, DialogSet, type DialogState, type TurnContext } from './botbuilder-lite.js';

/** Starts one of the main dialog's child dialogs in a turn the bot itself does not run. */
export type DialogStarter = (context: TurnContext, dialogId: string, options: object) => Promise<void>;

/**
 * For turns that are not a customer's message (a proactive ticket update, a handoff status):
 * whatever the bot was asking is superseded, the dialog starts under the main dialog (so
 * the customer's next message answers it) and the state is saved.
 */
export function createDialogStarter(conversationState: ConversationState, mainDialog: Dialog): DialogStarter {
  const dialogs = new DialogSet(conversationState.createProperty<DialogState>('dialogState')).add(mainDialog);
  return async (context, dialogId, options) => {
    const dc = await dialogs.createContext(context);
    await dc.cancelAllDialogs();
    await dc.beginDialog(MAIN_DIALOG, { start: { dialog: dialogId, options } });
    await conversationState.saveChanges(context, false);
  };
}
