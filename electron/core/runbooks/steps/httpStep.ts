import type { VerificationCheck } from '../../../../shared/types/runbooks';
import { completeUtf8Length } from '../run/outputCapture';
import { abortedResult } from './abortedResult';
import { describeFetchFailure } from './httpErrors';
import { parseRequestLine } from './httpRequestLine';
import { formatBytes, patternChecks } from './outputPatterns';
import { compilePattern, parseStatusRanges, patternProblems, statusInRanges, unknownAttributes } from './stepAttributes';
import type { StepExecution, StepKind, StepResult } from './stepKind';

const ATTRIBUTES = ['expect-status', 'expect-output'] as const;
const DEFAULT_STATUS = '200-299';
/** Body bytes searched by expect-output; the rest is not read. */
const BODY_MATCH_BYTES = 1024 * 1024;
/** Body bytes written to the step's output. */
const BODY_SHOWN_BYTES = 4 * 1024;

/** `http`: one request (`GET URL`), verified by status and body. Never given to a shell. */
export const httpStepKind: StepKind = {
  name: 'http',
  attributes: ATTRIBUTES,
  validate({ body, attributes }) {
    const problems = unknownAttributes(attributes, ATTRIBUTES);
    const line = parseRequestLine(body, { placeholders: true });
    if (!line.ok) problems.push(line.problem);
    const status = attributes['expect-status'];
    if (status !== undefined) {
      const parsed = parseStatusRanges(status);
      if (!parsed.ok) problems.push(parsed.problem);
    }
    problems.push(...patternProblems(attributes, ['expect-output']));
    if (line.ok && line.value.method === 'HEAD' && attributes['expect-output'] !== undefined) {
      problems.push('a HEAD request has no body: expect-output cannot match');
    }
    return problems;
  },
  execute: executeHttp,
};

async function executeHttp(context: StepExecution): Promise<StepResult> {
  const { services, signal } = context;
  const line = parseRequestLine(context.expandedBody);
  const statusText = context.block.attributes['expect-status'] ?? DEFAULT_STATUS;
  const ranges = parseStatusRanges(statusText);
  const expectSource = context.block.attributes['expect-output'];
  const expect = expectSource === undefined ? null : compilePattern('expect-output', expectSource);
  if (!line.ok) return failedRequest('a valid request', line.problem);
  if (!ranges.ok) return failedRequest('valid attributes', ranges.problem);
  if (expect && !expect.ok) return failedRequest('valid attributes', expect.problem);
  const { method, url } = line.value;

  const started = services.clock.now();
  let response: Response;
  try {
    response = await services.fetch(url, { method, signal, redirect: 'follow' });
  } catch (error) {
    if (signal.aborted) return abortedResult(signal, context.timeoutMs, `no answer from ${url.origin}`);
    const sentence = describeFetchFailure(error, url);
    context.output.write(`${method} ${url.href} → ${sentence}\n`);
    return failedRequest('an HTTP answer', sentence);
  }

  let body: { bytes: Buffer; complete: boolean };
  try {
    body = await readBody(response, BODY_MATCH_BYTES);
  } catch (error) {
    if (signal.aborted) return abortedResult(signal, context.timeoutMs, `${url.origin} was still sending the body`);
    return failedRequest('a complete answer', `${url.origin} broke off the body: ${error instanceof Error ? error.message : String(error)}`);
  }
  const ms = Math.max(0, Math.round(services.clock.now() - started));
  const statusLine = `${response.status}${response.statusText ? ` ${response.statusText}` : ''}`;
  context.output.write(`${method} ${url.href} → ${statusLine} (${ms} ms)\n`);
  writeBodyPreview(context, body);

  const statusPassed = statusInRanges(response.status, ranges.value);
  const checks: VerificationCheck[] = [{ label: 'HTTP status', expected: statusText, actual: statusLine, passed: statusPassed }];
  const text = body.bytes.subarray(0, completeUtf8Length(body.bytes)).toString('utf8');
  const scope = body.complete ? null : `first ${formatBytes(BODY_MATCH_BYTES)} of the body`;
  checks.push(...patternChecks(text, { expect: expect?.ok ? expect.value : undefined }, 'body', scope));

  let summary = `${method} ${url.href} → ${statusLine}`;
  if (!statusPassed) summary = `HTTP ${statusLine} (expected ${statusText}) from ${url.href}`;
  else if (checks.length > 1) summary += checks[1].passed ? ', body matched' : ', expected body not found';
  return { exitCode: null, checks, summary };
}

/** Up to `limit` bytes of the body; the rest is cancelled unread. */
async function readBody(response: Response, limit: number): Promise<{ bytes: Buffer; complete: boolean }> {
  if (!response.body) return { bytes: Buffer.alloc(0), complete: true };
  const reader = response.body.getReader();
  const chunks: Buffer[] = [];
  let length = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return { bytes: Buffer.concat(chunks), complete: true };
    chunks.push(Buffer.from(value));
    length += value.length;
    if (length > limit) {
      await reader.cancel().catch(() => {});
      return { bytes: Buffer.concat(chunks).subarray(0, limit), complete: false };
    }
  }
}

function writeBodyPreview(context: StepExecution, body: { bytes: Buffer; complete: boolean }): void {
  if (body.bytes.length === 0) return;
  const shown = body.bytes.subarray(0, completeUtf8Length(body.bytes.subarray(0, BODY_SHOWN_BYTES)));
  context.output.write(shown);
  const more = body.bytes.length - shown.length;
  if (more > 0 || !body.complete) {
    context.output.write(`\n… [${body.complete ? `${more} more bytes` : `more than ${formatBytes(more)} more`} not shown]\n`);
  } else if (shown[shown.length - 1] !== 0x0a) {
    context.output.write('\n');
  }
}

function failedRequest(expected: string, reason: string): StepResult {
  return { exitCode: null, checks: [{ label: 'answered', expected, actual: reason, passed: false }], summary: reason };
}
