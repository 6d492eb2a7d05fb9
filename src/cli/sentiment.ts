import '../quiet-dotenv.js';
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { analyzeSentiment } from '../sentiment/index.js';
import { percentile } from '../metrics.js';
import { parseLabelledJsonl, scorePredictions } from '../sentiment/evaluate.js';
import type { SentimentLabel } from '../sentiment/types.js';

const USAGE = `usage: npm run sentiment -- eval --test TEST.jsonl

  eval   score the production sentiment analyser on {"text","label"} JSON Lines
         (labels negative | neutral | positive; language detected per line).
         The last stdout line is { n, accuracy, macroF1, perLabel, predictP99Ms }.`;

class UsageError extends Error {}
class HelpRequest extends Error {}

function parseArgs(argv: readonly string[]): { test: string } {
  const [command, ...rest] = argv;
  if (command === '--help' || command === '-h' || command === 'help') throw new HelpRequest();
  if (command === undefined) throw new UsageError('missing command');
  if (command !== 'eval') throw new UsageError(`unknown command "${command}"`);
  let test: string | undefined;
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i]!;
    if (arg === '--test') {
      test = rest[++i];
      if (test === undefined || test.startsWith('--')) throw new UsageError('--test needs a file');
    } else if (arg.startsWith('--test=')) {
      test = arg.slice('--test='.length);
    } else {
      throw new UsageError(`unknown argument "${arg}"`);
    }
  }
  if (!test) throw new UsageError('missing --test FILE');
  return { test };
}

function main(argv: readonly string[]): number {
  let args: { test: string };
  try {
    args = parseArgs(argv);
  } catch (error) {
    if (error instanceof HelpRequest) {
      process.stdout.write(`${USAGE}\n`);
      return 0;
    }
    if (!(error instanceof UsageError)) throw error;
    if (error.message) process.stderr.write(`sentiment: ${error.message}\n`);
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  let items;
  try {
    items = parseLabelledJsonl(readFileSync(args.test, 'utf8'), args.test);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const message = code === 'ENOENT' ? `cannot read ${args.test}: no such file` : code === 'EISDIR' ? `cannot read ${args.test}: it is a folder, not a file` : (error as Error).message;
    process.stderr.write(`sentiment: ${message}\n`);
    return 1;
  }
  if (items.length === 0) {
    process.stderr.write(`sentiment: ${args.test} has no examples\n`);
    return 1;
  }
  analyzeSentiment('warm up'); // load lexicons before timing
  analyzeSentiment('预热');
  const predicted: SentimentLabel[] = [];
  const times: number[] = [];
  for (const item of items) {
    const start = performance.now();
    predicted.push(analyzeSentiment(item.text).label);
    times.push(performance.now() - start);
  }
  const scores = scorePredictions(items.map((item) => item.label), predicted);
  const predictP99Ms = Math.round(percentile(times, 99) * 1000) / 1000;
  process.stdout.write(
    `sentiment eval on ${args.test}: accuracy ${scores.accuracy}, macro-F1 ${scores.macroF1}, p99 ${predictP99Ms} ms\n`,
  );
  process.stdout.write(`${JSON.stringify({ ...scores, predictP99Ms })}\n`);
  return 0;
}

process.exitCode = main(process.argv.slice(2));
