import '../quiet-dotenv.js';
import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { loadKnowledgeDir, settleSmallTalk, toTrainingExamples } from '../kb/index.js';
import { evaluateRecognizer, type BotReading, readExamplesFile, trainRecognizer, type TrainingExample } from '../nlu/index.js';

const usage = `usage: npm run nlu -- eval (--train TRAIN.jsonl | --kb DIR) --test TEST.jsonl [--seed N] [--save MODEL.json]

Trains the production recognizer and evaluates it on {"text","intent"} lines (intent "oos" =
should be recognised as out of scope). The last stdout line is one JSON object:
{ n, accuracy, macroF1, inScopeAccuracy, oosRecall, oosPrecision, trainMs, predictP50Ms, predictP99Ms, ... }`;

class UsageError extends Error {}

function progressBar(label: string): (fraction: number) => void {
  let last = -1;
  const tty = process.stderr.isTTY;
  return (fraction) => {
    const percent = Math.floor(fraction * 100);
    if (percent === last || (!tty && percent % 10 !== 0 && percent !== 100)) return;
    last = percent;
    const width = 30;
    const filled = Math.round((percent / 100) * width);
    const bar = `${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${String(percent).padStart(3)}%`;
    process.stderr.write(tty ? `\r${bar}${percent === 100 ? '\n' : ''}` : `${bar}\n`);
  };
}

/** Reading a folder as a file fails without naming it (EISDIR has no path): name it. */
const readExamples = (file: string) =>
  readExamplesFile(file).catch((error: NodeJS.ErrnoException) => {
    error.path ??= file;
    throw error;
  });

/** The examples to train on and, from a knowledge base, what the bot makes of a recognition knowing its small talk. */
async function trainingExamples(values: { train?: string; kb?: string }): Promise<{ examples: TrainingExample[]; reading?: BotReading }> {
  if (!values.kb) return { examples: await readExamples(values.train!) };
  const knowledge = await loadKnowledgeDir(values.kb);
  const intents = new Map(knowledge.map((intent) => [intent.name, intent]));
  return { examples: toTrainingExamples(knowledge), reading: (recognition) => settleSmallTalk(recognition, intents) };
}

async function evaluate(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      train: { type: 'string' },
      kb: { type: 'string' },
      test: { type: 'string' },
      seed: { type: 'string' },
      save: { type: 'string' },
    },
    strict: true,
  });
  if (!values.test) throw new UsageError('missing --test TEST.jsonl');
  if (!values.train === !values.kb) throw new UsageError('give exactly one of --train TRAIN.jsonl or --kb DIR');
  const seed = values.seed === undefined ? 1 : Number(values.seed);
  if (!Number.isInteger(seed)) throw new UsageError(`--seed must be an integer, got "${values.seed}"`);
  const [{ examples: train, reading }, tests] = await Promise.all([trainingExamples(values), readExamples(values.test)]);
  if (train.length === 0) throw new Error('no training examples');
  if (tests.length === 0) throw new Error(`${values.test}: no test lines`);
  const start = performance.now();
  const recognizer = trainRecognizer(train, { seed, onProgress: progressBar(`training on ${train.length} examples`) });
  const trainMs = Math.round(performance.now() - start);
  if (values.save) await writeFile(values.save, JSON.stringify(recognizer.toJSON()));
  const report = evaluateRecognizer(recognizer, tests, reading);
  const { n, accuracy, macroF1, inScopeAccuracy, oosRecall, oosPrecision, predictP50Ms, predictP99Ms, ...extra } = report;
  process.stderr.write(
    `${recognizer.intents.length} intents, temperature ${recognizer.temperature.toFixed(3)}, ` +
      `not-sure below in-scope score ${recognizer.thresholds.fallback.toFixed(3)}, did-you-mean within ${recognizer.thresholds.clarifyMargin.toFixed(3)}, near-verbatim within ${recognizer.thresholds.nearVerbatim.toFixed(3)} (right ${recognizer.thresholds.nearVerbatimPrecision.toFixed(3)})\n`,
  );
  const line = { n, accuracy, macroF1, inScopeAccuracy, oosRecall, oosPrecision, trainMs, predictP50Ms, predictP99Ms, ...extra };
  process.stdout.write(`${JSON.stringify(line)}\n`);
}

async function main(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  if (command === 'eval') return evaluate(rest);
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    if (command === undefined) throw new UsageError('missing command');
    process.stdout.write(`${usage}\n`);
    return;
  }
  throw new UsageError(`unknown command "${command}"`);
}

/** A file or folder the command line named that is not there: one line naming it, not Node's errno text. */
function describe(error: unknown): string {
  const { code, path: where } = error as NodeJS.ErrnoException;
  if (code === 'ENOENT' && where) return `cannot read ${where}: no such file or folder`;
  if (code === 'ENOTDIR' && where) return `${where} is not a folder`;
  if (code === 'EISDIR' && where) return `cannot read ${where}: it is a folder, not a file`;
  return error instanceof Error ? error.message : String(error);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  const message = describe(error);
  process.stderr.write(`nlu: ${message}\n`);
  if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
    process.stderr.write(`${usage}\n`);
  }
  process.exitCode = 1;
});
