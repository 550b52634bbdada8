import { Transform, type TransformCallback } from "node:stream";

/**
 * React 18.3's `renderToPipeableStream` sometimes writes NUL bytes into the page: when a string does
 * not fit the rest of its 2 048-byte buffer, it sends the whole buffer, unused tail included, instead
 * of the bytes written (react-dom-server.node, `writeStringChunk`; fixed in React 19). A Chinese
 * character is 3 bytes, so a page gets a NUL wherever one falls on a buffer's end — which depends on
 * everything before it: the refused sign-in of a known and of an unknown email differed by one NUL in
 * the footer because the two emails differ in length (issue 11; tests/e2e/accounts.spec.ts).
 *
 * In UTF-8 a 0x00 byte is only ever U+0000, which HTML forbids and no text of the portal can hold (the
 * form parser refuses it, PostgreSQL text cannot store it): dropping every 0x00 byte restores exactly
 * what React meant to write. @react-email/render does the same for mail.
 */
export function withoutNulBytes(): Transform {
  return new Transform({
    transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback) {
      callback(null, chunk.includes(0) ? chunk.filter((byte) => byte !== 0) : chunk);
    },
  });
}
