import { createContext, useContext } from "react";

/**
 * The CSP nonce reaches components through context on the server; in the browser the scripts are
 * already running, so an empty nonce is correct there (React does not re-render script tags).
 */
export const NonceContext = createContext<string>("");
export const useNonce = () => useContext(NonceContext);
