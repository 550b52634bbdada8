/**
 * Whether a pointer (mouse button, finger, pen) is pressed right now, and a way to run something once
 * the press is over — after the click it makes has been dispatched.
 *
 * Why: pressing on a control moves the focus, so the field left behind is validated on blur while the
 * button is still down. If its error then appears, the page below it moves, and the release lands on
 * something else: the press on a tick box under a field that just became invalid did not tick it (the
 * click went to the label's neighbour or the form). Blur validation therefore waits for the press.
 */
let pressed = false;
let queued: (() => void)[] = [];
let listening = false;

function release() {
  if (!pressed) return;
  pressed = false;
  // `click` follows `pointerup` in the same task; run after it.
  setTimeout(() => {
    const callbacks = queued;
    queued = [];
    for (const callback of callbacks) callback();
  }, 0);
}

function listen() {
  if (listening || typeof document === "undefined") return;
  listening = true;
  const options = { capture: true, passive: true };
  document.addEventListener("pointerdown", () => (pressed = true), options);
  document.addEventListener("pointerup", release, options);
  document.addEventListener("pointercancel", release, options);
  // A press that ends outside the window never sends `pointerup` here. (Only the window's own blur:
  // a listener on the window also hears every field's blur, which is what is being deferred.)
  window.addEventListener("blur", (event) => {
    if (event.target === window) release();
  });
}

/** Runs `callback` now, or — while a pointer is pressed — once it is released and its click is done. */
export function afterPointerPress(callback: () => void): void {
  listen();
  if (pressed) queued.push(callback);
  else callback();
}

/** Starts watching presses (call once the page runs in the browser, before the first press). */
export function watchPointerPresses(): void {
  listen();
}
