// Chunks in file order, made by worker threads when there is more than one chunk: generating is CPU work, so two
// cores nearly halve the run. Workers run TypeScript through tsx, as the rest of madoguchi does (no build step).

import os from 'node:os';
import { Worker } from 'node:worker_threads';
import { chunkSize, generateChunk, type ChunkText, type RunPlan } from './chunk.ts';

/** The default number of generating threads: one per core, at most two (writing needs little CPU). */
export function defaultWorkers(): number {
  return Math.min(2, os.availableParallelism());
}

// An eval'd bootstrap registers tsx in the worker before importing the TypeScript entry: a worker does not inherit
// the main thread's loader hooks.
function startWorker(plan: RunPlan): Worker {
  const tsx = import.meta.resolve('tsx/esm/api');
  const entry = new URL('./chunk-worker.ts', import.meta.url).href;
  const bootstrap = `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(entry)}); });`;
  return new Worker(bootstrap, { eval: true, workerData: plan });
}

/** Yields every chunk of the run in order; with `workers` > 0 they are generated ahead on worker threads. */
export async function* chunksInOrder(plan: RunPlan, workers: number): AsyncGenerator<ChunkText> {
  const count = Math.ceil(plan.residents / chunkSize);
  if (workers <= 0 || count <= 1) {
    for (let index = 0; index < count; index++) yield generateChunk(plan, index);
    return;
  }
  const pool = Array.from({ length: Math.min(workers, count) }, () => startWorker(plan));
  const ahead = pool.length * 2; // chunks in flight or waiting to be written: bounds memory
  const ready = new Map<number, ChunkText>();
  let next = 0;
  let consumed = 0;
  let failure: Error | undefined;
  let wake: (() => void) | undefined;
  const idle = [...pool, ...pool]; // each worker takes two chunks at a time so it never waits for the main thread
  const dispatch = (): void => {
    while (idle.length > 0 && next < count && next - consumed < ahead) idle.shift()!.postMessage(next++);
  };
  for (const worker of pool) {
    worker.on('message', (message: { index: number; chunk: ChunkText }) => {
      ready.set(message.index, message.chunk);
      idle.push(worker);
      dispatch();
      wake?.();
    });
    worker.on('error', (error: Error) => {
      failure ??= error;
      wake?.();
    });
  }
  try {
    dispatch();
    for (let index = 0; index < count; index++) {
      while (!ready.has(index)) {
        if (failure) throw failure;
        await new Promise<void>((resolve) => (wake = resolve));
      }
      const chunk = ready.get(index)!;
      ready.delete(index);
      consumed++;
      dispatch();
      yield chunk;
    }
  } finally {
    await Promise.all(pool.map((worker) => worker.terminate()));
  }
}
