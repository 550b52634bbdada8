import { PassThrough, type Writable } from "node:stream";
import { text } from "node:stream/consumers";
import { renderToPipeableStream, renderToString } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { documentSink, withoutNul } from "./html-stream.server";

/** A page whose Chinese text crosses React's 2 048-byte buffer ends at every possible offset. */
function Page({ shift }: { shift: number }) {
  return (
    <main>
      <p>{"x".repeat(shift)}</p>
      {Array.from({ length: 40 }, (_, index) => (
        <p key={index}>本平台依法保护社区矫正对象的身份信息和个人隐私，任何一方只能看到案件编号。</p>
      ))}
    </main>
  );
}

/** The page as React's own stream writes it, unfiltered. */
function streamed(shift: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const { pipe } = renderToPipeableStream(<Page shift={shift} />, {
      onAllReady() {
        const body = new PassThrough();
        text(body).then(resolve, reject);
        pipe(body);
      },
      onError: reject,
    });
  });
}

describe("withoutNul", () => {
  it("drops every 0x00 byte, wherever it is, and leaves a chunk without one as it is", () => {
    const clean = Buffer.from("<p>本平台</p>");
    expect(withoutNul(clean)).toBe(clean);
    const cases: [number[], number[]][] = [
      [
        [1, 2, 3, 0, 0],
        [1, 2, 3],
      ],
      [
        [0, 1, 2],
        [1, 2],
      ],
      [
        [1, 0, 2, 0, 0, 3, 0],
        [1, 2, 3],
      ],
      [[0, 0, 0], []],
      [
        [1, 0, 2],
        [1, 2],
      ],
    ];
    for (const [input, expected] of cases) {
      expect([...withoutNul(Buffer.from(input))]).toEqual(expected);
    }
  });
});

/** The page as `documentSink` joins it when React's `pipe` writes into it. */
function sunk(shift: number): Promise<{ body: Buffer; writes: number }> {
  return new Promise((resolve, reject) => {
    const { pipe } = renderToPipeableStream(<Page shift={shift} />, {
      onAllReady() {
        const sink = documentSink((body) => resolve({ body, writes }), reject);
        let writes = 0;
        const write = sink.write;
        sink.write = (chunk) => {
          writes += 1;
          return write(chunk);
        };
        pipe(sink as unknown as Writable);
      },
      onError: reject,
    });
  });
}

describe("documentSink", () => {
  it("React 18's stream inserts NUL bytes into Chinese pages (the defect this guards against)", async () => {
    const pages = await Promise.all([0, 1, 2].map((shift) => streamed(shift)));
    expect(pages.some((page) => page.includes("\u0000"))).toBe(true);
  });

  it("gives exactly what renderToString gives, at every buffer offset, as one body", async () => {
    for (const shift of [0, 1, 2, 3]) {
      const { body, writes } = await sunk(shift);
      // The page is several of React's 2 KB buffers, joined here into one.
      expect(writes).toBeGreaterThan(1);
      const page = body.toString("utf8");
      expect(page).not.toContain("\u0000");
      expect(page).toBe(renderToString(<Page shift={shift} />));
    }
  });

  it("hands React's error on to the caller when the render is destroyed", () => {
    const failures: unknown[] = [];
    const sink = documentSink(
      () => failures.push("done"),
      (error) => failures.push(error),
    );
    const error = new Error("render failed");
    sink.destroy(error);
    expect(failures).toEqual([error]);
  });
});
