import { createHash } from 'node:crypto';
import type { InvalidRunbook, Runbook } from '../../../../shared/types/runbooks';
import type { StepKindRegistry } from '../steps/registry';
import { SCHEDULE_SEPARATOR } from './cronSchedule';
import { readFrontMatter } from './frontMatter';
import { scanMarkdown } from './markdownScanner';
import { ProblemList } from './problemList';
import { readRunbookHeader } from './runbookHeader';
import { buildRunbookBody } from './runbookSteps';
import { readSourceText } from './sourceText';

export interface ParseRunbookOptions {
  /** Path (or name) of the file: every problem carries it. */
  file: string;
  origin: 'builtin' | 'user';
  kinds: StepKindRegistry;
}

export type ParsedRunbook =
  /** `idLine`: the line of `id:` in the front matter (library-level problems point at it). */
  | { ok: true; runbook: Runbook; idLine: number }
  | { ok: false; invalid: InvalidRunbook };

/**
 * Parses one runbook file (docs/runbook-format.md). Never throws: every problem found, in the
 * header and in the body, is reported with its line; a file with any problem is invalid.
 * `hash` is the sha256 (hex) of the exact bytes; a string is hashed as its UTF-8 encoding.
 * Checks that need the whole library (duplicate ids, `runbook:` targets) are the catalog's.
 */
export function parseRunbook(source: Buffer | string, options: ParseRunbookOptions): ParsedRunbook {
  const problems = new ProblemList(options.file);
  const bytes = typeof source === 'string' ? Buffer.from(source, 'utf8') : source;
  const hash = createHash('sha256').update(bytes).digest('hex');
  const invalid = (id: string | null): ParsedRunbook => ({ ok: false, invalid: { file: options.file, origin: options.origin, id, problems: problems.list() } });
  try {
    const text = readSourceText(bytes, problems);
    if (!text) return invalid(null);
    const { frontMatter, bodyStart } = readFrontMatter(text.lines, problems);
    const head = frontMatter ? readRunbookHeader(frontMatter, problems) : { header: null, id: null, idLine: 1 };
    if (bodyStart >= text.lines.length && !frontMatter) return invalid(head.id);
    const blocks = scanMarkdown(text.lines, bodyStart, text.overlongLines, problems);
    const paramNames = head.header ? new Set(head.header.params.map((param) => param.name)) : null;
    const body = buildRunbookBody(blocks, text.lines, options.kinds, paramNames, problems);
    const header = head.header;
    if (!header || problems.count > 0) return invalid(head.id);
    const runbook: Runbook = {
      id: header.id,
      title: header.title,
      category: header.category,
      severity: header.severity,
      estimatedMinutes: header.estimatedMinutes,
      triggers: header.triggers,
      schedule: header.schedules.length > 0 ? header.schedules.join(SCHEDULE_SEPARATOR) : null,
      origin: options.origin,
      file: options.file,
      hash,
      stepCount: body.steps.length,
      executableSteps: body.steps.filter((step) => step.block !== null).length,
      needsOperator: body.needsOperator,
      description: header.description,
      params: header.params,
      intro: body.intro,
      steps: body.steps,
    };
    return { ok: true, runbook, idLine: head.idLine };
  } catch (error) {
    // A bug here must cost one file, not the library.
    problems.add(0, `The parser failed on this file: ${(error as Error)?.message ?? String(error)}`);
    return invalid(null);
  }
}
