import fs from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import zlib from 'node:zlib';

const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);
const COMPRESSIBLE = /\.(js|mjs|css|html|svg|json|webmanifest|txt|map)$/;

/**
 * Writes .br and .gz beside every compressible build file, at the highest quality, once per
 * build: the server then sends them as they are (@fastify/static `preCompressed`) instead of
 * compressing the same bytes on every request.
 */
export async function precompress(root: string): Promise<{ files: number; saved: number }> {
  let files = 0;
  let saved = 0;
  for (const entry of await fs.readdir(root, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !COMPRESSIBLE.test(entry.name)) continue;
    const file = path.join(entry.parentPath, entry.name);
    const raw = await fs.readFile(file);
    if (raw.length < 1024) continue;
    const [br, gz] = await Promise.all([
      brotli(raw, {
        params: {
          [zlib.constants.BROTLI_PARAM_QUALITY]: zlib.constants.BROTLI_MAX_QUALITY,
          [zlib.constants.BROTLI_PARAM_SIZE_HINT]: raw.length,
        },
      }),
      gzip(raw, { level: zlib.constants.Z_BEST_COMPRESSION }),
    ]);
    await Promise.all([fs.writeFile(`${file}.br`, br), fs.writeFile(`${file}.gz`, gz)]);
    files += 1;
    saved += raw.length - br.length;
  }
  return { files, saved };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const root = path.resolve(process.argv[2] ?? 'dist');
  const { files, saved } = await precompress(root);
  console.log(
    `precompressed ${files} files in ${root} (brotli saves ${(saved / 1024).toFixed(0)} KB)`,
  );
}
