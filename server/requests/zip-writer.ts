import { Readable, pipeline } from 'node:stream';
import zlib from 'node:zlib';

/*
 * A small streaming ZIP writer (PKWARE APPNOTE 6.3.x): each entry is deflated as it is
 * produced, its CRC-32 and sizes follow it in a data descriptor (general purpose flag bit 3),
 * and the central directory closes the archive. Nothing is held in memory but one chunk and
 * the directory. No ZIP64: a single owner's export is far below 4 GiB, and it is checked.
 */

export interface ZipEntry {
  name: string;
  content: () => AsyncIterable<string | Buffer>;
}

const FLAG_DATA_DESCRIPTOR = 0x0008;
const FLAG_UTF8 = 0x0800;
const METHOD_DEFLATE = 8;
const VERSION = 20;
const LIMIT = 0xffffffff;

/** MS-DOS date and time, as ZIP stores them, of the instant's UTC reading. */
function dosDateTime(at: Date): { date: number; time: number } {
  const year = Math.max(1980, at.getUTCFullYear());
  return {
    date: ((year - 1980) << 9) | ((at.getUTCMonth() + 1) << 5) | at.getUTCDate(),
    time: (at.getUTCHours() << 11) | (at.getUTCMinutes() << 5) | Math.floor(at.getUTCSeconds() / 2),
  };
}

interface Written {
  name: Buffer;
  crc: number;
  compressedSize: number;
  size: number;
  offset: number;
}

export async function* zipStream(
  entries: readonly ZipEntry[],
  modifiedAt: Date,
): AsyncGenerator<Buffer> {
  const { date, time } = dosDateTime(modifiedAt);
  const written: Written[] = [];
  let offset = 0;

  for (const entry of entries) {
    const name = Buffer.from(entry.name, 'utf8');
    const header = Buffer.alloc(30);
    header.writeUInt32LE(0x04034b50, 0);
    header.writeUInt16LE(VERSION, 4);
    header.writeUInt16LE(FLAG_DATA_DESCRIPTOR | FLAG_UTF8, 6);
    header.writeUInt16LE(METHOD_DEFLATE, 8);
    header.writeUInt16LE(time, 10);
    header.writeUInt16LE(date, 12);
    // CRC and sizes (14..25) stay 0 here: they follow the data, in the descriptor.
    header.writeUInt16LE(name.length, 26);
    header.writeUInt16LE(0, 28);
    const localHeader = Buffer.concat([header, name]);
    yield localHeader;

    let crc = 0;
    let size = 0;
    async function* measured() {
      for await (const chunk of entry.content()) {
        const buffer = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
        crc = zlib.crc32(buffer, crc);
        size += buffer.length;
        yield buffer;
      }
    }
    const deflate = zlib.createDeflateRaw({ level: 6 });
    // Errors of the source reach the loop below through the destroyed deflate stream.
    pipeline(Readable.from(measured()), deflate, () => {});
    let compressedSize = 0;
    try {
      for await (const out of deflate as AsyncIterable<Buffer>) {
        compressedSize += out.length;
        yield out;
      }
    } finally {
      // The client went away mid-download: stop reading rows for it.
      if (!deflate.writableFinished) deflate.destroy();
    }
    if (size > LIMIT || compressedSize > LIMIT || offset > LIMIT) {
      throw new Error(`The archive entry ${entry.name} is too large for a ZIP without ZIP64.`);
    }

    const descriptor = Buffer.alloc(16);
    descriptor.writeUInt32LE(0x08074b50, 0);
    descriptor.writeUInt32LE(crc >>> 0, 4);
    descriptor.writeUInt32LE(compressedSize, 8);
    descriptor.writeUInt32LE(size, 12);
    yield descriptor;

    written.push({ name, crc: crc >>> 0, compressedSize, size, offset });
    offset += localHeader.length + compressedSize + descriptor.length;
  }

  const directoryStart = offset;
  let directorySize = 0;
  for (const file of written) {
    const record = Buffer.alloc(46);
    record.writeUInt32LE(0x02014b50, 0);
    record.writeUInt16LE(VERSION, 4); // made by (MS-DOS, 2.0)
    record.writeUInt16LE(VERSION, 6); // needed to extract
    record.writeUInt16LE(FLAG_DATA_DESCRIPTOR | FLAG_UTF8, 8);
    record.writeUInt16LE(METHOD_DEFLATE, 10);
    record.writeUInt16LE(time, 12);
    record.writeUInt16LE(date, 14);
    record.writeUInt32LE(file.crc, 16);
    record.writeUInt32LE(file.compressedSize, 20);
    record.writeUInt32LE(file.size, 24);
    record.writeUInt16LE(file.name.length, 28);
    // extra (30), comment (32), disk (34), internal attributes (36), external (38): all 0.
    record.writeUInt32LE(file.offset, 42);
    const full = Buffer.concat([record, file.name]);
    directorySize += full.length;
    yield full;
  }

  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(written.length, 8);
  end.writeUInt16LE(written.length, 10);
  end.writeUInt32LE(directorySize, 12);
  end.writeUInt32LE(directoryStart, 16);
  yield end;
}
