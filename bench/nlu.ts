/**
 * `npm run bench:nlu`: Parley's recognizer against NLP.js and natural's BayesClassifier on
 * every intent set in ../shared/datasets, with out-of-scope probes and seeded typo copies.
 * Each (system, set) runs in its own child process so peak RSS is measured separately.
 * Writes bench/results/nlu.md.
 */
import '../src/quiet-dotenv.js';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRandom, shuffleInPlace } from '../src/nlu/prng.js';
import { soundAlikeCopy, soundPool, typoCopy } from '../src/nlu/typos.js';
import { macroF1 } from '../src/metrics.js';
import { expectedCalibrationError, loadRecognizer, OUT_OF_SCOPE_INTENT, trainRecognizer, type TrainedRecognizer } from '../src/nlu/index.js';
import { loadKnowledgeDir, toTrainingExamples } from '../src/kb/index.js';
import { projectRoot } from '../src/project-root.js';
import { writeReport } from './report.js';

// Run as built JavaScript (dist/server/bench/nlu.js, see scripts/build-server.ts), like the CLI.
const root = projectRoot(path.dirname(fileURLToPath(import.meta.url)));
const datasets = path.resolve(root, '..', 'shared', 'datasets');
const fixtures = path.join(root, 'test', 'fixtures', 'nlu');
const probesPerSet = 1000;

interface IntentSet {
  name: string;
  language: 'en' | 'zh';
  train: string;
  test: string;
  /** Texts of another set that none of this set's intents covers. */
  otherSetProbes: { label: string; file: string };
  ownProbes: string;
}

const sets: IntentSet[] = [
  { name: 'banking77', language: 'en', train: 'banking77/train.jsonl', test: 'banking77/test.jsonl', otherSetProbes: { label: 'airline tweets', file: 'airline-tweets/test.jsonl' }, ownProbes: 'offtopic-en.txt' },
  { name: 'smp2017-zh', language: 'zh', train: 'smp2017-zh/train.jsonl', test: 'smp2017-zh/valid.jsonl', otherSetProbes: { label: 'waimai reviews', file: 'waimai-zh/test.jsonl' }, ownProbes: 'offtopic-zh.txt' },
  { name: 'bitext-support', language: 'en', train: 'bitext-support/train.jsonl', test: 'bitext-support/test.jsonl', otherSetProbes: { label: 'airline tweets', file: 'airline-tweets/test.jsonl' }, ownProbes: 'offtopic-en.txt' },
];

const readJsonl = (file: string) =>
  readFileSync(path.join(datasets, file), 'utf8').split('\n').filter((line) => line.trim()).map((line) => JSON.parse(line) as { text: string; intent?: string });

const segmenter = new Intl.Segmenter('zh', { granularity: 'word' });

// ---- the systems compared, behind one small face ----

interface Prediction {
  /** Best intent, even when the system would not answer with it. */
  top: string;
  /** Confidence of `top`, or null when the system has none. */
  score: number | null;
  /** The system said it is not sure / none of its intents. */
  rejected: boolean;
}

interface Trained {
  canReject: boolean;
  predict(text: string): Promise<Prediction> | Prediction;
}

type Example = { text: string; intent: string };
const zhWords = (text: string) => Array.from(segmenter.segment(text)).filter((s) => s.isWordLike).map((s) => s.segment);

interface NlpManagerLike {
  addDocument(locale: string, text: string, intent: string): void;
  train(): Promise<void>;
  process(locale: string, text: string): Promise<{ intent: string; score: number; classifications?: { intent: string; score: number }[] }>;
}
// Loaded only in the NLP.js worker, so that it does not weigh on the others' peak RSS.
const loadNlpManager = () =>
  (createRequire(import.meta.url)('node-nlp') as { NlpManager: new (settings: object) => NlpManagerLike }).NlpManager;

function parleyTrained(recognizer: TrainedRecognizer): Trained {
  return {
    canReject: true,
    predict(text) {
      const recognition = recognizer.recognize(text);
      const best = recognition.alternatives[0];
      return { top: best?.intent ?? OUT_OF_SCOPE_INTENT, score: best?.score ?? 0, rejected: recognition.intent === null };
    },
  };
}

const systems = {
  async parley(train: Example[]): Promise<Trained> {
    return parleyTrained(trainRecognizer(train, { seed: 1 }));
  },
  /** The same model with its fuse.js near-verbatim path switched off, to show what that path adds. */
  async 'parley, no fuse.js'(train: Example[]): Promise<Trained> {
    const json = trainRecognizer(train, { seed: 1 }).toJSON();
    return parleyTrained(loadRecognizer({ ...json, thresholds: { ...json.thresholds, nearVerbatim: -1 } }));
  },
  async 'nlp.js'(train: Example[], language: 'en' | 'zh'): Promise<Trained> {
    const NlpManager = loadNlpManager();
    // autoSave off: by default NLP.js writes model.nlp into the working directory.
    const manager = new NlpManager({ languages: [language], nlu: { log: false }, autoSave: false });
    for (const { text, intent } of train) manager.addDocument(language, text, intent);
    await manager.train();
    return {
      canReject: true,
      async predict(text) {
        const result = await manager.process(language, text);
        const best = result.classifications?.[0];
        // NLP.js answers "None" when its best score is under its own 0.5 threshold.
        return { top: best?.intent ?? result.intent, score: best?.score ?? result.score, rejected: result.intent === 'None' };
      },
    };
  },
  async 'natural bayes'(train: Example[], language: 'en' | 'zh'): Promise<Trained> {
    const natural = (await import('natural')).default;
    const classifier = new natural.BayesClassifier();
    // natural's tokenizers drop Chinese: give it Intl.Segmenter words instead.
    for (const { text, intent } of train) classifier.addDocument(language === 'zh' ? zhWords(text) : text, intent);
    classifier.train();
    return {
      canReject: false,
      predict(text) {
        const classes = classifier.getClassifications(language === 'zh' ? (zhWords(text) as unknown as string) : text);
        const total = classes.reduce((sum, c) => sum + c.value, 0);
        const best = classes[0]!;
        return { top: best.label, score: total > 0 ? best.value / total : null, rejected: false };
      },
    };
  },
} satisfies Record<string, (train: Example[], language: 'en' | 'zh') => Promise<Trained>>;
type SystemName = keyof typeof systems;

interface Scored {
  accuracy: number;
  answeredAccuracy: number;
  macroF1: number;
  ece: number | null;
}

async function score(trained: Trained, tests: { text: string; intent: string }[], times?: number[]): Promise<Scored> {
  const top: string[] = [];
  const calibration: { score: number; correct: boolean }[] = [];
  let answeredRight = 0;
  for (const { text, intent } of tests) {
    const start = performance.now();
    const result = await trained.predict(text);
    times?.push(performance.now() - start);
    top.push(result.top);
    if (result.score !== null) calibration.push({ score: result.score, correct: result.top === intent });
    if (!result.rejected && result.top === intent) answeredRight++;
  }
  const right = top.filter((label, i) => label === tests[i]!.intent).length;
  return {
    accuracy: right / tests.length,
    answeredAccuracy: answeredRight / tests.length,
    macroF1: macroF1(tests.map((t) => t.intent), top),
    ece: calibration.length === tests.length ? expectedCalibrationError(calibration) : null,
  };
}

/** The share of texts a system answers "not sure" (or out of scope). */
async function rejectedShare(trained: Trained, texts: readonly string[]): Promise<number> {
  let count = 0;
  for (const text of texts) if ((await trained.predict(text)).rejected) count++;
  return count / texts.length;
}

interface Measured {
  trainMs: number;
  p99: number;
  peakRssMb: number;
}
type SetResult = Scored & Measured & { typoAccuracy: number; typoAnswered: number; soundAlikeAnswered: number | null; oosOther: number | null; oosOwn: number | null; p50: number };
type KnowledgeResult = Scored & Measured & { oosHeldOut: number; offTopicEn: number; offTopicZh: number; soundAlikeAnswered: number };

/**
 * Chinese questions with one character swapped for another of the same sound, from the characters
 * `pool` holds (seen 5 times or more in that set's own texts): a pinyin keyboard's slip, 退宽 for 退款.
 */
function soundAlikeCopies(tests: readonly Example[], pool: ReadonlyMap<string, readonly string[]>): Example[] {
  const random = createRandom(2025);
  return tests.flatMap((test) => {
    const text = soundAlikeCopy(test.text, random, pool);
    return text ? [{ text, intent: test.intent }] : [];
  });
}

async function worker(systemName: SystemName, setName: string): Promise<void> {
  const set = sets.find((candidate) => candidate.name === setName)!;
  const train = readJsonl(set.train) as { text: string; intent: string }[];
  const tests = readJsonl(set.test) as { text: string; intent: string }[];
  const otherProbes = shuffleInPlace(readJsonl(set.otherSetProbes.file).map((row) => row.text), createRandom(42)).slice(0, probesPerSet);
  const ownProbes = readFileSync(path.join(fixtures, set.ownProbes), 'utf8').split('\n').filter((line) => line.trim());
  const random = createRandom(2024);
  const typos = tests.map((test) => ({ text: typoCopy(test.text, random), intent: test.intent }));

  const start = performance.now();
  const trained = await systems[systemName](train, set.language);
  const trainMs = performance.now() - start;
  for (const { text } of tests.slice(0, 20)) await trained.predict(text);
  const times: number[] = [];
  const clean = await score(trained, tests, times);
  const typo = await score(trained, typos);
  const soundAlike = set.language === 'zh' ? await score(trained, soundAlikeCopies(tests, soundPool(train.map((row) => row.text)))) : null;
  const rejected = (texts: string[]) => (trained.canReject ? rejectedShare(trained, texts) : null);
  times.sort((a, b) => a - b);
  const result: SetResult = {
    ...clean,
    typoAccuracy: typo.accuracy,
    typoAnswered: typo.answeredAccuracy,
    soundAlikeAnswered: soundAlike?.answeredAccuracy ?? null,
    oosOther: await rejected(otherProbes),
    oosOwn: await rejected(ownProbes),
    trainMs,
    p50: times[Math.floor(times.length * 0.5)]!,
    p99: times[Math.floor(times.length * 0.99)]!,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
  };
  process.stdout.write(`\n${JSON.stringify(result)}\n`);
}

/**
 * The knowledge base Parley ships, as a customer meets it: held-out questions written apart from
 * its examples (`heldOutFile`) and general off-topic questions in each language. Needs nothing
 * from ../shared.
 */
async function knowledgeWorker(heldOutFile: string): Promise<void> {
  const lines = (file: string) => readFileSync(path.join(root, file), 'utf8').split('\n').filter((line) => line.trim());
  const heldOut = lines(heldOutFile).map((line) => JSON.parse(line) as Example);
  const inScope = heldOut.filter((example) => example.intent !== OUT_OF_SCOPE_INTENT);
  const intents = await loadKnowledgeDir(path.join(root, 'knowledge'));
  const start = performance.now();
  const trained = parleyTrained(trainRecognizer(toTrainingExamples(intents), { seed: 1 }));
  const trainMs = performance.now() - start;
  const times: number[] = [];
  const clean = await score(trained, inScope, times);
  const caught = (texts: string[]) => rejectedShare(trained, texts);
  const chinese = inScope.filter((example) => /\p{Script=Han}/u.test(example.text));
  const pool = soundPool(intents.flatMap((intent) => [...intent.utterances.zh, ...intent.answers.zh]));
  times.sort((a, b) => a - b);
  const result: KnowledgeResult = {
    ...clean,
    oosHeldOut: await caught(heldOut.filter((example) => example.intent === OUT_OF_SCOPE_INTENT).map((example) => example.text)),
    offTopicEn: await caught(lines('test/fixtures/nlu/offtopic-en.txt')),
    offTopicZh: await caught(lines('test/fixtures/nlu/offtopic-general-zh.txt')),
    soundAlikeAnswered: (await score(trained, soundAlikeCopies(chinese, pool))).answeredAccuracy,
    trainMs,
    p99: times[Math.floor(times.length * 0.99)]!,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
  };
  process.stdout.write(`\n${JSON.stringify(result)}\n`);
}

/** The held-out sets the default knowledge base is measured on, and how each was written. */
const KNOWLEDGE_HELD_OUT = ['kb-heldout', 'kb-blind-dev', 'kb-blind-test'].map((name) => ({ name, file: `test/fixtures/${name}.jsonl` }));

/** "kb-heldout (251 + 44 off-topic)": the set's name and how many of its questions are in scope and off-topic, as the file holds them now. */
function heldOutLabel(name: string, file: string): string {
  const intents = readFileSync(path.join(root, file), 'utf8').split('\n').filter((line) => line.trim()).map((line) => (JSON.parse(line) as { intent: string }).intent);
  const offTopic = intents.filter((intent) => intent === OUT_OF_SCOPE_INTENT).length;
  return `${name} (${intents.length - offTopic} + ${offTopic} off-topic)`;
}

/**
 * Node settings Parley's recognizer runs with, as `npm run nlu` does (package.json): a young
 * generation of 8 MB instead of 16 keeps BANKING77's peak RSS near 175 MB instead of 185–200,
 * training time and p99 unchanged within their noise. The other systems run with Node's defaults.
 */
const PARLEY_NODE_ARGS = ['--max-semi-space-size=8'];

/** Runs a worker of this script in its own process; its last stdout line is its JSON result. */
function runWorker<Result>(args: string[], nodeArgs: string[] = []): { ok: true; result: Result } | { ok: false; error: string } {
  const child = spawnSync(process.execPath, [...nodeArgs, fileURLToPath(import.meta.url), ...args], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, DOTENV_CONFIG_QUIET: 'true' },
    maxBuffer: 64 * 1024 * 1024,
  });
  const last = child.stdout.trim().split('\n').at(-1) ?? '';
  if (child.status !== 0 || !last.startsWith('{')) return { ok: false, error: (child.stderr || child.stdout).trim().split('\n').at(-1) ?? 'no output' };
  return { ok: true, result: JSON.parse(last) as Result };
}

function knowledgeSection(): string[] {
  const lines = [
    '## The default knowledge base',
    '',
    'Trained on `knowledge/`; tested on held-out sets and on general off-topic questions of our own: 129 English (offtopic-en.txt)',
    'and 70 Chinese (offtopic-general-zh.txt). *kb-heldout* was written apart from the examples. The *kb-blind* sets (8 questions per intent',
    'and language in all) were written by someone who saw only the intent names and their answers, never the examples, then split line by',
    'line in two: the examples were tuned on the errors of *kb-blind-dev*; *kb-blind-test* is the measure of that tuning (its errors were',
    'read once, before the split, and never since). *answered right* is the share of in-scope questions answered (not "not sure") with the',
    'right intent; *caught* is the share answered "not sure" or off-topic; *zh sound-alike typos answered right*, the same share on the set\'s',
    'Chinese questions with one character swapped for another of the same sound (退宽 for 退款).',
    '',
    '| held-out set | top-1 accuracy | answered right | zh sound-alike typos answered right | held-out off-topic caught | English off-topic caught | Chinese off-topic caught | train s | p99 ms | peak RSS MB |',
    '|---|---|---|---|---|---|---|---|---|---|',
  ];
  for (const { name, file } of KNOWLEDGE_HELD_OUT) {
    const label = heldOutLabel(name, file);
    process.stderr.write(`bench:nlu knowledge/ × ${label} …\n`);
    const run = runWorker<KnowledgeResult>(['--worker-kb', file], PARLEY_NODE_ARGS);
    if (!run.ok) lines.push(`| ${label} | failed: ${run.error} |`);
    else {
      const r = run.result;
      lines.push(
        `| ${label} | ${r.accuracy.toFixed(3)} | ${r.answeredAccuracy.toFixed(3)} | ${r.soundAlikeAnswered.toFixed(3)} | ${pct(r.oosHeldOut)} | ${pct(r.offTopicEn)} | ${pct(r.offTopicZh)} | ${(r.trainMs / 1000).toFixed(1)} | ${r.p99.toFixed(3)} | ${Math.round(r.peakRssMb)} |`,
      );
    }
    console.log(lines.at(-1));
  }
  return [...lines, ''];
}

const pct = (value: number | null) => (value === null ? '—' : `${(100 * value).toFixed(1)} %`);

async function main(): Promise<void> {
  if (process.argv[2] === '--worker') return worker(process.argv[3] as SystemName, process.argv[4]!);
  if (process.argv[2] === '--worker-kb') return knowledgeWorker(process.argv[3]!);
  const haveDatasets = existsSync(datasets);
  if (!haveDatasets) console.log(`bench:nlu: no datasets at ${datasets}; measuring the default knowledge base only`);
  const lines: string[] = [
    '# NLU benchmark',
    '',
    `Generated by \`npm run bench:nlu\` on ${new Date().toISOString().slice(0, 10)} (${process.platform}, Node ${process.version}, one child process per system and set, running the built JavaScript as \`npm run nlu\` does, Parley's with its \`--max-semi-space-size=8\`).`,
    '',
    'Accuracy and macro-F1 are top-1 on the test split (a "not sure" still counts its best guess); *loss* is how many points',
    'of in-scope accuracy the "not sure" answers cost; *OOS* is the share of out-of-scope probes answered "not sure"',
    `(${probesPerSet} texts of another set, and ~100 off-topic questions of our own, test/fixtures/nlu/offtopic-*.txt); *typos* is top-1 accuracy`,
    'on a seeded copy of the test split with a typo in ~10 % of words, *typos answered* the share of that copy answered (not "not sure") with the',
    'right intent; *parley, no fuse.js* is the same model with its fuse.js near-verbatim path off; ECE is the expected calibration error of the top-1 score (15 bins).',
    'NLP.js and natural run with default settings; natural has no "not sure", so its OOS columns are empty. Training time includes',
    "Parley's cross-validated calibration. *sound-alike typos answered* (Chinese sets only) is the share answered with the right intent of a",
    'copy of the Chinese test questions with one character swapped for another of the same sound (退宽 for 退款), a pinyin keyboard\'s slip.',
    '',
    ...knowledgeSection(),
  ];
  for (const set of haveDatasets ? sets : []) {
    lines.push(`## ${set.name}`, '', `OOS probes: ${set.otherSetProbes.label} / own off-topic questions.`, '');
    lines.push('| system | accuracy | macro-F1 | loss (pts) | OOS other | OOS own | ECE | typos (drop) | typos answered | sound-alike typos answered | train s | p50 ms | p99 ms | peak RSS MB |');
    lines.push('|---|---|---|---|---|---|---|---|---|---|---|---|---|---|');
    for (const system of Object.keys(systems) as SystemName[]) {
      process.stderr.write(`bench:nlu ${set.name} × ${system} …\n`);
      const run = runWorker<SetResult>(['--worker', system, set.name], system.startsWith('parley') ? PARLEY_NODE_ARGS : []);
      if (!run.ok) {
        lines.push(`| ${system} | failed: ${run.error} |`);
        continue;
      }
      const r = run.result;
      lines.push(
        `| ${system} | ${r.accuracy.toFixed(3)} | ${r.macroF1.toFixed(3)} | ${(100 * (r.accuracy - r.answeredAccuracy)).toFixed(1)} | ${pct(r.oosOther)} | ${pct(r.oosOwn)} | ${r.ece === null ? '—' : r.ece.toFixed(3)} | ${r.typoAccuracy.toFixed(3)} (${(100 * (r.accuracy - r.typoAccuracy)).toFixed(1)}) | ${r.typoAnswered.toFixed(3)} | ${r.soundAlikeAnswered === null ? '—' : r.soundAlikeAnswered.toFixed(3)} | ${(r.trainMs / 1000).toFixed(1)} | ${r.p50.toFixed(3)} | ${r.p99.toFixed(3)} | ${Math.round(r.peakRssMb)} |`,
      );
      console.log(lines.at(-1));
    }
    lines.push('');
  }
  const markdown = `${lines.join('\n')}\n`;
  console.log(`\n${writeReport(path.join(root, 'bench', 'results', 'nlu.md'), markdown)}`);
}

await main();
