import { useId } from "react";

export interface ChartTable {
  /** The table's first column heading (e.g. "Month"). */
  categoryLabel: string;
  categories: string[];
  series: { name: string; values: string[] }[];
}

/**
 * A chart drawn on the server (render-chart.server.ts) with its numbers as a table: the image is
 * described by the table, which screen readers read and everyone can open.
 */
export function ChartFigure({
  title,
  src,
  table,
  tableLabel,
}: {
  title: string;
  src: string;
  table: ChartTable;
  tableLabel: string;
}) {
  const id = useId();
  return (
    <figure className="chart">
      <figcaption id={`${id}-title`}>{title}</figcaption>
      <img src={src} alt={title} aria-describedby={`${id}-table`} className="chart__image" />
      <details className="chart__data">
        <summary>{tableLabel}</summary>
        <table className="table" id={`${id}-table`}>
          <caption className="visually-hidden">{title}</caption>
          <thead>
            <tr>
              <th scope="col">{table.categoryLabel}</th>
              {table.series.map((series) => (
                <th scope="col" key={series.name}>
                  {series.name}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {table.categories.map((category, index) => (
              <tr key={category}>
                <th scope="row">{category}</th>
                {table.series.map((series) => (
                  <td key={series.name}>{series.values[index]}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
