import type { Writable } from "node:stream";
import type { AppLoadContext, EntryContext } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { renderToPipeableStream } from "react-dom/server";
import { I18nextProvider } from "react-i18next";
import { i18nServer } from "./i18n.server";
import { documentSink } from "./utils/html-stream.server";
import { NonceContext } from "./utils/nonce";

const ABORT_DELAY = 5_000;
export const streamTimeout = ABORT_DELAY;

/**
 * Every page is rendered whole, then sent as one body (ADR 019). The portal defers no data, so the
 * shell was ready only microseconds before the rest (the loader data Remix streams into the page):
 * streaming it bought nothing and cost two Node streams, a web stream and a socket write per chunk,
 * plus React's inline script that moves a late part into place.
 */
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

  return new Promise<Response>((resolve, reject) => {
    let shellRendered = false;
    const { pipe, abort } = renderToPipeableStream(
      <NonceContext.Provider value={nonce}>
        <I18nextProvider i18n={instance}>
          <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} nonce={nonce} />
        </I18nextProvider>
      </NonceContext.Provider>,
      {
        nonce,
        onShellReady() {
          shellRendered = true;
        },
        onAllReady() {
          clearTimeout(timer);
          const sink = documentSink(
            (body) => {
              responseHeaders.set("Content-Type", "text/html; charset=utf-8");
              resolve(new Response(body, { headers: responseHeaders, status: responseStatusCode }));
            },
            (error) => reject(error),
          );
          pipe(sink as unknown as Writable);
        },
        onShellError(error: unknown) {
          clearTimeout(timer);
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          // An error of the shell itself reaches Remix through onShellError (its error boundary).
          if (shellRendered) console.error(error);
        },
      },
    );
    // A render still waiting after five seconds is cut short: what did not arrive is rendered in the
    // browser (React's client fallback), and onAllReady then fires. (React starts rendering at the
    // next turn, so no callback above runs before this line.)
    const timer = setTimeout(abort, ABORT_DELAY);
  });
}
