import { pinyin } from 'pinyin-pro';

const segmenter = new Intl.Segmenter('zh', { granularity: 'word' });

/**
 * A seeded typo copy of a text: in ~`rate` of its words, swap two neighbouring characters,
 * drop one, or double one. Training uses it to learn how far a mistyped question may be from
 * a known one; the benchmark uses it to measure robustness to typing.
 */
export function typoCopy(text: string, random: () => number, rate = 0.1): string {
  const pieces = Array.from(segmenter.segment(text), (segment) => ({ text: segment.segment, word: segment.isWordLike ?? false }));
  return pieces
    .map(({ text: word, word: isWord }) => {
      const chars = Array.from(word);
      if (!isWord || random() >= rate) return word;
      const kind = chars.length < 2 ? 2 : Math.floor(random() * 3);
      const at = Math.floor(random() * (chars.length - (kind === 0 ? 1 : 0)));
      if (kind === 0) [chars[at], chars[at + 1]] = [chars[at + 1]!, chars[at]!];
      else if (kind === 1) chars.splice(at, 1);
      else chars.splice(at, 0, chars[at]!);
      return chars.join('');
    })
    .join('');
}

const han = /\p{Script=Han}/u;
const toneless = (text: string) => pinyin(text, { toneType: 'none', type: 'array', v: true });

/** The characters of `texts` seen at least `minCount` times, by their toneless sound: what a pinyin keyboard offers for a syllable. */
export function soundPool(texts: Iterable<string>, minCount = 5): Map<string, string[]> {
  const counts = new Map<string, number>();
  for (const text of texts) for (const char of text) if (han.test(char)) counts.set(char, (counts.get(char) ?? 0) + 1);
  const pool = new Map<string, string[]>();
  for (const [char, count] of counts) {
    if (count < minCount) continue;
    const [sound] = toneless(char);
    pool.set(sound!, [...(pool.get(sound!) ?? []), char]);
  }
  return pool;
}

/**
 * A seeded copy of a Chinese text with one character swapped for another of the same sound from
 * `pool` (退款 → 退宽): the slip a pinyin keyboard invites. `null` when no character has one.
 */
export function soundAlikeCopy(text: string, random: () => number, pool: ReadonlyMap<string, readonly string[]>): string | null {
  const chars = Array.from(text);
  const sounds = toneless(text);
  if (sounds.length !== chars.length) return null;
  const others = (at: number) => (han.test(chars[at]!) ? (pool.get(sounds[at]!) ?? []).filter((char) => char !== chars[at]) : []);
  const spots = chars.map((_, at) => at).filter((at) => others(at).length > 0);
  if (spots.length === 0) return null;
  const at = spots[Math.floor(random() * spots.length)]!;
  const choices = others(at);
  chars[at] = choices[Math.floor(random() * choices.length)]!;
  return chars.join('');
}
