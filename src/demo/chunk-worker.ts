// A worker thread's loop: generate the chunks the main thread asks for and hand their bytes back (transferred, not
// copied). Started by parallel.ts; a chunk's bytes do not depend on which thread made it.
import { parentPort, workerData } from 'node:worker_threads';
import { generateChunk, type RunPlan } from './chunk.ts';

const plan = workerData as RunPlan;
const port = parentPort!;

port.on('message', (index: number) => {
  const chunk = generateChunk(plan, index);
  const transfer: ArrayBuffer[] = [];
  for (const blocks of Object.values(chunk.bytes)) for (const block of blocks) transfer.push(block.buffer as ArrayBuffer);
  port.postMessage({ index, chunk }, transfer);
});
