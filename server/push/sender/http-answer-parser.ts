import { StringDecoder } from 'node:string_decoder';

/** What the sender needs of a push service's answer. */
export interface HttpAnswer {
  status: number;
  /** The Retry-After header, when there is one. */
  retryAfter: string | undefined;
  /** The start of an error answer's body, trimmed; empty for a 2xx. */
  reason: string;
}

/** A status line and headers larger than this are not a push service's answer. */
const MAX_HEAD_BYTES = 16 * 1024;
/** Chunk-size lines and trailer lines are short; this bounds a malformed one. */
const MAX_LINE_BYTES = 4 * 1024;
const CRLF = Buffer.from('\r\n');
const END_OF_HEAD = Buffer.from('\r\n\r\n');
const STATUS_LINE = /^HTTP\/1\.([01]) (\d{3})(?: |$)/;

export class MalformedAnswerError extends Error {
  readonly code = 'ERR_PUSH_MALFORMED_ANSWER';
  constructor(message: string) {
    super(message);
    this.name = 'MalformedAnswerError';
  }
}

type State =
  | 'head'
  | 'fixed-body'
  | 'chunk-size'
  | 'chunk-data'
  | 'chunk-end'
  | 'trailers'
  | 'body-until-close'
  | 'done';

/**
 * Reads one HTTP/1.1 answer (RFC 9112) from the bytes of a connection: the status line, the
 * headers the sender acts on, and a body delimited by Content-Length, chunked coding or the
 * end of the connection. Interim 1xx answers are skipped. Only the first `maxReasonBytes` of
 * an error body are kept; the rest is read and dropped, so the connection can serve the next
 * request. One parser per request: requests are not pipelined.
 */
export class HttpAnswerParser {
  #state: State = 'head';
  #hasStarted = false;
  /** Bytes received and not consumed yet (a line or head cut between two reads). */
  #pending: Buffer = Buffer.alloc(0);
  /** Body bytes left in the fixed-length body or in the current chunk. */
  #remaining = 0;
  #status = 0;
  #retryAfter: string | undefined;
  #keepAlive = true;
  #reasonBytes = 0;
  #reason = '';
  #decoder: StringDecoder | undefined;
  readonly #maxReasonBytes: number;

  constructor(maxReasonBytes: number) {
    this.#maxReasonBytes = maxReasonBytes;
  }

  /** Whether any byte of the answer arrived: before that, a closed connection lost nothing. */
  get hasStarted(): boolean {
    return this.#hasStarted;
  }

  /** Whether the connection may carry another request after this answer. */
  get keepAlive(): boolean {
    return this.#keepAlive;
  }

  /** The answer, once `push` or `end` said it is complete. */
  get answer(): HttpAnswer {
    return { status: this.#status, retryAfter: this.#retryAfter, reason: this.#reason.trim() };
  }

  /** Takes the next bytes of the connection; true once the answer is complete. Throws when malformed. */
  push(chunk: Buffer): boolean {
    this.#hasStarted ||= chunk.length > 0;
    const data = this.#pending.length > 0 ? Buffer.concat([this.#pending, chunk]) : chunk;
    let offset = 0;
    for (;;) {
      switch (this.#state) {
        case 'head': {
          const end = data.indexOf(END_OF_HEAD, offset);
          if (end < 0) return this.#wait(data, offset, MAX_HEAD_BYTES, 'answer head');
          this.#readHead(data.toString('latin1', offset, end));
          offset = end + END_OF_HEAD.length;
          break;
        }
        case 'fixed-body':
        case 'chunk-data': {
          const take = Math.min(this.#remaining, data.length - offset);
          this.#keepReason(data, offset, offset + take);
          offset += take;
          this.#remaining -= take;
          if (this.#remaining > 0) return this.#wait(data, offset);
          this.#state = this.#state === 'fixed-body' ? 'done' : 'chunk-end';
          break;
        }
        case 'chunk-size': {
          const line = this.#line(data, offset);
          if (line === undefined) return this.#wait(data, offset, MAX_LINE_BYTES, 'chunk size');
          offset = line.next;
          // RFC 9112 §7.1: chunk-size [ chunk-ext ]; extensions are ignored.
          const size = (line.text.split(';', 1)[0] ?? '').trim();
          if (!/^[0-9a-fA-F]{1,8}$/.test(size)) {
            throw new MalformedAnswerError(`bad chunk size ${JSON.stringify(size)}`);
          }
          this.#remaining = Number.parseInt(size, 16);
          this.#state = this.#remaining === 0 ? 'trailers' : 'chunk-data';
          break;
        }
        case 'chunk-end': {
          const line = this.#line(data, offset);
          if (line === undefined) return this.#wait(data, offset, MAX_LINE_BYTES, 'chunk end');
          if (line.text !== '') throw new MalformedAnswerError('chunk longer than its size');
          offset = line.next;
          this.#state = 'chunk-size';
          break;
        }
        case 'trailers': {
          const line = this.#line(data, offset);
          if (line === undefined) return this.#wait(data, offset, MAX_LINE_BYTES, 'trailer');
          offset = line.next;
          if (line.text === '') this.#state = 'done';
          break;
        }
        case 'body-until-close':
          this.#keepReason(data, offset, data.length);
          return this.#wait(data, data.length);
        case 'done':
          // Bytes after the answer were not asked for: the connection is out of step.
          if (offset < data.length) this.#keepAlive = false;
          this.#pending = Buffer.alloc(0);
          return true;
      }
    }
  }

  /** The connection ended: true when that completes the answer (a body delimited by the close). */
  end(): boolean {
    if (this.#state !== 'body-until-close') return false;
    this.#state = 'done';
    return true;
  }

  #wait(data: Buffer, offset: number, limit = Infinity, what = ''): false {
    if (data.length - offset > limit) throw new MalformedAnswerError(`${what} too long`);
    this.#pending = offset < data.length ? data.subarray(offset) : Buffer.alloc(0);
    return false;
  }

  #line(data: Buffer, offset: number): { text: string; next: number } | undefined {
    const end = data.indexOf(CRLF, offset);
    if (end < 0) return undefined;
    return { text: data.toString('latin1', offset, end), next: end + CRLF.length };
  }

  #readHead(head: string): void {
    const lines = head.split('\r\n');
    const match = STATUS_LINE.exec(lines[0] ?? '');
    if (!match) throw new MalformedAnswerError(`bad status line ${JSON.stringify(lines[0])}`);
    const isHttp10 = match[1] === '0';
    const status = Number(match[2]);
    let contentLength: number | undefined;
    let transferEncoding: string | undefined;
    let connection = '';
    let retryAfter: string | undefined;
    for (let i = 1; i < lines.length; i++) {
      const line = lines[i] ?? '';
      const colon = line.indexOf(':');
      if (colon <= 0) throw new MalformedAnswerError(`bad header line ${JSON.stringify(line)}`);
      const value = line.slice(colon + 1).trim();
      switch (line.slice(0, colon).toLowerCase()) {
        case 'content-length': {
          const length = /^\d{1,15}$/.test(value) ? Number(value) : Number.NaN;
          // RFC 9112 §6.3: an invalid or conflicting length cannot frame the body.
          if (Number.isNaN(length) || (contentLength !== undefined && contentLength !== length)) {
            throw new MalformedAnswerError(`bad Content-Length ${JSON.stringify(value)}`);
          }
          contentLength = length;
          break;
        }
        case 'transfer-encoding':
          transferEncoding = transferEncoding ? `${transferEncoding}, ${value}` : value;
          break;
        case 'connection':
          connection += `,${value.toLowerCase()}`;
          break;
        case 'retry-after':
          retryAfter ??= value;
          break;
      }
    }
    // An interim answer (100 Continue, 103 Early Hints): the final one follows.
    if (status >= 100 && status < 200) {
      if (status === 101) throw new MalformedAnswerError('unexpected protocol switch');
      return;
    }
    const tokens = connection.split(',').map((token) => token.trim());
    this.#keepAlive = isHttp10 ? tokens.includes('keep-alive') : !tokens.includes('close');
    this.#status = status;
    this.#retryAfter = retryAfter;
    if (status < 200 || status >= 300) this.#decoder = new StringDecoder('utf8');

    // RFC 9112 §6.3, for the answer to a POST.
    if (status === 204 || status === 304) this.#state = 'done';
    else if (transferEncoding !== undefined) {
      if (/(?:^|,)\s*chunked\s*$/i.test(transferEncoding)) this.#state = 'chunk-size';
      else {
        this.#state = 'body-until-close';
        this.#keepAlive = false;
      }
    } else if (contentLength !== undefined) {
      this.#remaining = contentLength;
      this.#state = contentLength === 0 ? 'done' : 'fixed-body';
    } else {
      this.#state = 'body-until-close';
      this.#keepAlive = false;
    }
  }

  #keepReason(data: Buffer, start: number, end: number): void {
    if (!this.#decoder || this.#reasonBytes >= this.#maxReasonBytes || start >= end) return;
    const take = Math.min(end - start, this.#maxReasonBytes - this.#reasonBytes);
    this.#reasonBytes += take;
    // The decoder holds back a character cut in two by a read, or by the limit (then dropped).
    this.#reason += this.#decoder.write(data.subarray(start, start + take));
  }
}
