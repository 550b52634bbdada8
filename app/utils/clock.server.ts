import { AsyncLocalStorage } from "node:async_hooks";
import { singleton } from "./singleton.server";

/**
 * The one clock of every rule that reads the current time (ADR 006). Production reads the system
 * clock; tests move it instead of waiting: `setClock` for the whole process (integration tests call
 * domain code directly), `withClockOffset` for one request (the end-to-end server, where each browser
 * context carries its own offset so parallel journeys do not move each other's time).
 *
 * The state lives on globalThis (`singleton`) because the Remix server bundle and the Express entry
 * each load their own copy of this module in one process.
 */
interface ClockState {
  /** Added to the system clock, in milliseconds. */
  offsetMs: number;
  /** When set, the clock stands still at this instant (epoch milliseconds). */
  fixedAt: number | null;
  /** A per-request offset that replaces `offsetMs` inside `withClockOffset`. */
  request: AsyncLocalStorage<number>;
}

const state = singleton<ClockState>("clock", () => ({
  offsetMs: 0,
  fixedAt: null,
  request: new AsyncLocalStorage<number>(),
}));

/** The current instant as the portal's rules see it. */
export function now(): Date {
  return new Date(nowMs());
}

export function nowMs(): number {
  if (state.fixedAt !== null) return state.fixedAt;
  return Date.now() + (state.request.getStore() ?? state.offsetMs);
}

/** Tests only: stand still at `fixedAt`, or run `offsetMs` ahead of (or behind) the system clock. */
export function setClock(setting: { fixedAt: Date } | { offsetMs: number }): void {
  if ("fixedAt" in setting) {
    state.fixedAt = setting.fixedAt.getTime();
  } else {
    state.fixedAt = null;
    state.offsetMs = setting.offsetMs;
  }
}

/** Tests only: move the clock forward by `ms` (a fixed clock stays fixed, at the later instant). */
export function advanceClock(ms: number): void {
  if (state.fixedAt !== null) state.fixedAt += ms;
  else state.offsetMs += ms;
}

/** Back to the system clock. */
export function resetClock(): void {
  state.fixedAt = null;
  state.offsetMs = 0;
}

/** Runs `fn` (and everything it awaits) with the clock `offsetMs` ahead of the system clock. */
export function withClockOffset<T>(offsetMs: number, fn: () => T): T {
  return state.request.run(offsetMs, fn);
}
