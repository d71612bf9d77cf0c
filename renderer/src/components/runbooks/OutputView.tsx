/** @jsxRuntime automatic */
import { formatBytes } from '../../format';

interface OutputViewProps {
  head: string;
  tail: string;
  /** Bytes printed that are not in head or tail (the core's cap, the browser's, or a late start). */
  notShown: number;
  label: string;
}

/**
 * Command output: ALWAYS plain text children of a <pre> (React escapes it), never markdown or
 * HTML. The gap, if any, is marked between the head and the tail.
 */
export function OutputView({ head, tail, notShown, label }: OutputViewProps) {
  if (!head && !tail && notShown === 0) return <p className="muted output-empty">No output.</p>;
  return (
    <pre className="output" aria-label={label} tabIndex={0}>
      {head}
      {notShown > 0 && (
        <span className="output-gap">
          {head && !head.endsWith('\n') ? '\n' : ''}… {notShown.toLocaleString('en-US')} bytes not shown ({formatBytes(notShown)}) …{'\n'}
        </span>
      )}
      {tail}
    </pre>
  );
}
