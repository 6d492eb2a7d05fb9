import type { Middleware, TurnContext } from './botbuilder-lite.js';

/**
 * botbuilder-dialogs' `runDialog` sends a `BotState` trace with a snapshot of the dialog's
 * memory on every turn (meant for the Emulator). On this channel every sent activity lands in
 * the transcript, so the snapshot would store the raw, unmasked customer text and whatever a
 * dialog holds (a complaint's e-mail address): it is dropped here.
 */
export const dropStateTraces: Middleware = {
  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    context.onSendActivities(async (_context, activities, nextSend) => {
      const kept = activities.filter((activity) => !(activity.type === 'trace' && activity.name === 'BotState'));
      if (kept.length === activities.length) return nextSend();
      // Replace the list in place: later handlers and the adapter see only what is kept.
      activities.splice(0, activities.length, ...kept);
      return kept.length > 0 ? nextSend() : [];
    });
    await next();
  },
};
