import { ComponentDialog, Dialog, type DialogTurnResult, WaterfallDialog, type WaterfallStepContext } from '../src/bot/botbuilder-lite.js';
import type { KnowledgeRuntime } from '../src/kb/index.js';
import { canonicalText } from '../src/nlu/normalize.js';
import type { Language } from '../src/nlu/types.js';
import { messages, say } from '../src/bot/messages.js';
import { reply, titleOf } from './knowledge-replies.js';

export const CLARIFY_DIALOG = 'clarifyDialog';
const CLARIFY_WATERFALL = 'clarifyDialog.waterfall';

export interface ClarifyOptions {
  language: Language;
  /** Intent names to offer, best first. */
  candidates: string[];
}

/** What the customer answered that the main dialog should route as a new message. */
export interface RerouteResult {
  reroute: string;
}

/**
 * "Did you mean …?": offers the close intents as buttons. A click (or any other answer) goes
 * back to the main dialog to be routed; "Something else" asks the customer to say more.
 */
export class ClarifyDialog extends ComponentDialog {
  constructor(private readonly knowledge: KnowledgeRuntime) {
    super(CLARIFY_DIALOG);
    this.addDialog(new WaterfallDialog(CLARIFY_WATERFALL, [this.askStep.bind(this), this.answerStep.bind(this)]));
    this.initialDialogId = CLARIFY_WATERFALL;
  }

  private async askStep(step: WaterfallStepContext<ClarifyOptions>): Promise<DialogTurnResult> {
    const { language, candidates } = step.options;
    const intents = this.knowledge.current().intents;
    const titles = candidates.flatMap((name) => {
      const intent = intents.get(name);
      return intent ? [titleOf(intent, language)] : [];
    });
    await step.context.sendActivity(reply(say('clarify', language), language, [...titles, say('somethingElse', language)]));
    return Dialog.EndOfTurn;
  }

  private async answerStep(step: WaterfallStepContext<ClarifyOptions>): Promise<DialogTurnResult> {
    const text = step.context.activity.text ?? '';
    const said = canonicalText(text).trim().toLowerCase();
    const somethingElse = Object.values(messages.somethingElse).some((label) => label.toLowerCase() === said);
    if (somethingElse) {
      const language = step.options.language;
      await step.context.sendActivity(reply(say('rephrase', language), language));
      return step.endDialog();
    }
    return step.endDialog({ reroute: text } satisfies RerouteResult);
  }
}
