// A conversation thread whose store refuses every request (say, a read-only disk); it still ends when told to stop.
const { parentPort } = require('node:worker_threads');
parentPort.on('message', (message) => {
  if (message.kind !== 'request') return;
  parentPort.postMessage({ kind: 'refused', id: message.id, error: 'attempt to write a readonly database' });
  if (message.op === 'stop') parentPort.close();
});
parentPort.postMessage({ kind: 'ready' });
