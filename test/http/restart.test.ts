import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { say } from '../../src/bot/messages.js';
import { loadKnowledgeDir, toTrainingExamples } from '../../src/kb/index.js';
import { loadOrTrainRecognizer } from '../../src/nlu/index.js';
import { namesProblem } from '../../src/tickets/index.js';
import { request, send, startConversation } from '../support/http.js';
import { sharedModelDir, startTestServer, tempDir, type TestServer } from '../support/server.js';

let server: TestServer | undefined;
afterAll(async () => {
  await server?.cleanup();
});

/**
 * A question the production recognizer finds ambiguous, so the bot asks "Did you mean …?". One that
 * names a problem ("… or damaged or wrong item?") is skipped: the bot may offer a complaint first.
 */
async function ambiguousQuestion(): Promise<string> {
  const intents = await loadKnowledgeDir(path.resolve('knowledge'));
  const recognizer = await loadOrTrainRecognizer(toTrainingExamples(intents), sharedModelDir);
  const titled = intents.filter((intent) => intent.title && !intent.dialog);
  for (const a of titled) {
    for (const b of titled) {
      const text = `${a.title!.en} or ${b.title!.en.toLowerCase()}?`;
      if (a !== b && !namesProblem(text) && recognizer.recognize(text).decision === 'clarify') return text;
    }
  }
  throw new Error('no ambiguous question found');
}

describe('a server restart', () => {
  it('keeps the whole history and resumes a half-finished dialog', async () => {
    const question = await ambiguousQuestion();
    const dataDir = await tempDir();
    server = await startTestServer({ dataDir });
    const conversation = await startConversation(server.url, 'en-US');
    await send(server.url, conversation, 'where is my order');
    const [clarify] = await send(server.url, conversation, question);
    expect(clarify.text).toBe(say('clarify', 'en'));
    const before = await request(server.url, 'GET', `/v3/directline/conversations/${conversation.conversationId}/activities`, { token: conversation.token });

    await server.stop();
    server = await startTestServer({ dataDir });

    // The same token still opens the conversation; the client asks from watermark 0.
    const resumed = await request(server.url, 'POST', '/v3/directline/conversations', { token: conversation.token, body: {} });
    expect(resumed.status).toBe(201);
    expect(resumed.body.conversationId).toBe(conversation.conversationId);
    const after = await request(server.url, 'GET', `/v3/directline/conversations/${conversation.conversationId}/activities`, { token: conversation.token });
    expect(after.body.activities).toEqual(before.body.activities);
    expect(after.body.activities.filter((a: any) => a.text === say('welcome', 'en'))).toHaveLength(1);

    // "Something else" only means something to the "Did you mean" dialog that was waiting.
    const [reply] = await send(server.url, conversation, say('somethingElse', 'en'));
    expect(reply.text).toBe(say('rephrase', 'en'));
  });
});
