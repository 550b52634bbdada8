import * as echarts from "echarts";

/**
 * The one chart renderer (issue 18): Apache ECharts in its server-side mode draws an SVG string — no
 * DOM, no client JavaScript — shown as an image (the page's CSP refuses inline styles; an SVG image
 * keeps its own) beside a table of the same numbers. A render costs a few milliseconds of CPU, so
 * each is cached under a key that names the version of the figures behind it.
 */
export interface ChartSpec {
  kind: "line" | "bar";
  categories: string[];
  series: { name: string; values: number[] }[];
  width?: number;
  height?: number;
}

const CACHE_LIMIT = 500;
const cache = new Map<string, string>();

const palette = ["#1d5fa8", "#b3541e", "#2f7d4f", "#7a4a9e"];

/** The chart as a `data:image/svg+xml` URL, rendered once per `cacheKey`. */
export function renderChart(spec: ChartSpec, cacheKey: string): string {
  const cached = cache.get(cacheKey);
  if (cached) {
    cache.delete(cacheKey);
    cache.set(cacheKey, cached);
    return cached;
  }
  const svg = renderSvg(spec);
  const url = `data:image/svg+xml;base64,${Buffer.from(svg, "utf8").toString("base64")}`;
  cache.set(cacheKey, url);
  if (cache.size > CACHE_LIMIT) cache.delete(cache.keys().next().value!);
  return url;
}

/** The SVG itself (tests and the PDF read it). */
export function renderSvg(spec: ChartSpec): string {
  const chart = echarts.init(null, null, {
    renderer: "svg",
    ssr: true,
    width: spec.width ?? 640,
    height: spec.height ?? 260,
  });
  try {
    chart.setOption({
      animation: false,
      color: palette,
      textStyle: { fontFamily: "'Noto Sans SC', 'PingFang SC', 'Microsoft YaHei', sans-serif" },
      grid: { left: 48, right: 16, top: spec.series.length > 1 ? 36 : 16, bottom: 36 },
      legend: spec.series.length > 1 ? { top: 0, data: spec.series.map((series) => series.name) } : undefined,
      xAxis: { type: "category", data: spec.categories, axisLabel: { hideOverlap: true } },
      yAxis: { type: "value", minInterval: 1 },
      series: spec.series.map((series) => ({
        name: series.name,
        type: spec.kind,
        data: series.values,
        ...(spec.kind === "line" ? { symbolSize: 6 } : { barMaxWidth: 32 }),
      })),
    });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

/** How many charts the cache holds (for the bench and tests). */
export const chartCacheSize = () => cache.size;
