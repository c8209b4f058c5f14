/**
 * The local push service (push-service.ts) in a child process, driven over IPC.
 * The benchmark uses it so the service gets its own event loop; tests use the
 * in-process service, which can be programmed and inspected directly.
 */
import { fork } from 'node:child_process';
import type { PushServiceOptions, TestSubscriber } from './push-service.ts';

export type ChildRequest =
  | { type: 'create'; seq: number; count: number }
  | { type: 'stats'; seq: number }
  | { type: 'reset'; seq: number }
  | { type: 'close'; seq: number };

export type ChildReply =
  | { type: 'ready'; origin: string; caPem: string; caPath: string }
  | { type: 'created'; seq: number; subscribers: TestSubscriber[] }
  | {
      type: 'stats';
      seq: number;
      delivered: number;
      cpuMicros: NodeJS.CpuUsage;
      maxRssKb: number;
    }
  | { type: 'done'; seq: number };

export interface PushServiceStats {
  delivered: number;
  cpuMicros: NodeJS.CpuUsage;
  maxRssKb: number;
}

export interface PushServiceProcess {
  origin: string;
  caPem: string;
  caPath: string;
  createSubscribers(count: number): Promise<TestSubscriber[]>;
  stats(): Promise<PushServiceStats>;
  reset(): Promise<void>;
  close(): Promise<void>;
}

export async function startPushServiceProcess(
  options: PushServiceOptions = {},
): Promise<PushServiceProcess> {
  const child = fork(new URL('./push-service-child.ts', import.meta.url), {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, PUSH_SERVICE_OPTIONS: JSON.stringify(options) },
    serialization: 'advanced',
  });
  const pending = new Map<number, (reply: ChildReply) => void>();
  let seq = 0;
  const ready = await new Promise<Extract<ChildReply, { type: 'ready' }>>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`push service process exited with ${code}`)));
    child.on('message', (reply: ChildReply) => {
      if (reply.type === 'ready') resolve(reply);
      else pending.get(reply.seq)?.(reply);
    });
  });
  child.removeAllListeners('exit');

  function ask<T extends ChildReply['type']>(
    request: ChildRequest,
    type: T,
  ): Promise<Extract<ChildReply, { type: T }>> {
    return new Promise((resolve, reject) => {
      pending.set(request.seq, (reply) => {
        pending.delete(request.seq);
        if (reply.type === type) resolve(reply as Extract<ChildReply, { type: T }>);
        else reject(new Error(`expected ${type}, got ${reply.type}`));
      });
      child.send(request);
    });
  }

  return {
    origin: ready.origin,
    caPem: ready.caPem,
    caPath: ready.caPath,
    async createSubscribers(count) {
      return (await ask({ type: 'create', seq: ++seq, count }, 'created')).subscribers;
    },
    async stats() {
      const { delivered, cpuMicros, maxRssKb } = await ask({ type: 'stats', seq: ++seq }, 'stats');
      return { delivered, cpuMicros, maxRssKb };
    },
    async reset() {
      await ask({ type: 'reset', seq: ++seq }, 'done');
    },
    async close() {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      await ask({ type: 'close', seq: ++seq }, 'done');
      await exited;
    },
  };
}
