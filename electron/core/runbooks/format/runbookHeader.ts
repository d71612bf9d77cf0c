import { z } from 'zod';
import {
  PARAM_TYPES,
  RUNBOOK_CATEGORIES,
  RUNBOOK_SEVERITIES,
  type RunbookCategory,
  type RunbookParam,
  type RunbookSeverity,
} from '../../../../shared/types/runbooks';
import { checkScheduleExpressions } from './cronSchedule';
import type { FrontMatter, YamlPath } from './frontMatter';
import { checkParamDeclarations, type DeclaredParam } from './paramDeclarations';
import type { ProblemList } from './problemList';

export const RUNBOOK_ID_PATTERN = /^[a-z0-9][a-z0-9-]*[a-z0-9]$/;
const TRIGGER_PATTERN = /^[a-z0-9_.:-]+$/;

/** The front matter, validated: what the summary and the param checks need. */
export interface RunbookHeader {
  id: string;
  title: string;
  category: RunbookCategory;
  severity: RunbookSeverity | null;
  estimatedMinutes: number | null;
  description: string;
  triggers: string[];
  schedules: string[];
  params: RunbookParam[];
}

export const runbookIdSchema = z
  .string()
  .refine((id) => id.length >= 3 && id.length <= 64 && RUNBOOK_ID_PATTERN.test(id), {
    error: 'must be kebab-case, 3–64 characters of a-z, 0-9 and "-" (e.g. "docker-answers")',
  });

/** YAML reads `8` and `true` as a number and a boolean; params hold text, so plain scalars are turned into strings. */
const scalarText = z.union([z.string(), z.number(), z.boolean()], { error: 'must be a plain value (text, number or true/false)' }).transform(String);

const paramSchema = z.strictObject({
  name: z.string(),
  type: z.enum(PARAM_TYPES, { error: `must be one of ${PARAM_TYPES.join(', ')}` }),
  default: scalarText.optional(),
  values: z.array(scalarText).min(1, { error: 'must list at least one value' }).optional(),
  pattern: z.string().optional(),
  description: z.string().min(1, { error: 'must not be empty' }).max(300, { error: 'must be at most 300 characters' }),
  required: z.boolean().default(false),
});

const scheduleSchema = z.union([z.string(), z.array(z.string()).min(1, { error: 'must list at least one cron expression' })], { error: 'must be a cron expression or a list of them' });

const headerSchema = z.strictObject({
  id: runbookIdSchema,
  title: z.string().trim().min(1, { error: 'must not be empty' }).max(120, { error: 'must be at most 120 characters' }),
  category: z.enum(RUNBOOK_CATEGORIES, { error: `must be one of ${RUNBOOK_CATEGORIES.join(', ')}` }),
  severity: z.enum(RUNBOOK_SEVERITIES, { error: `must be one of ${RUNBOOK_SEVERITIES.join(', ')}` }).optional(),
  estimatedMinutes: z.number().int({ error: 'must be a whole number of minutes' }).min(1, { error: 'must be at least 1' }).max(1440, { error: 'must be at most 1440 (a day)' }).optional(),
  description: z.string().max(500, { error: 'must be at most 500 characters' }).optional(),
  triggers: z.array(z.string().regex(TRIGGER_PATTERN, { error: 'must be an alert kind such as "disk.free" (a-z, 0-9, _ . : -)' })).optional(),
  schedule: scheduleSchema.optional(),
  // Each param is checked on its own (below), so one bad param does not hide the others' problems.
  params: z.array(z.unknown()).optional(),
});

function describePath(path: YamlPath): string {
  return path.map((part, index) => (typeof part === 'number' ? `[${part}]` : index === 0 ? part : `.${part}`)).join('');
}

/** Readable sentences for zod's generic cases: a missing key, a value of the wrong type. */
function issueMessage(issue: z.core.$ZodRawIssue): string | undefined {
  if (issue.code === 'invalid_type') return issue.input === undefined ? 'is required' : `must be ${issue.expected === 'array' ? 'a list' : `a ${issue.expected}`}`;
  return undefined;
}

/**
 * Validates the front matter strictly (unknown keys are errors) and reports every problem at
 * the line of the offending key or value. Returns the header only when all of it is valid; the
 * id alone is returned whenever it can be read, so an invalid file can still be named.
 */
export function readRunbookHeader(frontMatter: FrontMatter, problems: ProblemList): { header: RunbookHeader | null; id: string | null; idLine: number } {
  const raw = frontMatter.value;
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    problems.add(2, 'The front matter must be a YAML mapping with at least id, title and category.');
    return { header: null, id: null, idLine: 1 };
  }
  const rawId = (raw as Record<string, unknown>).id;
  const id = runbookIdSchema.safeParse(rawId).success ? (rawId as string) : null;
  const idLine = frontMatter.lineOf(['id']);
  const before = problems.count;
  const report = (issues: readonly z.core.$ZodIssue[], prefix: YamlPath, known: string[]) => {
    for (const issue of issues) {
      const path = [...prefix, ...(issue.path as (string | number)[])];
      if (issue.code === 'unrecognized_keys') {
        const where = path.length === 0 ? 'front-matter key' : `key in ${describePath(path)}`;
        for (const key of issue.keys) problems.add(frontMatter.lineOfKey(path, key), `Unknown ${where} "${key}" (known: ${known.join(', ')}).`);
      } else {
        problems.add(frontMatter.lineOf(path), `Front matter: "${describePath(path)}" ${issue.message}.`);
      }
    }
  };
  const parsed = headerSchema.safeParse(raw, { error: issueMessage });
  if (!parsed.success) report(parsed.error.issues, [], Object.keys(headerSchema.shape));

  const schedule = scheduleSchema.safeParse((raw as Record<string, unknown>).schedule);
  const schedules = !schedule.success ? [] : typeof schedule.data === 'string' ? [schedule.data] : schedule.data;
  checkScheduleExpressions(schedules, frontMatter, problems);

  const rawParams = (raw as Record<string, unknown>).params;
  const declared: { param: DeclaredParam; index: number }[] = [];
  (Array.isArray(rawParams) ? rawParams : []).forEach((item, index) => {
    const param = paramSchema.safeParse(item, { error: issueMessage });
    if (param.success) declared.push({ param: param.data, index });
    else report(param.error.issues, ['params', index], Object.keys(paramSchema.shape));
  });
  const params = checkParamDeclarations(declared, frontMatter, problems);
  const data = parsed.success ? parsed.data : null;
  if (!data || problems.count > before) return { header: null, id, idLine };
  return {
    id,
    idLine,
    header: {
      id: data.id,
      title: data.title,
      category: data.category,
      severity: data.severity ?? null,
      estimatedMinutes: data.estimatedMinutes ?? null,
      description: data.description ?? '',
      triggers: data.triggers ?? [],
      schedules,
      params,
    },
  };
}
