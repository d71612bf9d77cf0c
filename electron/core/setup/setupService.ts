import type { SettingsPatch, SettingsView } from '../../../shared/config/settingsSchema';
import type { HostInventory } from '../../../shared/types/inventory';
import type { SetupChoice, SetupDetection } from '../../../shared/types/setup';
import type { ModuleId, StatusSnapshot } from '../../../shared/types/status';
import { systemClock, type Clock } from '../clock';
import { RefusedError } from '../refusedError';
import type { AuditEntry } from '../store/auditLog';
import { readFindings, type Findings } from './detectFindings';
import { readEngineIdentity, type EngineIdentityReader } from './engineIdentity';
import { setupChoicePatch } from './setupChoicePatch';

export interface SetupDeps {
  configPath: string;
  /** True when config.yaml does not exist yet. */
  firstRun(): boolean;
  /**
   * A one-shot reading with the current settings: of the given modules (and the peers they read),
   * or of every module when the caller ignores `ids`. Each is asked for alone, so a hanging GPU
   * tool does not hold back what Docker said.
   */
  collect(ids?: readonly ModuleId[]): Promise<StatusSnapshot>;
  inventory(): Promise<HostInventory>;
  /** Writes the first config (creates config.yaml) and applies it. */
  writeSettings(patch: SettingsPatch): Promise<SettingsView>;
  platform: NodeJS.Platform;
  /** The desktop app runs this core (it applies `app.startAtLogin`); `opsbar serve` and the CLI do not. */
  desktopApp?: boolean;
  /** Records the operator's choice (the core's audit log). */
  audit?(entry: AuditEntry): void;
  clock?: Clock;
  /** Asks the engine which Docker it is (default: GET /version and /info on the endpoint). */
  engineIdentity?: EngineIdentityReader;
  /** How long detection may take in all (default 10 s): what has not answered by then is reported as such. */
  deadlineMs?: number;
}

export interface SetupService {
  detect(): Promise<SetupDetection>;
  apply(choice: SetupChoice, actor?: string): Promise<SettingsView>;
}

export const DETECT_DEADLINE_MS = 10_000;
export const ALREADY_SET_UP = 'Opsbar is already set up: change settings on the Settings page.';

/** Start at login: macOS login items and Linux XDG autostart, set by the desktop app (not by `opsbar serve`). */
function startAtLoginSupported(platform: NodeJS.Platform, desktopApp: boolean): boolean {
  return desktopApp && (platform === 'darwin' || platform === 'linux');
}

/**
 * The first start: what Opsbar finds on this host (shown by the welcome view), and the config
 * written from the operator's choices. Once a config exists, detection reads nothing (every page
 * load asks whether this is a first run) and apply is refused: Settings changes it from then on.
 */
export function createSetupService(deps: SetupDeps): SetupService {
  const clock = deps.clock ?? systemClock;
  const base = () => ({
    configPath: deps.configPath,
    platform: deps.platform,
    notificationChannels: ['desktop', 'webhook', 'ntfy', 'slack'] as SetupDetection['notificationChannels'],
    startAtLoginSupported: startAtLoginSupported(deps.platform, deps.desktopApp ?? false),
  });
  return {
    async detect() {
      if (!deps.firstRun()) return { firstRun: false, ...base(), ...emptyFindings() };
      const findings = await readFindings({
        collect: deps.collect,
        inventory: deps.inventory,
        engineIdentity: deps.engineIdentity ?? readEngineIdentity,
        clock,
        deadlineMs: deps.deadlineMs ?? DETECT_DEADLINE_MS,
      });
      return { firstRun: true, ...base(), ...findings };
    },
    async apply(choice, actor = 'app') {
      if (!deps.firstRun()) throw new RefusedError(ALREADY_SET_UP);
      const patch = setupChoicePatch(choice);
      const webhook = choice.notifications.webhook ?? null;
      // The webhook's URL is a secret: the audit row names its kind only.
      const details = { monitors: choice.monitors, desktop: choice.notifications.desktop, webhook: webhook ? webhook.kind : null, startAtLogin: choice.startAtLogin };
      try {
        const view = await deps.writeSettings(patch);
        deps.audit?.({ at: clock.now(), actor, action: 'setup.apply', target: deps.configPath, outcome: 'succeeded', details });
        return view;
      } catch (error) {
        deps.audit?.({ at: clock.now(), actor, action: 'setup.apply', target: deps.configPath, outcome: 'failed', details: { ...details, error: (error as Error).message } });
        throw error;
      }
    },
  };
}

function emptyFindings(): Findings {
  return {
    docker: { found: false, endpoint: null, kind: 'unknown', detail: 'Not read: Opsbar is already set up (the Status page shows what it watches).', containers: 0 },
    gpus: { found: false, source: null, names: [], detail: 'Not read: Opsbar is already set up.' },
    modelServers: [],
    disks: [],
  };
}
