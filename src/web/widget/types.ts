/** The parts of a Bot Framework activity the widget reads. Everything is untrusted. */
export interface Activity {
  id?: string;
  type: string;
  text?: string;
  locale?: string;
  timestamp?: string;
  name?: string;
  value?: unknown;
  replyToId?: string;
  from?: { id?: string; name?: string; role?: string };
  channelData?: {
    clientActivityID?: string;
    clientTimestamp?: string;
    /** `answer`: the intent a knowledge-base answer came from (only answers get thumbs up/down). */
    /** `event`: which handoff line a system message is (requested, claimed, released, timeout …). */
    parley?: { sender?: string; avatarUrl?: string; answer?: string; event?: string };
  };
  suggestedActions?: { actions?: { title?: unknown; value?: unknown }[] };
}

export interface ActivitySet {
  activities?: Activity[];
  watermark?: string | number;
}

/** Who wrote a message, as the widget shows it. */
export type Sender = 'user' | 'bot' | 'agent' | 'system';

export function senderOf(activity: Activity): Sender {
  const tagged = activity.channelData?.parley?.sender;
  if (tagged === 'agent' || tagged === 'system') return tagged;
  return activity.from?.role === 'user' ? 'user' : 'bot';
}
