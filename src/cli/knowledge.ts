import '../quiet-dotenv.js';
import { KnowledgeError, loadKnowledgeDir, structuralWarnings, validateKnowledge, type Intent } from '../kb/index.js';

const usage = `usage: npm run knowledge -- check DIR
       npm run knowledge -- bundle DIR > knowledge.json

A knowledge folder (KNOWLEDGE_DIR: *.json files of {"intents": [...]}) is read only on the first
start of a DATA_DIR; after that the bot answers from what is published in /admin.

  check    validate DIR as a first start would (an error names the file and the JSON path) and
           list the warnings of a publish that need no training (duplicate or thin examples,
           missing answers; accuracy and quick replies are checked by Publish… in /admin)
  bundle   DIR's intents as one JSON document on stdout, for Import JSON on the admin
           Knowledge page (or POST /api/knowledge/import): it replaces the whole draft`;

class UsageError extends Error {}

async function load(dir: string): Promise<Intent[]> {
  try {
    // As the first start does: each file, then the whole (names unique, fields complete).
    return validateKnowledge({ intents: await loadKnowledgeDir(dir) });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new KnowledgeError(`${dir} does not exist`, dir, '$');
    if (code === 'ENOTDIR') throw new KnowledgeError(`${dir} is not a folder`, dir, '$');
    throw error;
  }
}

async function main(argv: string[]): Promise<void> {
  const [command, dir, ...extra] = argv;
  if (command === '--help' || command === '-h' || command === 'help') {
    process.stdout.write(`${usage}\n`);
    return;
  }
  if (command === undefined) throw new UsageError('missing command');
  if (command !== 'check' && command !== 'bundle') throw new UsageError(`unknown command "${command}"`);
  if (dir === undefined || dir.startsWith('-')) throw new UsageError(`${command} needs the knowledge folder`);
  if (extra.length > 0) throw new UsageError(`unexpected argument "${extra[0]}"`);
  const intents = await load(dir);
  if (command === 'bundle') {
    process.stdout.write(`${JSON.stringify({ intents }, null, 2)}\n`);
    return;
  }
  const examples = (language: 'en' | 'zh') => intents.reduce((sum, intent) => sum + intent.utterances[language].length, 0);
  const warnings = structuralWarnings(intents);
  for (const warning of warnings) process.stderr.write(`warning: ${warning.message}\n`);
  process.stdout.write(`${dir}: ${intents.length} intents, ${examples('en')} English and ${examples('zh')} Chinese examples, ${warnings.length} warning${warnings.length === 1 ? '' : 's'}\n`);
}

// \`bundle DIR | head\`: a reader that stops early is not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
  process.exit(0);
});

main(process.argv.slice(2)).catch((error: unknown) => {
  if (error instanceof UsageError) process.stderr.write(`knowledge: ${error.message}\n${usage}\n`);
  else if (error instanceof KnowledgeError || (error as Error).name === 'InvalidKnowledgeError') process.stderr.write(`knowledge: ${(error as Error).message}\n`);
  else throw error;
  process.exitCode = 1;
});
