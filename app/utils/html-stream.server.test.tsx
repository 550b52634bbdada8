import { PassThrough, type Writable } from "node:stream";
import { text } from "node:stream/consumers";
import { renderToPipeableStream, renderToString } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { documentBody, withoutNul } from "./html-stream.server";

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

function streamed(shift: number, through: (destination: Writable) => Writable): Promise<string> {
  return new Promise((resolve, reject) => {
    const { pipe } = renderToPipeableStream(<Page shift={shift} />, {
      onAllReady() {
        const body = new PassThrough();
        text(body).then(resolve, reject);
        pipe(through(body));
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

describe("documentBody", () => {
  it("React 18's stream inserts NUL bytes into Chinese pages (the defect this guards against)", async () => {
    const pages = await Promise.all([0, 1, 2].map((shift) => streamed(shift, (body) => body)));
    expect(pages.some((page) => page.includes("\u0000"))).toBe(true);
  });

  it("gives exactly what renderToString gives, at every buffer offset", async () => {
    for (const shift of [0, 1, 2, 3]) {
      const page = await streamed(shift, (body) => {
        const filter = documentBody();
        filter.pipe(body);
        return filter;
      });
      expect(page).not.toContain("\u0000");
      expect(page).toBe(renderToString(<Page shift={shift} />));
    }
  });

  it("passes on what React writes in one turn as one chunk, and later writes when they come", async () => {
    const body = documentBody();
    const chunks: string[] = [];
    body.on("data", (chunk: Buffer) => chunks.push(chunk.toString()));
    const ended = new Promise((resolve) => body.on("end", resolve));
    body.write(Buffer.from("<html>"));
    body.write(Buffer.from("<body>\u0000"));
    body.write(Buffer.from("<main>"));
    await new Promise((resolve) => setImmediate(resolve));
    expect(chunks).toEqual(["<html><body><main>"]);
    body.write(Buffer.from("</main>"));
    await new Promise((resolve) => setImmediate(resolve));
    expect(chunks).toEqual(["<html><body><main>", "</main>"]);
    body.end(Buffer.from("</body></html>"));
    await ended;
    expect(chunks.join("")).toBe("<html><body><main></main></body></html>");
  });
});
