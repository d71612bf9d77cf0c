/**
 * Emergency actions: plan → show → confirm → execute exactly the plan → verify → audit.
 * A plan lists every item it will touch and everything it saw and keeps (and why); executing
 * names the plan's id and hash. Nothing outside the plan is ever touched.
 */

export const ACTION_NAMES = ['disk', 'gpu', 'rollback', 'container'] as const;
/** `disk`: free disk space; `gpu`: relieve GPU memory; `rollback`: roll a stack back to a snapshot. */
export type ActionName = (typeof ACTION_NAMES)[number];

/** A fact about an item, shown in the plan and re-checked before acting (a PID's start time, an image id). */
export type ItemFact = string | number | boolean | null;

/** One thing the plan will touch, in the order it will be touched. */
export interface PlanItem {
  /** Unique in the plan and stable: `container:<id>`, `image:<sha256>`, `log:<containerId>`, `pid:<pid>:<startTicks>`, `step:<n>`. */
  id: string;
  /** What it is and what will be done: `container.remove`, `image.remove`, `log.truncate`, `buildcache.remove`, `cache.remove`, `history.vacuum`, `model.unload`, `container.restart`, `container.stop`, `process.stop`, `rollback.<step>`. */
  kind: string;
  /** What the operator reads: a container's name, an image's tags, a process's command line. */
  name: string;
  /** Predicted bytes freed (disk) or held (GPU); null when not known. */
  bytes: number | null;
  /** Why it is a candidate: "stopped 3 days ago", "dangling", "log 1.2 GB (over 100 MB)". */
  reason: string;
  /** Checked in the plan view unless the operator unticks it; opt-in kinds start unchecked. */
  selected: boolean;
  /** What is re-checked just before acting (ids, start times, paths): a changed fact skips the item. */
  facts: Record<string, ItemFact>;
}

/** Something the plan saw and will not touch, and why ("volume pgdata: named volume, never removed"). */
export interface KeptItem {
  id: string;
  kind: string;
  name: string;
  reason: string;
}

export interface ActionPlan {
  id: string;
  /** sha256 of the action, params, items and kept list: executing names it, so what runs is what was shown. */
  hash: string;
  action: ActionName;
  /** A title for the plan view: "Free disk space", "Relieve GPU memory", "Roll back demo to 2026-12-02 10:00". */
  title: string;
  params: Record<string, unknown>;
  createdAt: number;
  /** After this a plan must be made again (what it saw may have changed). */
  expiresAt: number;
  items: PlanItem[];
  kept: KeptItem[];
  /** Sum of the selected items' bytes (disk: predicted free bytes; gpu: memory held). */
  predictedBytes: number;
  /** Plain sentences: preconditions checked, warnings, what verify will measure. */
  notes: string[];
  /** Problems that make the plan impossible: execution is refused before anything is touched. */
  refusals: string[];
}

export type ItemOutcomeState = 'pending' | 'in-flight' | 'done' | 'skipped' | 'failed' | 'unknown';

export interface ItemOutcome {
  id: string;
  outcome: ItemOutcomeState;
  /** "removed", "changed since the plan: now used by container web", "outcome unknown: Opsbar stopped while acting". */
  detail: string;
  /** Bytes the item freed or released, where it can be told. */
  bytes: number | null;
  at: number | null;
}

export type ActionRunState = 'running' | 'succeeded' | 'partial' | 'failed' | 'cancelled' | 'refused' | 'unknown';

/** Measured, not assumed: before and after, predicted against actual. */
export interface ActionVerification {
  passed: boolean;
  /** "Freed 3.2 GB on / (predicted 3.5 GB)", "released 18.2 GB", "not released", "demo healthy: 3/3 containers". */
  summary: string;
  /** Named figures: `freeBytesBefore`, `freeBytesAfter`, `predictedBytes`, `gpuMemoryBefore`… */
  figures: Record<string, number | null>;
  /** What was checked, each with its result. */
  checks: { label: string; passed: boolean; detail: string }[];
}

export interface ActionOutcome {
  planId: string;
  action: ActionName;
  state: ActionRunState;
  actor: string;
  startedAt: number;
  finishedAt: number | null;
  /** The items confirmed for execution, in plan order (the plan's selected items, or the subset the operator confirmed). */
  items: ItemOutcome[];
  verified: ActionVerification | null;
  /** Set when the run stopped early: "cancelled before container web", "precondition failed: …", "outcome unknown after a restart". */
  message: string | null;
  /** A rollback that failed offers the roll-forward: the snapshot taken just before. */
  rollForwardSnapshotId: string | null;
}

/** A plan with its execution, if any (the plan view and `opsbar emergency execute`). */
export interface ActionRecord {
  plan: ActionPlan;
  outcome: ActionOutcome | null;
}

/** Live progress: sent on every item outcome and at the end. */
export interface ActionProgress {
  outcome: ActionOutcome;
}

// ---------------------------------------------------------------- stack snapshots

export interface SnapshotContainer {
  /** Container name without the slash. */
  name: string;
  /** `com.docker.compose.service`. */
  service: string | null;
  /** The image id (sha256:…) the snapshot keeps alive with its protected tag. */
  imageId: string;
  /** The image reference the container was created from (`nginx:1.25`). */
  imageRef: string;
  /** The compose `depends_on` services (from `com.docker.compose.depends_on`), for start order. */
  dependsOn: string[];
  /** Named volumes and bind mounts it used. */
  mounts: { type: string; name: string | null; source: string; destination: string }[];
  /** The create configuration, from inspect (Config, HostConfig, NetworkingConfig): recreate input. */
  create: Record<string, unknown>;
  /** A digest of the parts that matter for "changed since the last snapshot" (image, env, cmd, labels, mounts). */
  configDigest: string;
}

export interface StackSnapshot {
  id: string;
  stack: string;
  takenAt: number;
  /** `auto` (healthy for a while and changed), `manual`, `pre-rollback` (for the roll-forward). */
  reason: 'auto' | 'manual' | 'pre-rollback';
  /** The protected tag's repository: `opsbar-snapshot/<stack>`; each image gets `<repo>:<time>-<n>`. */
  tags: string[];
  containers: SnapshotContainer[];
  /** Compose files and `.env` the labels name, where readable (content null when not). */
  files: { path: string; content: string | null; problem: string | null }[];
  volumes: string[];
  /** Every container's config and image captured. */
  complete: boolean;
  problems: string[];
}

/** A snapshot as the list shows it: what differs from the stack now. */
export interface SnapshotView {
  snapshot: Omit<StackSnapshot, 'containers' | 'files'> & { containers: Omit<SnapshotContainer, 'create'>[]; files: { path: string; readable: boolean }[] };
  /** "web: image nginx:1.25 → nginx:1.26", "worker: not running now", "same as now". */
  differences: string[];
  /** Every image the snapshot needs is present (a rollback would pass this precondition). */
  imagesPresent: boolean;
}

// ---------------------------------------------------------------- what fills this disk

export interface DiskUsageEntry {
  path: string;
  bytes: number;
  /** Files seen under it (the walk is bounded: see `truncated`). */
  files: number;
}

export interface DiskUsageRoot {
  /** `docker`, `huggingface`, `ollama`, `opsbar`. */
  kind: string;
  label: string;
  path: string;
  exists: boolean;
  /** The largest directories under it, largest first. */
  entries: DiskUsageEntry[];
  totalBytes: number;
  /** The walk stopped at its time or entry budget: sizes are lower bounds. */
  truncated: boolean;
  problem: string | null;
}

export interface DiskGrowth {
  mount: string;
  freeBytes: number | null;
  /** Bytes per day the free space shrinks by (negative: it grows), from the disk history. */
  bytesPerDay: number | null;
  /** Days until full at that rate; null when not shrinking or not enough history. */
  daysUntilFull: number | null;
  /** The history span it was computed from. */
  basisHours: number;
}

export interface DiskUsageView {
  at: number;
  roots: DiskUsageRoot[];
  growth: DiskGrowth[];
  elapsedMs: number;
}
