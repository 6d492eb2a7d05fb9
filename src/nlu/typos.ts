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
