import { randomUUID } from 'node:crypto';
import type { SettingChange, SettingsProposal } from '../../../shared/api/contract/settings';
import type { z } from 'zod';
import type { Settings, SettingsView, settingsPatchSchema } from '../../../shared/config/settingsSchema';
import type { CallContext } from '../api/dispatcher';
import { redactChangeValue } from './settingsSecrets';
import { RefusedError } from '../refusedError';
import type { AuditEntry } from '../store/auditLog';

/**
 * The fields that change where Opsbar connects or what it executes, and why each matters.
 * Changing one needs an explicit confirmation (propose, then confirm), never a plain update.
 */
export const GUARDED_SETTINGS: Readonly<Record<string, string>> = {
  'docker.endpoint': 'Opsbar connects to this Docker engine, trusts what it reports and sends it container actions.',
  'runbooks.directory': 'Opsbar loads runbooks from this folder and runs their shell steps.',
  'gpu.nvidiaSmiPath': 'Opsbar executes this program to read the GPUs.',
  // An endpoint names where the API key in an environment variable is sent: a page that could add
  // one could send any of the app's environment variables to any host.
  'models.endpoints': 'Opsbar connects to these model servers, sends each the API key named by its apiKeyEnv, and runs probes on them.',
  // A webhook says where alert text goes (and `urlEnv` which environment variable holds its URL).
  'notifications.webhooks': 'Opsbar sends every alert notification (host name, alert text) to these URLs.',
  // A health check makes Opsbar request a URL on a schedule, from this host's network.
  'http.checks': 'Opsbar requests these URLs on a schedule from this host (also hosts on its private network) and shows what they answer.',
};

/** A validated patch (what the handlers receive). */
type SettingsPatch = z.output<typeof settingsPatchSchema>;

/** A call without a transport (the core's own callers, tests). */
const IN_PROCESS: CallContext = { caller: 'app' };

/** How long a proposal can be confirmed. */
export const PROPOSAL_TTL_MS = 5 * 60_000;
const MAX_PENDING = 32;

export interface SettingsChangeGateDeps {
  settings(): Settings;
  /** Writes the patch and applies it (the core's updateSettings). */
  apply(patch: SettingsPatch): Promise<SettingsView>;
  addAudit(entry: AuditEntry): number;
  now(): number;
  newId?(): string;
  /** Where an audit row that could not be written is reported (a full disk must not undo a change). */
  warn?(message: string): void;
}

/** The fields a patch changes, compared with the current settings (same values are left out). */
export function changesOf(current: Settings, patch: SettingsPatch): SettingChange[] {
  const changes: SettingChange[] = [];
  for (const [section, fields] of Object.entries(patch) as [keyof Settings, Record<string, unknown> | undefined][]) {
    for (const [field, to] of Object.entries(fields ?? {})) {
      if (to === undefined) continue;
      const from = (current[section] as Record<string, unknown>)[field];
      if (JSON.stringify(from) === JSON.stringify(to)) continue;
      const path = `${section}.${field}`;
      const why = GUARDED_SETTINGS[path] ?? '';
      // Webhook URLs are secrets: proposals and audit rows show them redacted.
      changes.push({ path, from: redactChangeValue(path, from), to: redactChangeValue(path, to), why, guarded: why !== '' });
    }
  }
  return changes;
}

interface Pending {
  patch: SettingsPatch;
  changes: SettingChange[];
  expiresAt: number;
  caller: CallContext['caller'];
}

/**
 * Every settings change goes through here: ordinary fields apply at once, guarded fields only
 * through a proposal confirmed once before it expires. Each applied change writes an audit row
 * (who, which fields, from → to); proposals and cancellations do too.
 */
export class SettingsChangeGate {
  private readonly pending = new Map<string, Pending>();

  constructor(private readonly deps: SettingsChangeGateDeps) {}

  async update(patch: SettingsPatch, context: CallContext = IN_PROCESS): Promise<SettingsView> {
    const changes = changesOf(this.deps.settings(), patch);
    const guarded = changes.filter((c) => c.guarded).map((c) => c.path);
    if (guarded.length > 0) {
      throw new RefusedError(
        `Changing ${guarded.join(', ')} needs confirmation: it changes where Opsbar connects or what it runs. Propose the change (settings.propose) and confirm it (settings.confirm).`,
      );
    }
    return this.applyAudited(patch, changes, context, 'settings.update', {});
  }

  propose(patch: SettingsPatch, context: CallContext = IN_PROCESS): SettingsProposal {
    const now = this.deps.now();
    this.dropExpired(now);
    const changes = changesOf(this.deps.settings(), patch);
    if (changes.length === 0) throw new RefusedError('The proposed settings are the current ones: nothing to confirm.');
    if (this.pending.size >= MAX_PENDING) this.pending.delete(this.pending.keys().next().value as string);
    const changeId = this.deps.newId?.() ?? randomUUID();
    const expiresAt = now + PROPOSAL_TTL_MS;
    this.pending.set(changeId, { patch, changes, expiresAt, caller: context.caller });
    this.audit(context, 'settings.propose', changes, 'planned', { changeId, expiresAt });
    return { changeId, changes, expiresAt };
  }

  async confirm(changeId: string, context: CallContext = IN_PROCESS): Promise<SettingsView> {
    const proposal = this.take(changeId);
    // The settings may have moved since the proposal: what was shown must still be what happens.
    const now = changesOf(this.deps.settings(), proposal.patch);
    if (JSON.stringify(now) !== JSON.stringify(proposal.changes)) {
      throw new RefusedError('The settings changed since this change was proposed. Review it again: propose it anew and confirm that.');
    }
    return this.applyAudited(proposal.patch, proposal.changes, context, 'settings.confirm', { changeId, proposedBy: proposal.caller });
  }

  cancel(changeId: string, context: CallContext = IN_PROCESS): { cancelled: boolean } {
    const proposal = this.pending.get(changeId);
    if (!proposal) return { cancelled: false };
    this.pending.delete(changeId);
    this.audit(context, 'settings.confirm', proposal.changes, 'cancelled', { changeId });
    return { cancelled: true };
  }

  /** One use: the proposal is gone whether or not it applies. */
  private take(changeId: string): Pending {
    const proposal = this.pending.get(changeId);
    this.pending.delete(changeId);
    if (!proposal) throw new RefusedError(`No pending settings change "${changeId.slice(0, 64)}" (already confirmed, cancelled or never proposed). Propose it again.`);
    if (this.deps.now() > proposal.expiresAt) {
      throw new RefusedError(`The settings change "${changeId.slice(0, 64)}" expired (${PROPOSAL_TTL_MS / 60_000} minutes to confirm). Propose it again.`);
    }
    return proposal;
  }

  private async applyAudited(patch: SettingsPatch, changes: SettingChange[], context: CallContext, action: string, details: Record<string, unknown>): Promise<SettingsView> {
    try {
      const view = await this.deps.apply(patch);
      if (changes.length > 0) this.audit(context, action, changes, 'succeeded', details);
      return view;
    } catch (error) {
      this.audit(context, action, changes, 'failed', { ...details, error: error instanceof Error ? error.message : String(error) });
      throw error;
    }
  }

  /** Never throws: the change's own outcome (applied, or its error) is what the caller must hear. */
  private audit(context: CallContext, action: string, changes: SettingChange[], outcome: AuditEntry['outcome'], details: Record<string, unknown>): void {
    const target = changes.map((c) => c.path).join(', ') || 'settings';
    try {
      this.deps.addAudit({
        at: this.deps.now(),
        actor: context.caller,
        action,
        target,
        outcome,
        details: { ...details, changes: changes.map(({ path, from, to }) => ({ path, from, to })) },
      });
    } catch (error) {
      this.deps.warn?.(`audit row not saved (${(error as Error).message}): ${action} ${target} ${outcome} by ${context.caller}`);
    }
  }

  private dropExpired(now: number): void {
    for (const [id, proposal] of this.pending) if (now > proposal.expiresAt) this.pending.delete(id);
  }
}
