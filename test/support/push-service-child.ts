/**
 * Runs the local push service in its own process (see push-service-process.ts),
 * so that in the benchmark its TLS, verification and decryption do not share
 * an event loop with the sender being measured.
 */
import { startPushService, type PushServiceOptions } from './push-service.ts';
import type { ChildReply, ChildRequest } from './push-service-process.ts';

const options = JSON.parse(process.env.PUSH_SERVICE_OPTIONS ?? '{}') as PushServiceOptions;
const service = await startPushService(options);

function reply(message: ChildReply): void {
  process.send?.(message);
}

process.on('message', (request: ChildRequest) => {
  switch (request.type) {
    case 'create':
      reply({
        type: 'created',
        seq: request.seq,
        subscribers: service.createSubscribers(request.count),
      });
      break;
    case 'stats':
      reply({
        type: 'stats',
        seq: request.seq,
        delivered: service.deliveredCount(),
        cpuMicros: process.cpuUsage(),
        maxRssKb: process.resourceUsage().maxRSS,
      });
      break;
    case 'reset':
      service.reset();
      reply({ type: 'done', seq: request.seq });
      break;
    case 'close':
      void service.close().then(() => {
        reply({ type: 'done', seq: request.seq });
        process.disconnect();
      });
      break;
  }
});

reply({ type: 'ready', origin: service.origin, caPem: service.caPem, caPath: service.caPath });
