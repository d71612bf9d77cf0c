/** @jsxRuntime automatic */
import type { ModelProbeRecord } from '../../../../shared/types/models';
import { formatRelativeTime, UNKNOWN } from '../../format';
import { formatCount, formatMs, formatTokensPerSecond } from './modelFormat';
import { SERVER_SOURCE, serverCommon, serverOwnFields } from './serverFigureRows';

const NOT_SAID = 'not reported';

function Row({ name, client, server }: { name: string; client: string; server: string | null }) {
  return (
    <tr>
      <th scope="row">{name}</th>
      <td className="num">{client}</td>
      <td className={server == null ? 'num muted' : 'num'}>{server ?? NOT_SAID}</td>
    </tr>
  );
}

/** "client (Opsbar measured)" or "server (the server's own count)": which figure the headline is. */
function sourceWords(record: ModelProbeRecord): string {
  return record.source === 'server' ? 'rate as the server reports it (Opsbar could only estimate)' : 'rate as Opsbar measured it';
}

/**
 * The last probe's figures: what Opsbar measured beside what the server said, row by row (TTFT,
 * decode, prefill, tokens, total), then the server's own fields in its terms. Cold (the server
 * loaded the model for it) and estimated (tokens counted as chunks) are said in words.
 */
export function ProbeFigures({ record }: { record: ModelProbeRecord }) {
  const server = serverCommon(record.server);
  const own = serverOwnFields(record.server);
  const rate = (v: number | null) => (v == null ? null : formatTokensPerSecond(v));
  const ms = (v: number | null) => (v == null ? null : formatMs(v));
  return (
    <div className="probe-figures">
      <p className="probe-figures-head">
        Last probe {formatRelativeTime(record.at)} ({record.trigger === 'operator' ? 'Probe now' : 'scheduled'}):{' '}
        <strong>{formatTokensPerSecond(record.decodeTokensPerSecond)}</strong> · TTFT <strong>{formatMs(record.ttftMs)}</strong>
        {record.cold ? (
          <span className="probe-mark probe-cold" title="The time includes loading the model">
            cold: the server loaded the model for this probe
          </span>
        ) : (
          <span className="probe-mark probe-warm">warm</span>
        )}
        {record.estimated && (
          <span className="probe-mark probe-estimated" title="The server sent no token count: tokens were counted as chunks, which reads low if it batches">
            estimated: no token count came back
          </span>
        )}
        <span className="muted probe-source">{sourceWords(record)}</span>
      </p>
      <table className="probe-figures-table">
        <thead>
          <tr>
            <th scope="col">Last probe</th>
            <th scope="col" className="num">
              Opsbar measured
            </th>
            <th scope="col" className="num" title={record.server ? `From ${SERVER_SOURCE[record.server.kind]}` : undefined}>
              Server reported
            </th>
          </tr>
        </thead>
        <tbody>
          <Row name="Time to first token" client={formatMs(record.client.ttftMs)} server={ms(server.ttftMs)} />
          <Row name="Decode" client={record.client.decodeTokensPerSecond == null ? UNKNOWN : formatTokensPerSecond(record.client.decodeTokensPerSecond)} server={rate(server.decode)} />
          <Row name="Prefill" client={record.client.prefillTokensPerSecond == null ? UNKNOWN : formatTokensPerSecond(record.client.prefillTokensPerSecond)} server={rate(server.prefill)} />
          <Row
            name="Tokens generated"
            client={record.estimated ? `${formatCount(record.client.tokenChunks)} chunks (no token count)` : `${formatCount(record.completionTokens)} in ${formatCount(record.client.tokenChunks)} chunks`}
            server={server.tokens == null ? null : formatCount(server.tokens)}
          />
          <Row name="Prompt tokens" client={formatCount(record.promptTokens)} server={server.promptTokens == null ? null : formatCount(server.promptTokens)} />
          <Row name="Total" client={formatMs(record.totalMs)} server={ms(server.totalMs)} />
        </tbody>
      </table>
      {own.length > 0 && (
        <p className="muted probe-server-own">
          More from {record.server ? SERVER_SOURCE[record.server.kind] : 'the server'}:{' '}
          {own.map(([name, value], i) => (
            <span key={name}>
              {i > 0 && ' · '}
              <code>{name}</code> {value}
            </span>
          ))}
        </p>
      )}
      {!record.server && <p className="muted probe-server-own">This server reports no figures of its own on a probe.</p>}
    </div>
  );
}
