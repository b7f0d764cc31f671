import { createHash } from 'node:crypto';
import { open, type FileHandle } from 'node:fs/promises';

export interface WrittenFile {
  name: string;
  bytes: number;
  sha256: string;
}

/** How a file is opened for writing; tests pass one that fails like a full disk. */
export type OpenFile = (path: string, flags: 'wx') => Promise<Pick<FileHandle, 'write' | 'sync' | 'close'>>;

/** Text is written as UTF-8; bytes (a zipped workbook) as they are. */
export type OutputChunks = Iterable<string> | AsyncIterable<string | Uint8Array>;

const BATCH = 1 << 16;

/**
 * Writes the chunks to a new file, hashing as it goes, so an output never sits in memory whole and
 * the manifest gets its bytes and sha256 without reading the file back.
 */
export async function writeStreamed(path: string, chunks: OutputChunks, openFile: OpenFile = open): Promise<Omit<WrittenFile, 'name'>> {
  const hash = createHash('sha256');
  let bytes = 0;
  const fh = await openFile(path, 'wx');
  const put = async (piece: string | Uint8Array) => {
    if (piece.length === 0) return;
    const buf = typeof piece === 'string' ? Buffer.from(piece) : piece;
    hash.update(buf);
    bytes += buf.length;
    for (let off = 0; off < buf.length; ) off += (await fh.write(buf, off, buf.length - off)).bytesWritten;
  };
  try {
    let batch = '';
    for await (const chunk of chunks) {
      if (typeof chunk !== 'string') {
        await put(batch);
        batch = '';
        await put(chunk);
        continue;
      }
      batch += chunk;
      if (batch.length >= BATCH) {
        await put(batch);
        batch = '';
      }
    }
    await put(batch);
    await fh.sync();
  } finally {
    await fh.close();
  }
  return { bytes, sha256: hash.digest('hex') };
}
