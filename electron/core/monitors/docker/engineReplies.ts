import { z } from 'zod';
import type { RawContainerDetails, RawContainerSummary } from './dockerApi';
import { DockerReplyInvalidError } from './engineReplyErrors';

/**
 * The shapes of the Engine API replies Opsbar reads, checked where they enter: a socket that
 * answers `null` or `[{"Id":5}]` is an engine that lies, said in words, not a TypeError later.
 * Only the fields Opsbar reads are checked (and kept); the rest of a reply is dropped.
 */

const text = z.string();
const optionalText = text.nullish().transform((v) => v ?? undefined);

const containerSummary = z.object({
  Id: text.min(1, 'Id is empty'),
  Names: z.array(text).nullish().transform((v) => v ?? undefined),
  Image: optionalText,
  Labels: z.record(text, text).nullish(),
  State: optionalText,
  Status: optionalText,
  // The models module finds model servers on the ports running containers publish.
  Ports: z
    .array(z.object({ IP: optionalText, PrivatePort: z.number(), PublicPort: z.number().nullish().transform((v) => v ?? undefined), Type: optionalText }))
    .nullish()
    .transform((v) => v ?? undefined),
});

const containerList = z.array(containerSummary);

const containerDetails = z.object({
  // Name and Config.Labels: the GPU panel names the container a process runs in.
  Name: optionalText,
  Config: z
    .object({ Labels: z.record(text, text).nullish() })
    .nullish()
    .transform((v) => v ?? undefined),
  RestartCount: z.number().nullish().transform((v) => v ?? undefined),
  State: z
    .object({
      Status: optionalText,
      ExitCode: z.number().nullish().transform((v) => v ?? undefined),
      StartedAt: optionalText,
      Pid: z.number().nullish().transform((v) => v ?? undefined),
      Health: z.object({ Status: optionalText }).nullish(),
    })
    .nullish()
    .transform((v) => v ?? undefined),
});

const engineVersion = z.object({ Version: optionalText, ApiVersion: optionalText });

/** Stats are read field by field by containerStats; here only "an object" is required. */
const statsReply = z.record(z.string(), z.unknown());

/** The first thing wrong, as "item 3, Id: expected string". */
function firstProblem(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'it does not match';
  const where = issue.path.map((p) => (typeof p === 'number' ? `item ${p}` : String(p))).join(', ');
  const got = issue.code === 'invalid_type' ? `expected ${issue.expected}` : issue.message;
  return where ? `${where}: ${got}` : got;
}

function check<T>(schema: z.ZodType<T>, value: unknown, request: string, expected: string): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const problem = value === null ? 'it is null' : firstProblem(parsed.error);
    throw new DockerReplyInvalidError(request, expected, problem);
  }
  return parsed.data;
}

export function containerListFrom(value: unknown): RawContainerSummary[] {
  return check(containerList, value, 'GET /containers/json', 'a list of containers');
}

export function containerDetailsFrom(value: unknown, id: string): RawContainerDetails {
  return check(containerDetails, value, `GET /containers/${id.slice(0, 12)}/json`, 'a container');
}

export function engineVersionFrom(value: unknown): { Version?: string; ApiVersion?: string } {
  return check(engineVersion, value, 'GET /version', 'an engine version');
}

export function statsFrom(value: unknown, id: string): unknown {
  return check(statsReply, value, `GET /containers/${id.slice(0, 12)}/stats`, 'container stats');
}
