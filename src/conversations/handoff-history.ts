/**
 * Every request for a person in a conversation, oldest first: the earlier handoffs kept on the
 * record, then the latest. Generic, so analytics can read its own facts of a record with it.
 */
export function handoffsOf<Handoff>(record: { handoff?: Handoff; earlierHandoffs?: readonly Handoff[] }): Handoff[] {
  return [...(record.earlierHandoffs ?? []), ...(record.handoff ? [record.handoff] : [])];
}
