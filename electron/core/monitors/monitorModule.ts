import type { Settings } from '../../../shared/config/settingsSchema';
import type { AlertCondition } from '../../../shared/types/alerts';
import type { Severity } from '../../../shared/types/severity';
import type { ModuleId, ModuleSnapshots, StatusCheck } from '../../../shared/types/status';
import type { Clock } from '../clock';
import type { Logger } from '../logger';
import type { CommandRunner } from '../process/commandRunner';
import type { Collector } from './collector';
import type { DockerClientProvider } from './docker/dockerClientProvider';
import type { ModelProbeService } from './models/modelProbeService';

/** What the composition root hands every module's collectors. */
export interface MonitorDeps {
  clock: Clock;
  log: Logger;
  /** Short one-shot programs (nvidia-smi queries, ioreg, sysctl) with deadlines. */
  commands: CommandRunner;
  /** The Docker client of the current settings (for modules that map things to containers). */
  docker: DockerClientProvider;
  /** The latest snapshot of another module (the models module maps servers to GPU processes and containers); null before one. */
  peerSnapshot<Id extends ModuleId>(id: Id): ModuleSnapshots[Id] | null;
  /** Model probes: scheduling, history, "Probe now" (see models/modelProbeService.ts). */
  modelProbes: ModelProbeService;
}

/** What a module's collector last said: its snapshot, or why there is none. */
export interface CollectedState<S> {
  /** The latest snapshot the collector returned; null before the first one. */
  snapshot: S | null;
  /** The collector's last error (it threw), or null. */
  error: string | null;
}

export interface AssessInput<S> extends CollectedState<S> {
  at: number;
  settings: Settings;
  /** False when the settings switch the module off (no collector runs). */
  enabled: boolean;
}

/** A module's judgement: the snapshot as shown (severities filled in) and its status checks. */
export interface Assessment<S> {
  snapshot: S;
  checks: StatusCheck[];
}

/** One line of the tray menu, e.g. "GPU 0 · 21.3 of 24.0 GB (89%)". */
export interface TrayLine {
  label: string;
  severity: Severity;
}

/** A history series a module writes, for the README and the UI. */
export interface SeriesDoc {
  /** e.g. `gpu.memoryUsedBytes:<index>`. */
  name: string;
  unit: string;
  description: string;
}

/**
 * A monitor module: one folder under electron/core/monitors/ that owns everything about its
 * subject — settings (which parts restart its collector), collector, snapshot, checks, series
 * and tray lines. The status pipeline, tray, API and CLI iterate over the registry and never
 * branch on a module's id. (The anchors: exelban/stats' per-module folders, Uptime Kuma's
 * monitor types; their 2,000-line if/else on the type is the warning.)
 */
export interface MonitorModule<Id extends ModuleId = ModuleId> {
  readonly id: Id;
  /** Shown in messages: "GPU", "Docker". */
  readonly label: string;
  enabled(settings: Settings): boolean;
  /**
   * The settings its collector is built from. When this changes, this module's collector
   * restarts, alone; anything else (thresholds) applies at the next assessment.
   */
  collectionSettings(settings: Settings): unknown;
  /** Builds the collector (may load heavy code lazily: it runs only when the module is on). */
  createCollector(settings: Settings, deps: MonitorDeps): Promise<Collector<ModuleSnapshots[Id]>>;
  /**
   * Severity is judged here and nowhere else: a pure function of the collected snapshot (or
   * its absence), the settings and the time.
   */
  assess(input: AssessInput<ModuleSnapshots[Id]>): Assessment<ModuleSnapshots[Id]>;
  /**
   * What holds for the alert engine (electron/core/alerts/): per container, per disk with its
   * reading. Without it, the module's checks that carry `alert` are its conditions.
   */
  alertConditions?(assessment: Assessment<ModuleSnapshots[Id]>, settings: Settings): AlertCondition[];
  /** Tray lines; without it the module's checks are shown as "label — summary". */
  trayLines?(assessment: Assessment<ModuleSnapshots[Id]>): TrayLine[];
  /**
   * How many readings a one-shot status (the CLI) takes, `gapMs` apart: rates such as CPU %
   * need two. Default one.
   */
  readonly oneShot?: { readings: number; gapMs: number };
  /**
   * The module's section of `opsbar status` (`status`: null when there is nothing worth a
   * section) and of its own command, `opsbar <id>` (`alone`).
   */
  text?(snapshot: ModuleSnapshots[Id], purpose: 'status' | 'alone'): string | null;
  /**
   * Modules whose snapshots this one reads through `peerSnapshot` (models: docker's published
   * ports, GPU processes). A one-shot status reads those first, also when only this module is asked for.
   */
  readonly peers?: readonly ModuleId[];
  /** The module records its own events (Docker's die/oom/health): no check-transition events for its checks. */
  readonly recordsOwnEvents?: boolean;
  readonly series: readonly SeriesDoc[];
}

/** The registry's element type: a module of any id. */
export type AnyMonitorModule = { [Id in ModuleId]: MonitorModule<Id> }[ModuleId];
