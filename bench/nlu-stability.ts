/**
 * `npm run bench:stability`: how much an admin's small edit moves the bot's other answers. The
 * recognizer is trained on the knowledge base, then again with one example sentence added (one
 * edit per intent listed below); each retrained model reads the knowledge base's held-out and
 * blind test questions, and the bench counts those whose outcome (an intent answered, "Did you
 * mean", or "not sure") changed. An edit to one intent should move almost nothing else.
 * Uses only files in this repository.
 */
import '../src/quiet-dotenv.js';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadKnowledgeDir, toTrainingExamples } from '../src/kb/index.js';
import { readExamplesFile, trainRecognizer, type TrainedRecognizer } from '../src/nlu/index.js';
import { projectRoot } from '../src/project-root.js';

const root = projectRoot(path.dirname(fileURLToPath(import.meta.url)));
const seed = Number(process.argv[2] ?? 1);

/** One new example each, as an admin would add them: sentences that are in neither test set. */
const EDITS = [
  { text: '优惠券能叠加吗', intent: 'coupon_code' },
  { text: 'can i pay with klarna', intent: 'payment_methods' },
  { text: '我想换个大一码的鞋', intent: 'exchange_item' },
  { text: 'let me talk to your supervisor', intent: 'contact_human' },
  { text: '气死我了', intent: 'complaint' },
  { text: 'where is 1004417', intent: 'order_status' },
];

const base = toTrainingExamples(await loadKnowledgeDir(path.join(root, 'knowledge')));
const questions = (await Promise.all(['kb-heldout.jsonl', 'kb-blind-test.jsonl'].map((file) => readExamplesFile(path.join(root, 'test', 'fixtures', file))))).flat();
const outcomes = (recognizer: TrainedRecognizer) =>
  questions.map(({ text }) => {
    const recognition = recognizer.recognize(text);
    return recognition.decision === 'answer' ? recognition.intent : recognition.decision;
  });

const trainings = EDITS.length + 1;
let trained = 0;
const train = (examples: typeof base) => {
  const recognizer = trainRecognizer(examples, { seed });
  trained += 1;
  process.stderr.write(`\rtraining ${trained}/${trainings} (${Math.round((100 * trained) / trainings)} %)`);
  return recognizer;
};
const before = outcomes(train(base));
const rows = EDITS.map((edit) => {
  const after = outcomes(train([...base, edit]));
  const moved = questions.filter((_, i) => before[i] !== after[i]).length;
  return { edit: `${edit.intent} += "${edit.text}"`, moved };
});
process.stderr.write('\n');
const total = rows.reduce((sum, row) => sum + row.moved, 0);
console.log(`${questions.length} test questions, seed ${seed}; outcomes that changed when one example was added:`);
for (const row of rows) console.log(`  ${String(row.moved).padStart(3)}  ${row.edit}`);
console.log(`mean ${(total / rows.length).toFixed(1)} of ${questions.length} (${((100 * total) / rows.length / questions.length).toFixed(2)} %)`);
