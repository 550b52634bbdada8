import { PassThrough } from "node:stream";
import type { AppLoadContext, EntryContext } from "@remix-run/node";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { isbot } from "isbot";
import { renderToPipeableStream } from "react-dom/server";
import { I18nextProvider } from "react-i18next";
import { i18nServer } from "./i18n.server";
import { documentBody } from "./utils/html-stream.server";
import { NonceContext } from "./utils/nonce";

const ABORT_DELAY = 5_000;
export const streamTimeout = ABORT_DELAY;

export default async function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  // One shared, ready instance per language (app/i18n.server.ts), never one per request.
  const instance = i18nServer.instance(await i18nServer.getLocale(request));

  const nonce = loadContext.cspNonce;
  const waitForAll = isbot(request.headers.get("user-agent") ?? "") || remixContext.isSpaMode;

  let finished = () => {};
  return new Promise((resolve, reject) => {
    let shellRendered = false;
    const { pipe, abort } = renderToPipeableStream(
      <NonceContext.Provider value={nonce}>
        <I18nextProvider i18n={instance}>
          <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} nonce={nonce} />
        </I18nextProvider>
      </NonceContext.Provider>,
      {
        nonce,
        [waitForAll ? "onAllReady" : "onShellReady"]() {
          shellRendered = true;
          const body = new PassThrough();
          const stream = createReadableStreamFromReadable(body);
          responseHeaders.set("Content-Type", "text/html; charset=utf-8");
          resolve(new Response(stream, { headers: responseHeaders, status: responseStatusCode }));
          // NUL bytes React 18 pads some buffers with filtered out, one chunk per turn (html-stream.server.ts).
          const filter = documentBody();
          let sent = false;
          filter.on("end", () => {
            sent = true;
            finished();
          });
          // The client went away before the page was sent: stop rendering it.
          body.on("close", () => {
            finished();
            if (!sent) abort();
          });
          filter.pipe(body);
          pipe(filter);
        },
        onShellError(error: unknown) {
          finished();
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          if (shellRendered) console.error(error);
        },
      },
    );
    // Cleared once the page is sent: a timer left to fire aborted (and threw inside) React's finished
    // render of every page five seconds later.
    const timer = setTimeout(abort, ABORT_DELAY);
    finished = () => clearTimeout(timer);
  });
}
