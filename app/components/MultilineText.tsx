import { Fragment } from "react";

/**
 * Text typed with line breaks (an activity's description), shown with them: each line break becomes a
 * <br />. No inline style (`white-space: pre-line`), which the page's strict CSP would block.
 */
export function MultilineText({ text, className }: { text: string; className?: string }) {
  const lines = text.replace(/\r\n?/g, "\n").split("\n");
  return (
    <p className={className}>
      {lines.map((line, index) => (
        <Fragment key={index}>
          {index > 0 ? <br /> : null}
          {line}
        </Fragment>
      ))}
    </p>
  );
}
