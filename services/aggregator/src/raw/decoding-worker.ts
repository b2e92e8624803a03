// The decoding thread of the aggregator (see decoder.ts).
import { parentPort } from 'node:worker_threads';
import { type DecodeRequest, decodeRequest } from './decoder.js';

if (!parentPort) throw new Error('decoding-worker runs as a worker thread only');
const port = parentPort;
port.on('message', (request: DecodeRequest) => {
  port.postMessage(decodeRequest(request));
});
