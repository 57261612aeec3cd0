// A conversation thread that starts, then dies on the first request it gets (as a crash would).
const { parentPort } = require('node:worker_threads');
parentPort.on('message', () => process.exit(3));
parentPort.postMessage({ kind: 'ready' });
