import type { SettingChange, SettingsProposal } from '../../shared/api/contract/settings';
import { errorEnvelope, type Envelope } from '../../shared/api/envelope';
import type { Logger } from '../core/logger';

/** The options of Electron's `dialog.showMessageBox` this uses; the real dialog satisfies it. */
export interface ConfirmDialogOptions {
  type: 'warning';
  title: string;
  message: string;
  detail: string;
  buttons: string[];
  defaultId: number;
  cancelId: number;
  noLink: boolean;
}

export interface SettingsConfirmationDeps {
  showMessageBox(options: ConfirmDialogOptions): Promise<{ response: number }>;
  log: Pick<Logger, 'warn'>;
}

const APPLY = 0;
const CANCEL = 1;
const MAX_REMEMBERED = 32;

function shown(value: unknown): string {
  const text = value === '' ? '(empty: autodetect / built-in default)' : JSON.stringify(value);
  return text.length > 300 ? `${text.slice(0, 300)}…` : text;
}

/** The dialog's text: each field, from → to, and why it matters. */
export function confirmDialogOptions(changes: readonly SettingChange[]): ConfirmDialogOptions {
  const guarded = changes.filter((c) => c.guarded);
  const lines = changes.map((c) => `${c.path}: ${shown(c.from)} → ${shown(c.to)}${c.why ? `\n  ${c.why}` : ''}`);
  return {
    type: 'warning',
    title: 'Confirm settings change',
    message: guarded.length > 0 ? `Change what Opsbar connects to or runs (${guarded.map((c) => c.path).join(', ')})?` : 'Apply these settings?',
    detail: `${lines.join('\n\n')}\n\nApply only if you made this change yourself.`,
    buttons: ['Apply change', 'Cancel'],
    defaultId: CANCEL,
    cancelId: CANCEL,
    noLink: true,
  };
}

/**
 * The native confirmation in main for `settings.confirm` from the app's window: the page cannot
 * skip it, and the dialog describes the change from the core's own `settings.propose` answer
 * (seen passing through IPC), never from text the page supplies. A change proposed elsewhere
 * (HTTP) cannot be confirmed from the window.
 */
export class SettingsConfirmation {
  private readonly proposals = new Map<string, SettingChange[]>();

  constructor(private readonly deps: SettingsConfirmationDeps) {}

  /** Remembers what the core proposed. */
  observe(method: unknown, envelope: Envelope<unknown>): void {
    if (method !== 'settings.propose' || !envelope.ok) return;
    const proposal = envelope.value as SettingsProposal;
    if (this.proposals.size >= MAX_REMEMBERED) this.proposals.delete(this.proposals.keys().next().value as string);
    this.proposals.set(proposal.changeId, proposal.changes);
  }

  /** Before a call reaches the core: null to let it through, or the envelope that answers it instead. */
  async intercept(method: unknown, payload: unknown): Promise<Envelope<unknown> | null> {
    if (method !== 'settings.confirm') return null;
    const changeId = (payload as { changeId?: unknown } | null)?.changeId;
    const changes = typeof changeId === 'string' ? this.proposals.get(changeId) : undefined;
    if (typeof changeId === 'string') this.proposals.delete(changeId);
    if (!changes) {
      return errorEnvelope('refused', 'This settings change was not proposed from this window (or was already answered). Propose it again here.');
    }
    let response: number;
    try {
      ({ response } = await this.deps.showMessageBox(confirmDialogOptions(changes)));
    } catch (error) {
      this.deps.log.warn(`The settings confirmation dialog failed: ${error instanceof Error ? error.message : String(error)}`);
      response = CANCEL;
    }
    if (response !== APPLY) return errorEnvelope('refused', 'The settings change was not confirmed in the dialog; nothing changed.');
    return null;
  }
}
