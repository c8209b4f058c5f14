import { isIP, type LookupFunction } from 'node:net';
import { connect, type SecureContext, type TLSSocket } from 'node:tls';
import { HttpAnswerParser, type HttpAnswer } from './http-answer-parser.ts';

export class TimeoutError extends Error {
  readonly code = 'ETIMEDOUT';
  constructor(message: string) {
    super(message);
    this.name = 'TimeoutError';
  }
}

export interface OriginClientOptions {
  /** Host name or IP address (IPv6 without brackets). */
  hostname: string;
  port: number;
  secureContext: SecureContext;
  /** Resolves the hostname at connect time; Node's own lookup when absent. */
  lookup?: LookupFunction | undefined;
  /** An idle connection is closed after this long without traffic. */
  idleTimeoutMs: number;
  /** Bytes of an error answer's body kept for the delivery record. */
  maxReasonBytes: number;
}

/** How an exchange ended; `isUnanswered`: no byte of the answer had arrived. */
type ExchangeEnd = { answer: HttpAnswer } | { error: Error; isUnanswered: boolean };
type Settle = (end: ExchangeEnd) => void;

interface Exchange {
  parser: HttpAnswerParser;
  timer: NodeJS.Timeout;
  settle: Settle;
}

function hangUp(): NodeJS.ErrnoException {
  return Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
}

/** One TLS connection carrying one request at a time. */
class Connection {
  readonly socket: TLSSocket;
  /** Requests answered on this connection; a reused one may have been closed by the peer. */
  answered = 0;
  #exchange: Exchange | undefined;
  #isClosed = false;
  readonly #onIdle: (connection: Connection) => void;
  readonly #onClosed: (connection: Connection) => void;

  constructor(
    options: OriginClientOptions,
    onIdle: (connection: Connection) => void,
    onClosed: (connection: Connection) => void,
  ) {
    this.#onIdle = onIdle;
    this.#onClosed = onClosed;
    this.socket = connect({
      host: options.hostname,
      port: options.port,
      // SNI takes names only (RFC 6066 §3).
      ...(isIP(options.hostname) === 0 ? { servername: options.hostname } : {}),
      secureContext: options.secureContext,
      ...(options.lookup ? { lookup: options.lookup } : {}),
    });
    // A request is one write that should leave at once, not wait for the last answer's ACK.
    this.socket.setNoDelay(true);
    // Activity of any kind restarts it; an exchange has its own timer.
    this.socket.setTimeout(options.idleTimeoutMs, () => {
      if (!this.#exchange) this.socket.destroy();
    });
    this.socket.on('data', (chunk: Buffer) => this.#onData(chunk));
    this.socket.on('end', () => this.#onEnd());
    this.socket.on('error', (error) => this.#close(error));
    this.socket.on('close', () => this.#close(hangUp()));
  }

  /**
   * Sends one request (head and body in one buffer, so in one TLS record) and calls `settle`
   * once, with the answer or the error. The timer runs from now to the end of the answer.
   */
  exchange(request: Buffer, timeoutMs: number, maxReasonBytes: number, settle: Settle): void {
    const timer = setTimeout(() => {
      this.socket.destroy(new TimeoutError(`no answer within ${timeoutMs} ms`));
    }, timeoutMs);
    this.#exchange = { parser: new HttpAnswerParser(maxReasonBytes), timer, settle };
    this.socket.ref();
    this.socket.write(request);
  }

  #onData(chunk: Buffer): void {
    const exchange = this.#exchange;
    if (!exchange) {
      // Nothing was asked: a peer talking out of turn cannot be trusted with the next request.
      this.socket.destroy();
      return;
    }
    let isComplete: boolean;
    try {
      isComplete = exchange.parser.push(chunk);
    } catch (error) {
      this.socket.destroy(error as Error);
      return;
    }
    if (!isComplete) return;
    this.#finish(exchange);
  }

  #onEnd(): void {
    const exchange = this.#exchange;
    if (exchange?.parser.end()) this.#finish(exchange);
    // Cut short, or closed by the peer while idle: out of the pool before anyone writes to it.
    else this.#close(hangUp());
  }

  #finish(exchange: Exchange): void {
    clearTimeout(exchange.timer);
    this.#exchange = undefined;
    this.answered += 1;
    if (exchange.parser.keepAlive && !this.#isClosed) {
      // Idle connections do not keep the process alive (as an https.Agent's free sockets).
      this.socket.unref();
      this.#onIdle(this);
    } else this.socket.destroy();
    exchange.settle({ answer: exchange.parser.answer });
  }

  #close(error: Error): void {
    if (!this.#isClosed) {
      this.#isClosed = true;
      this.#onClosed(this);
    }
    const exchange = this.#exchange;
    if (!exchange) return;
    clearTimeout(exchange.timer);
    this.#exchange = undefined;
    this.socket.destroy();
    exchange.settle({ error, isUnanswered: !exchange.parser.hasStarted });
  }
}

/**
 * A minimal keep-alive HTTP/1.1 client for one push-service origin: POSTs on TLS connections
 * of its own, one request per connection at a time, idle connections reused last-in first-out.
 * It exists because Node's http client costs ~30–40 µs of main-thread time per request
 * (ClientRequest, header validation, the agent's bookkeeping, IncomingMessage streams), which
 * is most of what a fan-out spends beside the crypto. How many requests run at once is the
 * caller's business; this opens a connection whenever none is idle.
 */
export class OriginClient {
  readonly #options: OriginClientOptions;
  readonly #idle: Connection[] = [];
  readonly #open = new Set<Connection>();
  #isClosed = false;

  constructor(options: OriginClientOptions) {
    this.#options = options;
  }

  /**
   * Sends `request` (a complete HTTP/1.1 request) and resolves with the answer. A connection
   * the push service closed while it sat idle fails on reuse without saying anything about the
   * request, so that request is sent once more on another connection.
   */
  send(request: Buffer, timeoutMs: number): Promise<HttpAnswer> {
    return new Promise((resolve, reject) => {
      const attempt = (isRetry: boolean) => {
        if (this.#isClosed) {
          reject(new Error('push client is closed'));
          return;
        }
        const connection = this.#idle.pop() ?? this.#connect();
        const isReused = connection.answered > 0;
        connection.exchange(request, timeoutMs, this.#options.maxReasonBytes, (end) => {
          if ('answer' in end) resolve(end.answer);
          else if (isReused && !isRetry && end.isUnanswered && isResetByPeer(end.error)) {
            attempt(true);
          } else reject(end.error);
        });
      };
      attempt(false);
    });
  }

  close(): void {
    this.#isClosed = true;
    for (const connection of this.#open) connection.socket.destroy();
    this.#idle.length = 0;
  }

  #connect(): Connection {
    const connection = new Connection(
      this.#options,
      (idle) => this.#idle.push(idle),
      (closed) => {
        this.#open.delete(closed);
        const index = this.#idle.indexOf(closed);
        if (index >= 0) this.#idle.splice(index, 1);
      },
    );
    this.#open.add(connection);
    return connection;
  }
}

function isResetByPeer(error: Error): boolean {
  const { code } = error as NodeJS.ErrnoException;
  return code === 'ECONNRESET' || code === 'EPIPE';
}
