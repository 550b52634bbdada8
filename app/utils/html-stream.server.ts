/**
 * The document between React and the response: NUL bytes dropped, and the chunks React writes joined
 * into one body.
 *
 * NUL bytes: React 18.3's `renderToPipeableStream` sometimes writes NUL bytes into the page: when a
 * string does not fit the rest of its 2 048-byte buffer, it sends the whole buffer, unused tail
 * included, instead of the bytes written (react-dom-server.node, `writeStringChunk`; fixed in React
 * 19). A Chinese character is 3 bytes, so a page gets a NUL wherever one falls on a buffer's end —
 * which depends on everything before it: the refused sign-in of a known and of an unknown email
 * differed by one NUL in the footer because the two emails differ in length (issue 11;
 * tests/e2e/accounts.spec.ts). In UTF-8 a 0x00 byte is only ever U+0000, which HTML forbids and no
 * text of the portal can hold (the form parser refuses it, PostgreSQL text cannot store it): dropping
 * every 0x00 byte restores exactly what React meant to write. @react-email/render does the same.
 *
 * One body: React hands over a page as a run of ~2 KB buffers; they are joined into one, sent with
 * one socket write (entry.server.tsx, ADR 019).
 */
/**
 * `chunk` without its 0x00 bytes. React's NULs are the unused tail of its buffer, so the usual case
 * is one cut; any other NUL is cut around. (Filtering byte by byte through a callback cost ~5 % of
 * a page's server CPU.)
 */
export function withoutNul(chunk: Buffer): Buffer {
  const first = chunk.indexOf(0);
  if (first === -1) return chunk;
  let tailOnly = true;
  for (let index = first + 1; index < chunk.length; index += 1) {
    if (chunk[index] !== 0) {
      tailOnly = false;
      break;
    }
  }
  if (tailOnly) return chunk.subarray(0, first);
  const parts: Buffer[] = [];
  let start = 0;
  for (let at = first; at !== -1; at = chunk.indexOf(0, start)) {
    if (at > start) parts.push(chunk.subarray(start, at));
    start = at + 1;
  }
  if (start < chunk.length) parts.push(chunk.subarray(start));
  return Buffer.concat(parts);
}

/**
 * What React's `pipe` writes a finished page into: its chunks, NULs dropped, joined into one body once
 * React ends the stream. Called only after `onAllReady`, so React writes the whole page in one
 * synchronous pass and never waits for 'drain'. `pipe` needs only these methods of a Writable
 * (react-dom-server.node 18.3: write, end, destroy, on), and a real stream cost each write a state
 * machine, a second stream behind it and a web stream in front of the socket.
 */
export function documentSink(done: (body: Buffer<ArrayBuffer>) => void, failed: (error: unknown) => void) {
  const chunks: Uint8Array[] = [];
  let length = 0;
  const sink = {
    write(chunk: Uint8Array) {
      const kept = withoutNul(chunk as Buffer);
      chunks.push(kept);
      length += kept.length;
      return true;
    },
    end() {
      done(Buffer.concat(chunks, length));
    },
    destroy(error: unknown) {
      failed(error);
    },
    on() {
      return sink;
    },
  };
  return sink;
}
