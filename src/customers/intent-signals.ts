/** What an intent says about the customer, for the profile (complaints, wanting to leave). */
export interface IntentInfo {
  name: string;
  category?: string;
  dialog?: string;
}

/** Intents that mean "I want to leave": cancel a membership or subscription, close the account. */
const LEAVING = /(^|_)(cancel_(account|membership|subscription)|close_account|delete_account|unsubscribe|leave)(_|$)/;

export function isComplaintIntent(intent: IntentInfo): boolean {
  return intent.dialog === 'complaint' || /^complaints?$/.test(intent.category ?? '') || /(^|_)complain/.test(intent.name);
}

export function isCancelIntent(intent: IntentInfo): boolean {
  return LEAVING.test(intent.name);
}
