import { Transform, type TransformCallback } from "node:stream";

/**
 * The document stream between React and the response: NUL bytes dropped, and the chunks React writes
 * within one turn of the event loop sent as one.
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
 * One chunk per turn: React hands over a page as a run of ~2 KB buffers in one synchronous pass;
 * each went on through a web stream, `res.write` and a socket write of its own (~7 % of a page's
 * server CPU in the bench's profile). They are joined and passed on at `setImmediate`, so what is
 * streamed later (a suspended part) still goes out as soon as React writes it.
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

export function documentBody(): Transform {
  let pending: Buffer[] = [];
  let scheduled = false;
  const passOn = () => {
    scheduled = false;
    if (pending.length === 0) return;
    body.push(pending.length === 1 ? pending[0] : Buffer.concat(pending));
    pending = [];
  };
  const body = new Transform({
    // No 'close' after the end: React listens for it and, on a finished render, "aborts" by ending
    // the stream again, which built an ERR_STREAM_ALREADY_FINISHED error (with its stack) per page.
    // The caller aborts React itself when the response goes away (entry.server.tsx).
    emitClose: false,
    transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback) {
      pending.push(withoutNul(chunk));
      if (!scheduled) {
        scheduled = true;
        setImmediate(passOn);
      }
      callback();
    },
    flush(callback: TransformCallback) {
      passOn();
      callback();
    },
  });
  return body;
}
