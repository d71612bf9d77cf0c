import { IPC_CALL_CHANNEL, IPC_LIVE_CHANNEL } from '../../shared/api/client';
import { errorEnvelope, type Envelope } from '../../shared/api/envelope';
import type { LiveMessage } from '../../shared/api/live';
import type { Logger } from '../core/logger';
import type { OpsbarCore } from '../core/opsbarCore';
import { isAppUrl } from './appProtocol';
import { IPC_OPEN_LINK_CHANNEL } from './linkClickForwarder';
import type { SettingsConfirmation } from './settingsConfirmation';

/** The parts of Electron's IPC objects the checkpoint reads; Electron's own types satisfy them. */
export interface SenderFrameLike {
  readonly url: string;
  readonly parent: unknown;
}

export interface InvokeEventLike {
  readonly sender: { readonly id: number };
  readonly senderFrame: SenderFrameLike | null;
}

export interface WebContentsLike {
  readonly id: number;
  isDestroyed(): boolean;
  getURL(): string;
  send(channel: string, ...args: unknown[]): void;
  once(event: 'destroyed', listener: () => void): unknown;
}

export interface IpcMainLike {
  handle(channel: string, listener: (event: InvokeEventLike, ...args: unknown[]) => Promise<unknown>): void;
  removeHandler(channel: string): void;
}

export interface IpcDeps {
  ipcMain: IpcMainLike;
  core: Pick<OpsbarCore, 'dispatch' | 'subscribe'>;
  log: Pick<Logger, 'warn' | 'error'>;
  /** Opens a link the operator clicked (the preload's forwarder); it applies the host allow-list. */
  openLink?(url: unknown): Promise<boolean>;
  /** The native dialog in front of `settings.confirm`. */
  confirmSettings?: Pick<SettingsConfirmation, 'observe' | 'intercept'>;
}

/** Why a sender is not the app's own page in one of our windows, or null when it is. */
export function senderRefusal(event: InvokeEventLike, trustedWindowIds: ReadonlySet<number>): string | null {
  let frame: SenderFrameLike | null;
  try {
    frame = event.senderFrame;
  } catch {
    frame = null;
  }
  if (!frame) return 'no sender frame (navigated away or destroyed)';
  if (frame.parent !== null) return 'sent from a subframe';
  if (!trustedWindowIds.has(event.sender.id)) return 'sent from a window the shell did not create';
  if (!isAppUrl(frame.url)) return `sent from a foreign page ${JSON.stringify(String(frame.url).slice(0, 200))}`;
  return null;
}

/**
 * The Electron side of the one API checkpoint (VS Code's validatedIpcMain, Fiddle's IPC
 * manager): one handler on one channel; the sender must be the main frame of a dashboard
 * window showing the app's own origin; the core then validates method and payload and
 * answers an envelope. Live messages go only to the windows the shell attached.
 */
export class IpcService {
  private readonly windows = new Map<number, WebContentsLike>();
  private unsubscribe: (() => void) | null = null;

  constructor(private readonly deps: IpcDeps) {}

  start(): void {
    this.deps.ipcMain.handle(IPC_CALL_CHANNEL, (event, method, payload) => this.handleCall(event, method, payload));
    if (this.deps.openLink) this.deps.ipcMain.handle(IPC_OPEN_LINK_CHANNEL, (event, url) => this.handleOpenLink(event, url));
    this.unsubscribe = this.deps.core.subscribe((message) => this.push(message));
  }

  /** Marks a dashboard window's webContents as ours: it may call, and it gets live messages. */
  attachWindow(contents: WebContentsLike): void {
    this.windows.set(contents.id, contents);
    contents.once('destroyed', () => this.windows.delete(contents.id));
  }

  async handleCall(event: InvokeEventLike, method: unknown, payload: unknown): Promise<Envelope<unknown>> {
    const refusal = senderRefusal(event, new Set(this.windows.keys()));
    if (refusal) {
      this.deps.log.warn(`IPC call ${JSON.stringify(String(method).slice(0, 80))} refused: ${refusal}.`);
      return errorEnvelope('forbidden', 'This page may not call Opsbar.');
    }
    try {
      const answered = await this.deps.confirmSettings?.intercept(method, payload);
      if (answered) return answered;
      const envelope = await this.deps.core.dispatch(method, payload, { caller: 'app' });
      this.deps.confirmSettings?.observe(method, envelope);
      return envelope;
    } catch (error) {
      // The dispatcher answers envelopes itself; this is the last net for a broken core.
      this.deps.log.error(`IPC call failed: ${error instanceof Error ? error.message : String(error)}`);
      return errorEnvelope('internal', 'The call failed inside Opsbar.');
    }
  }

  /** A link click from our own page: only the allow-list decides; anything else is refused. */
  async handleOpenLink(event: InvokeEventLike, url: unknown): Promise<boolean> {
    const refusal = senderRefusal(event, new Set(this.windows.keys()));
    if (refusal) {
      this.deps.log.warn(`Link open refused: ${refusal}.`);
      return false;
    }
    return (await this.deps.openLink?.(url)) ?? false;
  }

  private push(message: LiveMessage): void {
    for (const contents of this.windows.values()) {
      if (contents.isDestroyed() || !isAppUrl(contents.getURL())) continue;
      try {
        contents.send(IPC_LIVE_CHANNEL, message);
      } catch (error) {
        this.deps.log.warn(`Could not push a live message: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  }

  dispose(): void {
    this.deps.ipcMain.removeHandler(IPC_CALL_CHANNEL);
    if (this.deps.openLink) this.deps.ipcMain.removeHandler(IPC_OPEN_LINK_CHANNEL);
    this.unsubscribe?.();
    this.unsubscribe = null;
    this.windows.clear();
  }
}

export function setupIpc(deps: IpcDeps): IpcService {
  const service = new IpcService(deps);
  service.start();
  return service;
}
