/** @jsxRuntime automatic */
import type { InvalidRunbook } from '../../../../shared/types/runbooks';

/** Files that did not parse: never run, listed with every problem as file:line message. */
export function InvalidRunbooks({ invalid }: { invalid: InvalidRunbook[] }) {
  if (invalid.length === 0) return null;
  return (
    <section className="invalid-runbooks" aria-label="Invalid runbooks">
      <h2>
        Invalid runbooks <span className="muted">({invalid.length}, not runnable)</span>
      </h2>
      <ul>
        {invalid.map((file) => (
          <li key={file.file} className="invalid-runbook">
            <div className="invalid-file">
              <span className="invalid-mark">✗ invalid</span> <code>{file.id ?? file.file}</code>
              <span className="muted"> · {file.origin}</span>
            </div>
            <ul className="problems">
              {file.problems.map((p, i) => (
                <li key={i}>
                  <code>
                    {p.file}:{p.line}
                  </code>{' '}
                  {p.message}
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ul>
    </section>
  );
}
