/** Runs `chunk(from, to)` over 1…total in steps, reporting progress (the scale seeds' bulk loops). */
export async function inChunks(
  label: string,
  total: number,
  size: number,
  progress: (label: string, done: number, total: number) => void,
  chunk: (from: number, to: number) => Promise<void>,
) {
  progress(label, 0, total);
  for (let from = 1; from <= total; from += size) {
    const to = Math.min(total, from + size - 1);
    await chunk(from, to);
    progress(label, to, total);
  }
}
