/**
 * Charts drawn on the server as SVG: no chart library, no script, readable without CSS. Each chart has
 * role="img" with a <title> and <desc>, and the page puts the same figures in a table beside it.
 */
export interface Bar {
  label: string;
  value: number;
}

export interface ChartText {
  id: string;
  title: string;
  description: string;
}

const COLOURS = { bar: '#1d70b8', text: '#0b0c0c', axis: '#505a5f', grid: '#b1b4b6', good: '#00703c' };

export function escapeXml(text: string): string {
  return text.replace(
    /[<>&'"]/g,
    (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c]!,
  );
}

function frame(text: ChartText, width: number, height: number, body: string): string {
  const id = escapeXml(text.id);
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" viewBox="0 0 ${width} ${height}" ` +
    `width="${width}" height="${height}" aria-labelledby="${id}-title ${id}-desc">` +
    `<title id="${id}-title">${escapeXml(text.title)}</title><desc id="${id}-desc">${escapeXml(text.description)}</desc>` +
    body +
    `</svg>`
  );
}

/** A "nice" top for the value axis: 1, 2 or 5 times a power of ten, at least the largest value. */
export function niceMaximum(max: number): number {
  if (max <= 0) return 1;
  const power = 10 ** Math.floor(Math.log10(max));
  return [1, 2, 5, 10].map((m) => m * power).find((v) => v >= max) ?? 10 * power;
}

/** Vertical bars, one per label (days, buckets); every `labelEvery`-th label is written under its bar. */
export function columnChart(
  bars: Bar[],
  text: ChartText,
  opts: { width?: number; labelEvery?: number } = {},
): string {
  const width = opts.width ?? 720;
  const height = 260;
  const left = 44;
  const bottom = 40;
  const top = 12;
  const plotWidth = width - left - 8;
  const plotHeight = height - top - bottom;
  const max = niceMaximum(Math.max(0, ...bars.map((b) => b.value)));
  const step = bars.length ? plotWidth / bars.length : plotWidth;
  const every = opts.labelEvery ?? 1;
  const parts: string[] = [];
  for (const fraction of [0, 0.5, 1]) {
    const y = top + plotHeight * (1 - fraction);
    parts.push(
      `<line x1="${left}" x2="${width - 8}" y1="${y}" y2="${y}" stroke="${COLOURS.grid}" stroke-width="1"/>`,
    );
    parts.push(
      `<text x="${left - 6}" y="${y + 4}" text-anchor="end" font-size="12" fill="${COLOURS.axis}">${round(max * fraction)}</text>`,
    );
  }
  bars.forEach((bar, i) => {
    const h = (bar.value / max) * plotHeight;
    const x = left + i * step + step * 0.15;
    parts.push(
      `<rect x="${x.toFixed(1)}" y="${(top + plotHeight - h).toFixed(1)}" width="${(step * 0.7).toFixed(1)}" height="${h.toFixed(1)}" fill="${COLOURS.bar}"><title>${escapeXml(`${bar.label}: ${bar.value}`)}</title></rect>`,
    );
    if (i % every === 0) {
      parts.push(
        `<text x="${(left + i * step + step / 2).toFixed(1)}" y="${height - bottom + 16}" text-anchor="middle" font-size="11" fill="${COLOURS.text}">${escapeXml(bar.label)}</text>`,
      );
    }
  });
  return frame(text, width, height, parts.join(''));
}

/** Horizontal bars with their labels and values written out (provinces). */
export function barChart(bars: Bar[], text: ChartText, opts: { width?: number } = {}): string {
  const width = opts.width ?? 720;
  const rowHeight = 22;
  const labelWidth = 190;
  const valueWidth = 56;
  const height = Math.max(rowHeight, bars.length * rowHeight) + 8;
  const plotWidth = width - labelWidth - valueWidth;
  const max = Math.max(1, ...bars.map((b) => b.value));
  const parts = bars.map((bar, i) => {
    const y = 4 + i * rowHeight;
    const w = (bar.value / max) * plotWidth;
    return (
      `<text x="${labelWidth - 8}" y="${y + 15}" text-anchor="end" font-size="12" fill="${COLOURS.text}">${escapeXml(bar.label)}</text>` +
      `<rect x="${labelWidth}" y="${y + 3}" width="${w.toFixed(1)}" height="${rowHeight - 6}" fill="${COLOURS.bar}"/>` +
      `<text x="${(labelWidth + w + 6).toFixed(1)}" y="${y + 15}" font-size="12" fill="${COLOURS.text}">${bar.value}</text>`
    );
  });
  return frame(text, width, height, parts.join(''));
}

/** One bar filled to a share (0..1), with the percentage written on it; null draws an empty bar. */
export function shareChart(
  share: number | null,
  label: string,
  text: ChartText,
  opts: { width?: number } = {},
): string {
  const width = opts.width ?? 720;
  const height = 56;
  const filled = share === null ? 0 : Math.max(0, Math.min(1, share)) * (width - 2);
  const body =
    `<rect x="1" y="8" width="${width - 2}" height="32" fill="#ffffff" stroke="${COLOURS.axis}" stroke-width="1"/>` +
    `<rect x="1" y="8" width="${filled.toFixed(1)}" height="32" fill="${COLOURS.good}"/>` +
    `<text x="10" y="29" font-size="14" font-weight="bold" fill="${share !== null && share > 0.15 ? '#ffffff' : COLOURS.text}">${escapeXml(label)}</text>`;
  return frame(text, width, height, body);
}

const round = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(1));
