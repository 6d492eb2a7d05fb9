import { pinyin } from 'pinyin-pro';
import { forEachInSteps } from '../concurrency.js';
import { chineseWords } from './tokenize.js';

const hanRun = /\p{Script=Han}{2,}/gu;
const longestWord = 4;

/** Toneless pinyin, one syllable per character; `pinyin-pro` reads polyphones in context (银行 yin hang). */
function syllables(run: string): string[] {
  return pinyin(run, { toneType: 'none', type: 'array', v: true });
}

/** Two one-character words in a row, by sound, and in how many texts. */
type Joined = Map<string, { sound: string; texts: number }>;

/** One stretch of a run of Chinese characters to replace with a known word. */
interface Repair {
  run: string;
  at: number;
  word: string;
}

/**
 * Chinese is typed by sound, so its usual typo is a character that sounds like the right one:
 * 退宽 for 退款, 订丹 for 订单, 包过 for 包裹. The characters are new to the recognizer, their sound
 * is not. `correct` puts back the knowledge base's own word where a stretch of a message
 * - is not one of its words, nor a word of its own to the segmenter (实在 is not a slip for 是在);
 * - holds a pair of characters never seen side by side in training;
 * - sounds exactly like one of the knowledge base's words, and like no other;
 * - differs from that word in one character (生鸡 is another word, not a slip for 升级);
 * and only when the message has one such stretch: a slip is rare, and a message with two is more
 * likely about something else whose words happen to sound alike (a takeaway review, say).
 * English needs none of this: its slips keep most of a word's letters, which character n-grams match.
 */
export class SoundAlikes {
  /** The knowledge base's words (2–4 characters) by their toneless sound; null where two words sound alike. */
  private readonly bySound = new Map<string, string | null>();
  private readonly words = new Set<string>();
  /** Every pair of characters seen side by side in training. */
  private readonly pairs = new Set<string>();

  constructor(trainingTexts: Iterable<string>) {
    const joined: Joined = new Map();
    for (const text of trainingTexts) this.learnText(text, joined);
    this.learnJoined(joined);
  }

  /**
   * The same as `new SoundAlikes(texts)`, learnt `perStep` texts at a time with `pause` awaited
   * between (see `loadRecognizerInSteps`): the default knowledge base takes ~20 ms in all.
   */
  static async inSteps(texts: readonly string[], pause: () => Promise<void>, perStep: number): Promise<SoundAlikes> {
    const soundAlikes = new SoundAlikes([]);
    const joined: Joined = new Map();
    await forEachInSteps(texts, perStep, pause, (text) => soundAlikes.learnText(text, joined));
    soundAlikes.learnJoined(joined);
    return soundAlikes;
  }

  /** The words of one training text, and its pairs of one-character words for `learnJoined`. */
  private learnText(text: string, joined: Joined): void {
    const joinedHere = new Set<string>();
    for (const [run] of text.matchAll(hanRun)) {
      const chars = Array.from(run);
      for (let i = 0; i + 1 < chars.length; i++) this.pairs.add(chars[i]! + chars[i + 1]!);
      const sounds = syllables(run);
      let at = 0;
      let previous = '';
      for (const word of chineseWords(run)) {
        const length = Array.from(word).length;
        if (length >= 2 && length <= longestWord) this.learn(word, sounds.slice(at, at + length).join(' '));
        if (length === 1 && previous && !joinedHere.has(previous + word)) {
          joinedHere.add(previous + word);
          const seen = joined.get(previous + word);
          joined.set(previous + word, { sound: sounds.slice(at - 1, at + 1).join(' '), texts: (seen?.texts ?? 0) + 1 });
        }
        previous = length === 1 ? word : '';
        at += length;
      }
    }
  }

  /**
   * The segmenter splits some everyday words into characters (收/货, 客/服): a pair that comes
   * back in two texts or more is taken for a word; one seen once is more likely chance (给/李).
   */
  private learnJoined(joined: Joined): void {
    for (const [word, { sound, texts }] of joined) if (texts >= 2) this.learn(word, sound);
  }

  private learn(word: string, sound: string): void {
    if (this.words.has(word)) return;
    this.words.add(word);
    const known = this.bySound.get(sound);
    this.bySound.set(sound, known === undefined ? word : null);
  }

  /** The message with its sound-alike typo replaced by the knowledge base's word; the same string when there is none, or more than one. */
  correct(normalText: string): string {
    if (this.bySound.size === 0) return normalText;
    const repairs: Repair[] = [];
    for (const [run] of normalText.matchAll(hanRun)) {
      repairs.push(...this.repairsOf(run));
      if (repairs.length > 1) return normalText;
    }
    const [repair] = repairs;
    if (!repair) return normalText;
    const chars = Array.from(repair.run);
    chars.splice(repair.at, Array.from(repair.word).length, ...Array.from(repair.word));
    return normalText.replace(repair.run, chars.join(''));
  }

  private repairsOf(run: string): Repair[] {
    const chars = Array.from(run);
    const ownWords = new Set(chineseWords(run).filter((word) => word.length >= 2));
    const repairs: Repair[] = [];
    let sounds: string[] | undefined;
    for (let i = 0; i < chars.length - 1; ) {
      let step = 1;
      for (let length = Math.min(longestWord, chars.length - i); length >= 2; length--) {
        const stretch = chars.slice(i, i + length);
        const text = stretch.join('');
        if (this.words.has(text) || ownWords.has(text)) {
          step = length;
          break;
        }
        if (!this.hasUnseenPair(stretch)) continue;
        sounds ??= syllables(run);
        const word = this.bySound.get(sounds.slice(i, i + length).join(' '));
        if (!word || !oneCharacterApart(stretch, word)) continue;
        repairs.push({ run, at: i, word });
        step = length;
        break;
      }
      i += step;
    }
    return repairs;
  }

  private hasUnseenPair(chars: string[]): boolean {
    for (let i = 0; i + 1 < chars.length; i++) if (!this.pairs.has(chars[i]! + chars[i + 1]!)) return true;
    return false;
  }
}

function oneCharacterApart(stretch: readonly string[], word: string): boolean {
  let differences = 0;
  Array.from(word).forEach((char, i) => (differences += char === stretch[i] ? 0 : 1));
  return differences === 1;
}
