import QRCode from "qrcode";
import type { Doc } from "./document.server";

/** ISO/IEC 18004 asks for a light margin of four modules around the symbol; scanners rely on it. */
export const QR_QUIET_ZONE_MODULES = 4;

/**
 * A QR code as vector squares (crisp at any zoom, a few KB), `size` points wide including the quiet zone,
 * with its top-left corner at (x, y).
 */
export function drawQrCode(doc: Doc, text: string, x: number, y: number, size: number): void {
  const qr = QRCode.create(text, { errorCorrectionLevel: "M" });
  const count = qr.modules.size;
  const quiet = QR_QUIET_ZONE_MODULES;
  const cell = size / (count + 2 * quiet);
  doc.save();
  doc.rect(x, y, size, size).fill("#ffffff");
  doc.fillColor("#000000");
  for (let row = 0; row < count; row++) {
    let runStart = -1;
    for (let col = 0; col <= count; col++) {
      const dark = col < count && qr.modules.get(row, col) === 1;
      if (dark && runStart < 0) runStart = col;
      if (!dark && runStart >= 0) {
        // A hair of overlap keeps viewers from drawing seams between adjacent squares.
        doc.rect(
          x + (quiet + runStart) * cell,
          y + (quiet + row) * cell,
          (col - runStart) * cell,
          cell + 0.05,
        );
        runStart = -1;
      }
    }
  }
  doc.fill();
  doc.restore();
}
