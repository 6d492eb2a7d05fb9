import Fuse from 'fuse.js';

/** How far a message is from its closest candidate utterance: 0 = the same text. */
export interface VerbatimMatch {
  /** Index into the candidates. */
  index: number;
  /** max(fuse.js score, 1 − shorter/longer length): small only when the whole text matches. */
  distance: number;
}

/** Widest distance ever treated as "near-verbatim", whatever the data says. */
export const maxVerbatimDistance = 0.4;

const fuseOptions = {
  includeScore: true,
  ignoreLocation: true,
  ignoreFieldNorm: true,
  isCaseSensitive: true,
  shouldSort: true,
} as const;

/**
 * fuse.js fuzzy (Bitap) matching of a normalised message against a few candidate utterances.
 * fuse.js finds the pattern anywhere in a text, so a short message would "match" inside any
 * long utterance; the length ratio makes the distance small only for near-verbatim texts.
 * `limit` is the widest distance of interest (a lower one makes the search cheaper).
 */
export function closestVerbatim(message: string, candidates: readonly string[], limit = maxVerbatimDistance): VerbatimMatch | null {
  // Texts whose length alone puts them out of reach are not searched at all: that keeps
  // fuse.js (about 10 µs per text) off the path of most messages.
  const gapOf = (text: string) => 1 - Math.min(text.length, message.length) / Math.max(text.length, message.length);
  const reachable = candidates.flatMap((text, index) => (gapOf(text) <= limit ? [index] : []));
  if (message.length === 0 || reachable.length === 0) return null;
  const exact = reachable.find((index) => candidates[index] === message);
  if (exact !== undefined) return { index: exact, distance: 0 };
  if (limit <= 0) return null;
  const fuse = new Fuse(reachable.map((index) => candidates[index]!), { ...fuseOptions, threshold: limit });
  let best: VerbatimMatch | null = null;
  for (const { refIndex, score } of fuse.search(message)) {
    const index = reachable[refIndex]!;
    const distance = Math.max(score ?? 1, gapOf(candidates[index]!));
    if (distance <= limit && (best === null || distance < best.distance)) best = { index, distance };
  }
  return best;
}

/** A held-out message the classifier would not answer outright, and its closest utterance. */
export interface VerbatimSample {
  distance: number;
  /** The closest utterance's intent is the message's. */
  correct: boolean;
}

/**
 * The widest distance at which near-verbatim matches, on held-out messages the classifier was
 * unsure of, are right at least `precision` of the time (and at least 5 of them are).
 * With too little evidence only exact matches count (distance 0).
 */
export function chooseVerbatimDistance(samples: readonly VerbatimSample[], precision: number): { distance: number; precision: number } {
  const sorted = [...samples].sort((a, b) => a.distance - b.distance);
  let right = 0;
  let chosen = { distance: 0, precision };
  sorted.forEach((sample, i) => {
    if (sample.correct) right++;
    const next = sorted[i + 1];
    if (next !== undefined && next.distance === sample.distance) return;
    if (i + 1 >= 5 && right / (i + 1) >= precision) chosen = { distance: sample.distance, precision: right / (i + 1) };
  });
  return chosen;
}
