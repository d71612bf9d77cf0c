import type { Settings } from '../../shared/config/settingsSchema';
import type { HostInventory } from '../../shared/types/inventory';
import type { RunDetail, RunSummary } from '../../shared/types/runbooks';
import type { ModuleId, StatusSnapshot } from '../../shared/types/status';
import type { ActionSystem } from './actions/actionSystem';
import type { SnapshotService } from './actions/rollback/snapshotService';
import type { AlertSystem } from './alerts/alertSystem';
import type { ApiDispatcher } from './api/dispatcher';
import type { IncidentSystem } from './incidents/incidentSystem';
import type { LiveListener } from './liveHub';
import type { LogService } from './logs/logService';
import type { DiagnosticsBundle } from '../../shared/types/diagnostics';
import type { ModelProbeService } from './monitors/models/modelProbeService';
import type { TrayLine } from './monitors/monitorModule';
import type { NotificationSystem } from './notifications/notificationSystem';
import type { RunbookSystem } from './runbooks/createRunbookSystem';

/**
 * What the core offers to its hosts: the Electron shell, the headless server and the CLI.
 * Built by `createOpsbarCore` (electron/core/createCore.ts), the one composition root.
 */
export interface OpsbarCore {
  readonly dataDir: string;
  /** The one API checkpoint: validates method and payload, answers an envelope. */
  readonly dispatch: ApiDispatcher;
  /** Live status changes and events; returns an unsubscribe function. */
  subscribe(listener: LiveListener): () => void;
  /** The latest status (overall severity, checks, each module's snapshot). */
  status(): StatusSnapshot;
  /** The tray's status lines as each module words them (the tray menu orders them worst first). */
  trayLines(): TrayLine[];
  /** One reading of the given modules (all by default) without the background loop: the CLI's status. */
  collectOnce(ids?: readonly ModuleId[]): Promise<StatusSnapshot>;
  settings(): Settings;
  /** Model probes: "Probe now" with a `done` to await (the CLI's `models probe`). */
  readonly modelProbes: ModelProbeService;
  /** Alert states and silences (the tray's colour is the worst firing alert). */
  readonly alerts: AlertSystem;
  readonly incidents: IncidentSystem;
  /** The notification policy and channels (the shell registers its desktop notifier here). */
  readonly notifications: NotificationSystem;
  /** Emergency actions (the CLI's `emergency`, the tray's Emergency menu opens their plans in the dashboard). */
  readonly actions: ActionSystem;
  readonly snapshots: SnapshotService;
  /** Container log sessions (the dashboard's log view, `opsbar logs`). */
  readonly logs: LogService;
  /** What a user attaches to a bug report (`opsbar diagnostics`, the Settings page's button). */
  diagnostics(): Promise<DiagnosticsBundle>;
  /** CPU, OS and GPU controllers, read once. */
  inventory(): Promise<HostInventory>;
  /** The runbook library and runner (the CLI's `runbook` commands). */
  readonly runbooks: Pick<RunbookSystem, 'catalog' | 'runs'>;
  /** Runs a runbook through (the tray's "Run daily health check"): its current file, default params. */
  startRunbook(runbookId: string, trigger: 'tray' | 'cli'): RunDetail;
  /** The newest run of a runbook, or null. */
  lastRun(runbookId: string): RunSummary | null;
  /** Things the operator should know from start-up: config problems, a database moved aside. */
  readonly notices: string[];
  /** Starts monitors and background jobs; resolves once the first samples are in. */
  start(): Promise<void>;
  /** Stops monitors, flushes and closes the store. */
  stop(): Promise<void>;
}
