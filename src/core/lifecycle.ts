import type { FastifyBaseLogger } from 'fastify';

/** A background job with an orderly start and stop (pollers, consumers, sweepers). */
export interface Worker {
  name: string;
  start(): void;
  stop(): Promise<void>;
}

/** Starts workers in order and stops them in reverse. */
export function workerRegistry(log: FastifyBaseLogger) {
  const started: Worker[] = [];
  return {
    start(worker: Worker): void {
      worker.start();
      started.push(worker);
      log.info({ worker: worker.name }, 'worker started');
    },
    async stopAll(): Promise<void> {
      for (const worker of started.reverse()) {
        await worker.stop().catch((error: unknown) => log.error({ err: error, worker: worker.name }, 'worker failed to stop'));
      }
      started.length = 0;
    },
  };
}

/**
 * A worker that runs `tick` every `intervalMs`, scheduling the next tick only after the current
 * one ends so ticks never overlap; errors are logged and never escape the loop.
 */
export function intervalWorker(name: string, intervalMs: number, tick: (signal: AbortSignal) => Promise<void>, log: FastifyBaseLogger): Worker {
  let timer: NodeJS.Timeout | undefined;
  let inFlight: Promise<void> | undefined;
  let stopping = false;
  const controller = new AbortController();

  const schedule = () => {
    if (stopping) return;
    timer = setTimeout(() => {
      inFlight = tick(controller.signal)
        .catch((error: unknown) => log.error({ err: error, worker: name }, 'worker tick failed'))
        .finally(() => {
          inFlight = undefined;
          schedule();
        });
    }, intervalMs);
    timer.unref();
  };

  return {
    name,
    start: schedule,
    async stop() {
      stopping = true;
      clearTimeout(timer);
      controller.abort();
      await inFlight;
    },
  };
}
