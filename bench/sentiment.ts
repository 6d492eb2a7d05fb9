/**
 * Sentiment benchmark: Parley's analyser side by side with natural's plain AFINN analyser,
 * the `sentiment` npm package and NLP.js's SentimentAnalyzer, on the public sets' test
 * splits (when ../shared/datasets is present) and on our own hand-written fixtures.
 * Prints a table and writes bench/results/sentiment.md.
 *
 *   npm run bench:sentiment
 */
import '../src/quiet-dotenv.js';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import natural from 'natural';
import { analyzeSentiment } from '../src/sentiment/index.js';
import { percentile } from '../src/metrics.js';
import { parseLabelledJsonl, scorePredictions } from '../src/sentiment/evaluate.js';
import type { LabelledText } from '../src/sentiment/evaluate.js';
import type { SentimentLabel } from '../src/sentiment/types.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const datasets = resolve(root, '../shared/datasets');
const fixtures = join(root, 'test/fixtures/sentiment');

interface DataSet {
  name: string;
  file: string;
  language: 'en' | 'zh';
}
interface System {
  name: string;
  predict: (text: string, language: 'en' | 'zh') => SentimentLabel | Promise<SentimentLabel>;
}
interface Row {
  set: string;
  system: string;
  n: number;
  accuracy: number;
  macroF1: number;
  p50: number;
  p99: number;
}

const bySign = (score: number): SentimentLabel =>
  score > 0 ? 'positive' : score < 0 ? 'negative' : 'neutral';

function systems(): System[] {
  const afinn = new natural.SentimentAnalyzer('English', natural.PorterStemmer, 'afinn');
  const tokenizer = new natural.WordTokenizer();
  const require = createRequire(import.meta.url);
  // The `sentiment` package ships no types; this is the one call the benchmark makes.
  const Sentiment = require('sentiment') as new () => { analyze(text: string): { score: number } };
  const sentiment = new Sentiment();
  const list: System[] = [
    { name: 'Parley', predict: (text) => analyzeSentiment(text).label },
    {
      name: 'natural AFINN',
      predict: (text) => bySign(afinn.getSentiment(tokenizer.tokenize(text) ?? [])),
    },
    { name: 'sentiment (npm)', predict: (text) => bySign(sentiment.analyze(text).score) },
  ];
  try {
    const { SentimentAnalyzer } = require('node-nlp') as {
      SentimentAnalyzer: new (options: { language: string }) => {
        getSentiment(text: string): Promise<{ vote: string }>;
      };
    };
    const analyzers = {
      en: new SentimentAnalyzer({ language: 'en' }),
      zh: new SentimentAnalyzer({ language: 'zh' }),
    };
    list.push({
      name: 'NLP.js',
      predict: async (text, language) => {
        const { vote } = await analyzers[language].getSentiment(text);
        return vote === 'positive' || vote === 'negative' ? vote : 'neutral';
      },
    });
  } catch (error) {
    process.stderr.write(`NLP.js skipped: ${(error as Error).message}\n`);
  }
  return list;
}

function dataSets(): DataSet[] {
  const sets: DataSet[] = [];
  if (existsSync(datasets)) {
    sets.push(
      { name: 'airline-tweets test (en, 3 classes)', file: join(datasets, 'airline-tweets/test.jsonl'), language: 'en' },
      { name: 'waimai-zh test (zh, 2 classes)', file: join(datasets, 'waimai-zh/test.jsonl'), language: 'zh' },
    );
  } else {
    process.stdout.write(`Public sets skipped: ${datasets} is absent; running on fixtures only.\n`);
  }
  sets.push(
    { name: 'Parley fixtures (en, 3 classes)', file: join(fixtures, 'en.jsonl'), language: 'en' },
    { name: 'Parley fixtures (zh, 3 classes)', file: join(fixtures, 'zh.jsonl'), language: 'zh' },
  );
  return sets.filter((set) => {
    if (existsSync(set.file)) return true;
    process.stdout.write(`Skipped ${set.name}: ${set.file} is missing.\n`);
    return false;
  });
}

async function run(system: System, set: DataSet, items: LabelledText[]): Promise<Row> {
  await system.predict('warm up', set.language);
  const predicted: SentimentLabel[] = [];
  const times: number[] = [];
  for (const item of items) {
    const start = performance.now();
    predicted.push(await system.predict(item.text, set.language));
    times.push(performance.now() - start);
  }
  const scores = scorePredictions(items.map((item) => item.label), predicted);
  const ms = (x: number): number => Math.round(x * 1000) / 1000;
  return {
    set: set.name,
    system: system.name,
    n: scores.n,
    accuracy: scores.accuracy,
    macroF1: scores.macroF1,
    p50: ms(percentile(times, 50)),
    p99: ms(percentile(times, 99)),
  };
}

function table(rows: Row[]): string {
  const lines = [
    '| set | system | n | accuracy | macro-F1 | p50 ms | p99 ms |',
    '|---|---|---:|---:|---:|---:|---:|',
  ];
  for (const r of rows) {
    const name = r.system === 'Parley' ? `**${r.system}**` : r.system;
    lines.push(`| ${r.set} | ${name} | ${r.n} | ${r.accuracy.toFixed(3)} | ${r.macroF1.toFixed(3)} | ${r.p50} | ${r.p99} |`);
  }
  return lines.join('\n');
}

async function main(): Promise<void> {
  const rows: Row[] = [];
  const all = systems();
  for (const set of dataSets()) {
    const items = parseLabelledJsonl(readFileSync(set.file, 'utf8'), set.file);
    for (const system of all) rows.push(await run(system, set, items));
  }
  const markdown = table(rows);
  process.stdout.write(`${markdown}\n`);
  const resultsFile = join(root, 'bench/results/sentiment.md');
  const previous = existsSync(resultsFile) ? readFileSync(resultsFile, 'utf8') : '';
  const notesAt = previous.indexOf('\n## Notes');
  const notes = notesAt >= 0 ? previous.slice(notesAt) : '';
  writeFileSync(
    resultsFile,
    `# Sentiment benchmark\n\nGenerated by \`npm run bench:sentiment\` (Node ${process.version}). ` +
      'Labels from each system: Parley\'s own label; natural AFINN (PorterStemmer, WordTokenizer) and ' +
      '`sentiment` by the sign of the score; NLP.js by its `vote`. On two-class sets a neutral ' +
      'prediction counts as wrong. Latency is per message, in process.\n\n' +
      `${markdown}\n${notes}`,
  );
}

await main();
