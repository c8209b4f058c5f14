import type { AddressInfo } from 'node:net';
import { createSecureContext, createServer, type Server, type TLSSocket } from 'node:tls';
import { afterEach, describe, expect, test } from 'vitest';
import { HttpAnswerParser } from '../../../server/push/sender/http-answer-parser.ts';
import { OriginClient, TimeoutError } from '../../../server/push/sender/origin-client.ts';
import { testTls } from '../../support/push-service.ts';

const REQUEST = Buffer.from(
  'POST /push/s1 HTTP/1.1\r\nHost: push.test\r\nContent-Length: 2\r\n\r\nhi',
);

/** Feeds `text` to a parser in pieces of `step` bytes; returns the answer once complete. */
function parse(text: string, step = Number.POSITIVE_INFINITY, maxReasonBytes = 512) {
  const parser = new HttpAnswerParser(maxReasonBytes);
  const bytes = Buffer.from(text);
  for (let offset = 0; offset < bytes.length; offset += step) {
    if (parser.push(bytes.subarray(offset, Math.min(bytes.length, offset + step)))) {
      return { answer: parser.answer, keepAlive: parser.keepAlive };
    }
  }
  return undefined;
}

describe('HttpAnswerParser', () => {
  test('a Content-Length answer, whole or a byte at a time', () => {
    const text = 'HTTP/1.1 201 Created\r\nLocation: /m/1\r\nContent-Length: 5\r\n\r\nhello';
    for (const step of [Number.POSITIVE_INFINITY, 1]) {
      // A 2xx body is read past, not kept.
      expect(parse(text, step)).toEqual({
        answer: { status: 201, retryAfter: undefined, reason: '' },
        keepAlive: true,
      });
    }
  });

  test('a chunked error answer with extensions and trailers, cut anywhere', () => {
    const text =
      'HTTP/1.1 400 Bad Request\r\nTransfer-Encoding: chunked\r\n\r\n' +
      '7;ext=1\r\nbad key\r\n3\r\n: p\r\n5\r\n256dh\r\n0\r\nX-Trailer: 1\r\n\r\n';
    for (const step of [Number.POSITIVE_INFINITY, 1, 2, 7]) {
      expect(parse(text, step)).toEqual({
        answer: { status: 400, retryAfter: undefined, reason: 'bad key: p256dh' },
        keepAlive: true,
      });
    }
  });

  test('429 with Retry-After; the kept reason stops at the limit, never inside a character', () => {
    const text =
      'HTTP/1.1 429 Too Many Requests\r\nretry-after:  120 \r\nContent-Length: 11\r\n\r\nslow ééé';
    // 8 bytes: 'slow ', one 'é' (2 bytes) and half of the next.
    expect(parse(text, 3, 8)).toEqual({
      answer: { status: 429, retryAfter: '120', reason: 'slow é' },
      keepAlive: true,
    });
  });

  test('an interim 100 Continue is skipped; a 204 has no body', () => {
    expect(parse('HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 204 No Content\r\n\r\n')).toEqual({
      answer: { status: 204, retryAfter: undefined, reason: '' },
      keepAlive: true,
    });
  });

  test('Connection: close, HTTP/1.0 and bytes after the answer end the connection', () => {
    expect(parse('HTTP/1.1 201 Created\r\nConnection: close\r\nContent-Length: 0\r\n\r\n')).toEqual(
      expect.objectContaining({ keepAlive: false }),
    );
    expect(parse('HTTP/1.0 201 Created\r\nContent-Length: 0\r\n\r\n')).toEqual(
      expect.objectContaining({ keepAlive: false }),
    );
    expect(
      parse('HTTP/1.0 201 Created\r\nConnection: keep-alive\r\nContent-Length: 0\r\n\r\n'),
    ).toEqual(expect.objectContaining({ keepAlive: true }));
    expect(parse('HTTP/1.1 201 Created\r\nContent-Length: 0\r\n\r\nHTTP/1.1 201')).toEqual(
      expect.objectContaining({ keepAlive: false }),
    );
  });

  test('an answer without a length ends with the connection', () => {
    const parser = new HttpAnswerParser(512);
    expect(parser.push(Buffer.from('HTTP/1.1 500 Oops\r\n\r\ndatabase '))).toBe(false);
    expect(parser.push(Buffer.from('down'))).toBe(false);
    expect(parser.end()).toBe(true);
    expect(parser.answer).toEqual({ status: 500, retryAfter: undefined, reason: 'database down' });
    expect(parser.keepAlive).toBe(false);
  });

  test.each([
    ['a bad status line', 'HTTP/2 200 OK\r\n\r\n'],
    ['a header line without a colon', 'HTTP/1.1 201 Created\r\nnonsense\r\n\r\n'],
    [
      'conflicting lengths',
      'HTTP/1.1 201 Created\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n',
    ],
    ['a bad chunk size', 'HTTP/1.1 201 Created\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n'],
    [
      'a chunk longer than its size',
      'HTTP/1.1 201 Created\r\nTransfer-Encoding: chunked\r\n\r\n1\r\nab\r\n',
    ],
    ['a head without an end', `HTTP/1.1 201 Created\r\nX: ${'a'.repeat(17_000)}`],
  ])('refuses %s', (_, text) => {
    expect(() => parse(text)).toThrow();
  });

  test('an answer cut short by the connection is not complete', () => {
    const parser = new HttpAnswerParser(512);
    expect(parser.hasStarted).toBe(false);
    expect(parser.push(Buffer.from('HTTP/1.1 201 Created\r\nContent-Length: 5\r\n\r\nhe'))).toBe(
      false,
    );
    expect(parser.hasStarted).toBe(true);
    expect(parser.end()).toBe(false);
  });
});

describe('OriginClient', () => {
  const { key, cert, caPem } = testTls();
  const secureContext = createSecureContext({ ca: caPem });
  const cleanups: Array<() => void> = [];

  afterEach(() => {
    for (const cleanup of cleanups.splice(0)) cleanup();
  });

  /**
   * A TLS server that hands each request (head and body) to `answer` with its socket and the
   * connection's request count, and records how many connections it accepted.
   */
  async function serve(answer: (socket: TLSSocket, request: string, nth: number) => void) {
    const stats = { connections: 0 };
    const server: Server = createServer({ key, cert }, (socket) => {
      stats.connections += 1;
      let nth = 0;
      let received = '';
      socket.on('data', (chunk: Buffer) => {
        received += chunk.toString('latin1');
        if (!received.endsWith('\r\n\r\nhi')) return;
        nth += 1;
        const request = received;
        received = '';
        answer(socket, request, nth);
      });
      socket.on('error', () => undefined);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const client = new OriginClient({
      hostname: '127.0.0.1',
      port,
      secureContext,
      idleTimeoutMs: 30_000,
      maxReasonBytes: 512,
    });
    cleanups.push(() => {
      client.close();
      server.close();
    });
    return { client, stats, port };
  }

  test('sends the request as given and reuses the connection for the next one', async () => {
    const requests: string[] = [];
    const { client, stats } = await serve((socket, request) => {
      requests.push(request);
      socket.write('HTTP/1.1 201 Created\r\nContent-Length: 0\r\n\r\n');
    });
    for (let i = 0; i < 3; i++) {
      await expect(client.send(REQUEST, 2_000)).resolves.toEqual({
        status: 201,
        retryAfter: undefined,
        reason: '',
      });
    }
    expect(requests).toEqual(Array(3).fill(REQUEST.toString('latin1')));
    expect(stats.connections).toBe(1);
  });

  test('a chunked error answer written in pieces, then the connection serves again', async () => {
    const { client, stats } = await serve((socket, _, nth) => {
      if (nth > 1) {
        socket.write('HTTP/1.1 201 Created\r\nContent-Length: 0\r\n\r\n');
        return;
      }
      socket.write('HTTP/1.1 413 Payload Too Large\r\nTransfer-Encoding: chunked\r\n\r\n4\r\n');
      setTimeout(() => socket.write('too \r\n5\r\nlarge\r\n0\r\n\r\n'), 20);
    });
    await expect(client.send(REQUEST, 2_000)).resolves.toEqual({
      status: 413,
      retryAfter: undefined,
      reason: 'too large',
    });
    await expect(client.send(REQUEST, 2_000)).resolves.toMatchObject({ status: 201 });
    expect(stats.connections).toBe(1);
  });

  test('429 with Retry-After and an error body', async () => {
    const { client } = await serve((socket) => {
      socket.write(
        'HTTP/1.1 429 Too Many Requests\r\nRetry-After: 30\r\nContent-Length: 13\r\n\r\nslow down ...',
      );
    });
    await expect(client.send(REQUEST, 2_000)).resolves.toEqual({
      status: 429,
      retryAfter: '30',
      reason: 'slow down ...',
    });
  });

  test('an answer delimited by the end of the connection; the next request opens another', async () => {
    const { client, stats } = await serve((socket) => {
      socket.end('HTTP/1.1 503 Service Unavailable\r\n\r\nback soon');
    });
    await expect(client.send(REQUEST, 2_000)).resolves.toEqual({
      status: 503,
      retryAfter: undefined,
      reason: 'back soon',
    });
    await client.send(REQUEST, 2_000);
    expect(stats.connections).toBe(2);
  });

  test('a keep-alive connection the service closed while idle is not used again', async () => {
    const { client, stats } = await serve((socket) => {
      socket.write('HTTP/1.1 201 Created\r\nContent-Length: 0\r\n\r\n');
      setTimeout(() => socket.end(), 10);
    });
    await client.send(REQUEST, 2_000);
    await new Promise((resolve) => setTimeout(resolve, 100));
    await expect(client.send(REQUEST, 2_000)).resolves.toMatchObject({ status: 201 });
    expect(stats.connections).toBe(2);
  });

  test('a reused connection reset before any answer is retried once on a new one', async () => {
    const { client, stats } = await serve((socket, _, nth) => {
      // The first connection answers once, then drops the next request unanswered.
      if (stats.connections === 1 && nth === 2) socket.destroy();
      else socket.write('HTTP/1.1 201 Created\r\nContent-Length: 0\r\n\r\n');
    });
    await client.send(REQUEST, 2_000);
    await expect(client.send(REQUEST, 2_000)).resolves.toMatchObject({ status: 201 });
    expect(stats.connections).toBe(2);
  });

  test('a new connection reset before any answer is an error, not retried', async () => {
    const { client, stats } = await serve((socket) => socket.destroy());
    await expect(client.send(REQUEST, 2_000)).rejects.toMatchObject({ code: 'ECONNRESET' });
    expect(stats.connections).toBe(1);
  });

  test('a connection cut in the middle of an answer is an error, not retried', async () => {
    const { client, stats } = await serve((socket, _, nth) => {
      if (nth === 1) socket.write('HTTP/1.1 201 Created\r\nContent-Length: 0\r\n\r\n');
      else socket.end('HTTP/1.1 201 Created\r\nContent-Length: 10\r\n\r\nabc');
    });
    await client.send(REQUEST, 2_000);
    await expect(client.send(REQUEST, 2_000)).rejects.toMatchObject({ code: 'ECONNRESET' });
    expect(stats.connections).toBe(1);
  });

  test('no answer in time is a timeout; the connection is dropped, the next one answers', async () => {
    const { client, stats } = await serve((socket, _, nth) => {
      if (stats.connections > 1 || nth > 1) {
        socket.write('HTTP/1.1 201 Created\r\nContent-Length: 0\r\n\r\n');
      }
    });
    const started = Date.now();
    await expect(client.send(REQUEST, 150)).rejects.toBeInstanceOf(TimeoutError);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    await expect(client.send(REQUEST, 2_000)).resolves.toMatchObject({ status: 201 });
    expect(stats.connections).toBe(2);
  });

  test('a malformed answer is an error, and its connection is not reused', async () => {
    const { client, stats } = await serve((socket, _, nth) => {
      socket.write(
        nth === 1 && stats.connections === 1
          ? 'HTTP/1.1 201 Created\r\nContent-Length: x\r\n\r\n'
          : 'HTTP/1.1 201 Created\r\nContent-Length: 0\r\n\r\n',
      );
    });
    await expect(client.send(REQUEST, 2_000)).rejects.toMatchObject({
      code: 'ERR_PUSH_MALFORMED_ANSWER',
    });
    await expect(client.send(REQUEST, 2_000)).resolves.toMatchObject({ status: 201 });
    expect(stats.connections).toBe(2);
  });

  test('a certificate from a CA the client does not trust is refused', async () => {
    const { port } = await serve((socket) => {
      socket.write('HTTP/1.1 201 Created\r\nContent-Length: 0\r\n\r\n');
    });
    const untrusting = new OriginClient({
      hostname: '127.0.0.1',
      port,
      secureContext: createSecureContext({}),
      idleTimeoutMs: 30_000,
      maxReasonBytes: 512,
    });
    cleanups.push(() => untrusting.close());
    await expect(untrusting.send(REQUEST, 2_000)).rejects.toMatchObject({
      code: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
    });
  });

  test('requests at once open connections side by side; a closed client sends nothing', async () => {
    const { client, stats } = await serve((socket) => {
      setTimeout(() => socket.write('HTTP/1.1 201 Created\r\nContent-Length: 0\r\n\r\n'), 30);
    });
    const answers = await Promise.all([1, 2, 3].map(() => client.send(REQUEST, 2_000)));
    expect(answers.map((a) => a.status)).toEqual([201, 201, 201]);
    expect(stats.connections).toBe(3);
    client.close();
    await expect(client.send(REQUEST, 2_000)).rejects.toThrow(/closed/);
  });
});
