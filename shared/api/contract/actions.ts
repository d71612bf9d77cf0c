import { z } from 'zod';
import type { ActionOutcome, ActionPlan, ActionRecord, DiskUsageView, SnapshotView } from '../../types/actions';
import { method } from './method';

/** A compose project name as Docker labels it (`com.docker.compose.project`). */
export const stackNameSchema = z
  .string()
  .min(1)
  .max(128)
  .regex(/^[a-z0-9][a-z0-9_.-]*$/, 'A stack is a compose project name: lower-case letters, digits, dashes, dots and underscores');

/** Plan and snapshot ids: what the UI and the CLI send back, never a command. */
export const actionIdSchema = z
  .string()
  .min(8)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, 'An id is letters, digits, dashes and underscores');

const diskParams = z
  .object({
    /** Also plan unused images older than this many days (opt-in; default: the setting). */
    unusedImagesOlderThanDays: z.number().int().min(0).max(3650).nullable().optional(),
    /** Container logs over this many MB are truncated (default: the setting). */
    logsOverMb: z.number().int().min(1).max(1_000_000).optional(),
    /** Include the allow-listed caches (Hugging Face, Ollama) the settings enable (default true). */
    caches: z.boolean().optional(),
  })
  .strict();

const gpuParams = z
  .object({
    /** Only candidates on this GPU (default: all). */
    gpuIndex: z.number().int().min(0).max(255).optional(),
  })
  .strict();

const rollbackParams = z
  .object({
    stack: stackNameSchema,
    /** Default: the newest complete snapshot that differs from now. */
    snapshotId: actionIdSchema.optional(),
    /** Back the stack's named volumes up first (default: the setting). */
    backupVolumes: z.boolean().optional(),
  })
  .strict();

/** A container as Docker names it (without the leading slash), or its id (12–64 hex digits). */
export const containerRefSchema = z
  .string()
  .min(1)
  .max(128)
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, 'A container is its name (letters, digits, dots, dashes, underscores) or its id');

export const CONTAINER_VERBS = ['restart', 'stop', 'start'] as const;

const containerParams = z
  .object({
    verb: z.enum(CONTAINER_VERBS),
    /** One container, by name or id. */
    container: containerRefSchema.optional(),
    /** Every container of a compose stack, in dependency order (stop: the reverse). */
    stack: stackNameSchema.optional(),
  })
  .strict()
  .refine((p) => (p.container === undefined) !== (p.stack === undefined), 'Name either a container or a stack, not both');

export const actionPlanRequestSchema = z.discriminatedUnion('action', [
  z.object({ action: z.literal('disk'), params: diskParams.prefault({}) }).strict(),
  z.object({ action: z.literal('gpu'), params: gpuParams.prefault({}) }).strict(),
  z.object({ action: z.literal('rollback'), params: rollbackParams }).strict(),
  z.object({ action: z.literal('container'), params: containerParams }).strict(),
]);
export type ActionPlanRequest = z.output<typeof actionPlanRequestSchema>;
export type DiskActionParams = z.output<typeof diskParams>;
export type GpuActionParams = z.output<typeof gpuParams>;
export type RollbackActionParams = z.output<typeof rollbackParams>;
export type ContainerActionParams = z.output<typeof containerParams>;

export const actionMethods = {
  /** Plans an action: the exact items it would touch and what it keeps, with an id and a hash. Touches nothing. */
  'actions.plan': method<ActionPlan>()(actionPlanRequestSchema),
  /**
   * Executes a plan the operator confirmed: its id and hash (what was shown), and optionally the
   * subset of its items left ticked. Answers at once with the run (`running`); progress comes as
   * live `action` messages. Refused while another action runs on this host.
   */
  'actions.execute': method<ActionOutcome>()(
    z
      .object({
        planId: actionIdSchema,
        hash: z.string().regex(/^[0-9a-f]{64}$/, 'A plan hash is 64 hex digits'),
        confirm: z.literal(true),
        itemIds: z.array(z.string().min(1).max(512)).max(10_000).optional(),
      })
      .strict(),
  ),
  /** Stops a running plan before its next item. */
  'actions.cancel': method<{ cancelled: boolean }>()(z.object({ planId: actionIdSchema }).strict()),
  'actions.get': method<ActionRecord>()(z.object({ planId: actionIdSchema }).strict()),
  /** Newest first: plans made and runs, with their outcomes (an interrupted one reads `unknown`). */
  'actions.recent': method<ActionRecord[]>()(z.object({ limit: z.number().int().min(1).max(200).default(20) }).strict()),
  /** Known-good snapshots of a stack (all stacks when none is named), newest first, with what differs from now. */
  'snapshots.list': method<SnapshotView[]>()(z.object({ stack: stackNameSchema.optional() }).strict()),
  'snapshots.take': method<SnapshotView>()(z.object({ stack: stackNameSchema }).strict()),
  /** What fills the disk: the largest directories under Docker's data root and the model caches (a bounded walk), and days until full. */
  'disk.usage': method<DiskUsageView>()(z.object({}).strict()),
} as const;
