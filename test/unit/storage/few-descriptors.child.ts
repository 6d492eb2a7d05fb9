/**
 * Run by few-descriptors.test.ts in a process limited to a few dozen open files: writes more
 * keys and transcripts than that, then reads every one of them at once, from fresh stores (so
 * nothing comes from memory). Prints the outcome as JSON on stdout.
 */
import { createLowdbStorage } from '../../../src/storage/index.js';

const [dir, countText] = process.argv.slice(2);
const count = Number(countText);
const ids = Array.from({ length: count }, (_, i) => `conversation-${i}`);

const writer = createLowdbStorage(dir!);
const profiles = writer.keyValue('profiles');
await Promise.all(ids.map((id, i) => profiles.set(id, { id, visits: i })));
await Promise.all(ids.map((id, i) => writer.transcripts.append(id, { id: `${id}-1`, type: 'message', text: `hello ${i}`, timestamp: new Date(0).toISOString() } as never)));
await writer.flush();

const reader = createLowdbStorage(dir!);
const [values, transcripts] = await Promise.all([
  Promise.all(ids.map((id) => reader.keyValue('profiles').get<{ visits: number }>(id))),
  Promise.all(ids.map((id) => reader.transcripts.read(id))),
]);
process.stdout.write(
  JSON.stringify({
    profilesRead: values.filter((value, i) => value?.visits === i).length,
    transcriptsRead: transcripts.filter((lines, i) => lines.length === 1 && (lines[0] as { text?: string }).text === `hello ${i}`).length,
  }),
);
