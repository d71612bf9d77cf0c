/** @jsxRuntime automatic */

const SNIPPET = `http:
  checks:
    - name: api-health
      url: http://127.0.0.1:8080/health
      expectStatus: 200          # default 200
      expectBody: '"status":"ok"' # optional: the body must contain it
      intervalMs: 30000          # default 30 s
      timeoutMs: 5000            # default 5 s
      failuresBeforeAlert: 3     # default 3: alert http.down after 3 failures in a row`;

/** No checks yet: what a check is and how to add one by hand (or from the suggestions below). */
export function HttpChecksEmpty({ configPath, turnedOff }: { configPath: string | null; turnedOff: boolean }) {
  if (turnedOff) {
    return (
      <section className="panel http-empty">
        <h2>Health checks are turned off</h2>
        <p>
          <code>http.enabled</code> is false in the config file{configPath ? <> (<code>{configPath}</code>)</> : null}: no check runs. Set it to true to run the configured checks.
        </p>
      </section>
    );
  }
  return (
    <section className="panel http-empty">
      <h2>No health checks yet</h2>
      <p>
        A health check requests a URL on a schedule and says what it answered: the status code, the latency, the first bytes of a wrong body, a certificate problem or a redirect. After its failures in a row
        it raises the alert <code>http.down</code>.
      </p>
      <p>
        Add one below from the suggestions, or write it in the config file{configPath ? <> (<code>{configPath}</code>)</> : null}:
      </p>
      <pre className="http-snippet">{SNIPPET}</pre>
    </section>
  );
}
