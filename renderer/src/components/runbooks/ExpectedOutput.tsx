/** @jsxRuntime automatic */

/** The runbook's "Expected output" block: for the reader, as plain text. */
export function ExpectedOutput({ text }: { text: string | null }) {
  if (text === null) return null;
  return (
    <figure className="expected-output">
      <figcaption>Expected output</figcaption>
      <pre className="output">{text}</pre>
    </figure>
  );
}
