/**
 * The yardstick of the load bench: a bare express app with one JSON route, run as its own
 * process on the same machine and hit by the same client, so Parley's turns per second can be
 * read as a share of what express itself does here. Prints `listening <port>` when ready.
 */
import express from 'express';

const port = Number(process.env.PORT);
const app = express();
let count = 0;
app.post('/v3/echo', express.json({ limit: '64kb' }), (req, res) => {
  count += 1;
  res.json({ id: `echo|${count}`, length: typeof req.body?.text === 'string' ? req.body.text.length : 0 });
});
app.listen(port, '127.0.0.1', () => process.stdout.write(`listening ${port}\n`));
