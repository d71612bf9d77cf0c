import type { DockerSnapshot } from '../../../shared/types/docker';
import type { GpuSnapshot } from '../../../shared/types/gpu';
import type { HostInventory } from '../../../shared/types/inventory';
import type { ModelsSnapshot } from '../../../shared/types/models';
import type { SetupDetection } from '../../../shared/types/setup';
import type { ModuleId, StatusSnapshot } from '../../../shared/types/status';
import type { SystemSnapshot } from '../../../shared/types/system';
import type { Clock } from '../clock';
import { dockerKindOf, kindFromPath, type EngineIdentity } from './dockerKind';
import type { EngineIdentityReader } from './engineIdentity';

export type Findings = Pick<SetupDetection, 'docker' | 'gpus' | 'modelServers' | 'disks'>;

export interface FindingsDeps {
  collect(ids?: readonly ModuleId[]): Promise<StatusSnapshot>;
  inventory(): Promise<HostInventory>;
  engineIdentity: EngineIdentityReader;
  clock: Clock;
  deadlineMs: number;
}

/** Which engine it is is a nicety: a socket that accepts but does not answer is named by its path. */
export const IDENTITY_DEADLINE_MS = 3_000;

type Answer<T> = { ok: true; value: T } | { ok: false; why: string };

/**
 * Reads Docker, the GPUs, model servers and disks at once, each on its own: what has not
 * answered by the deadline is reported as not answering, and the rest is shown anyway.
 */
export async function readFindings(deps: FindingsDeps): Promise<Findings> {
  const controller = new AbortController();
  const seconds = Math.round(deps.deadlineMs / 1000);
  let timer: { cancel(): void } | null = null;
  const late = new Promise<Answer<never>>((resolve) => {
    timer = deps.clock.setTimeout(() => {
      controller.abort(new Error(`no answer within ${seconds} s`));
      resolve({ ok: false, why: `did not answer within ${seconds} s` });
    }, deps.deadlineMs);
  });
  const within = <T>(work: Promise<T>): Promise<Answer<T>> =>
    Promise.race([work.then((value): Answer<T> => ({ ok: true, value }), (error: unknown): Answer<T> => ({ ok: false, why: (error as Error).message || String(error) })), late]);
  const module = <K extends ModuleId>(id: K) => within(deps.collect([id]).then((status) => status[id]));

  const dockerRead = module('docker').then(async (answer) => {
    if (!answer.ok || !answer.value.available || !answer.value.endpoint) return { answer, identity: null };
    const own = new AbortController();
    const abort = () => own.abort(new Error(`no answer within ${IDENTITY_DEADLINE_MS / 1000} s`));
    controller.signal.addEventListener('abort', abort, { once: true });
    const identityTimer = deps.clock.setTimeout(abort, IDENTITY_DEADLINE_MS);
    const gaveUp = new Promise<null>((resolve) => own.signal.addEventListener('abort', () => resolve(null), { once: true }));
    const identity = await Promise.race([deps.engineIdentity(answer.value.endpoint, own.signal).catch(() => null), gaveUp]);
    identityTimer.cancel();
    controller.signal.removeEventListener('abort', abort);
    return { answer, identity };
  });
  const [docker, gpu, models, system, inventory] = await Promise.all([dockerRead, module('gpu'), module('models'), module('system'), within(deps.inventory())]);
  (timer as { cancel(): void } | null)?.cancel();
  return {
    docker: dockerFinding(docker.answer, docker.identity),
    gpus: gpuFinding(gpu, inventory.ok ? inventory.value : null),
    modelServers: models.ok ? modelServersOf(models.value) : [],
    disks: system.ok ? disksOf(system.value) : [],
  };
}

function dockerFinding(answer: Answer<DockerSnapshot>, identity: EngineIdentity | null): Findings['docker'] {
  if (!answer.ok) return { found: false, endpoint: null, kind: 'unknown', detail: `Docker ${answer.why}.`, containers: 0 };
  const snapshot = answer.value;
  if (!snapshot.available || !snapshot.endpoint) {
    const kind = snapshot.endpoint ? (kindFromPath(snapshot.endpoint) ?? 'unknown') : 'unknown';
    return { found: false, endpoint: snapshot.endpoint, kind, detail: snapshot.error ?? 'No Docker engine answered.', containers: 0 };
  }
  const { kind, detail } = dockerKindOf(snapshot.endpoint, identity);
  const containers = snapshot.stacks.reduce((sum, stack) => sum + stack.containers.length, 0);
  return { found: true, endpoint: snapshot.endpoint, kind, detail, containers };
}

function gpuFinding(answer: Answer<GpuSnapshot>, inventory: HostInventory | null): Findings['gpus'] {
  if (answer.ok && answer.value.state === 'ok' && answer.value.devices.length > 0) {
    const snapshot = answer.value;
    const driver = snapshot.driverVersion ? `, driver ${snapshot.driverVersion}` : '';
    return { found: true, source: snapshot.source, names: snapshot.devices.map((d) => d.name), detail: `read through ${snapshot.source ?? 'the GPU tool'}${driver}` };
  }
  const why = answer.ok ? gpuReason(answer.value.error) : `the GPU tool ${answer.why}`;
  // A card the system lists but no tool reads is worth saying: installing the driver's tools fixes it.
  const installed = (inventory?.gpus ?? []).map((g) => g.model).filter((m) => m.trim() !== '');
  const source = answer.ok ? answer.value.source : null;
  return { found: false, source, names: [], detail: installed.length > 0 ? `${installed.join(', ')} installed, but ${why}` : why };
}

/** The collector's reason, as the welcome view's sentence needs it ("GPUs: none found (nvidia-smi is not on PATH)"). */
function gpuReason(error: string | null): string {
  if (!error) return 'no GPU tool answered';
  if (/nvidia-smi not found/.test(error)) return 'nvidia-smi is not on PATH';
  return error.replace(/^No NVIDIA GPU: /, '');
}

function modelServersOf(snapshot: ModelsSnapshot): Findings['modelServers'] {
  return snapshot.endpoints.filter((e) => e.up).map((e) => ({ url: e.url, kind: e.kindLabel ?? e.kind ?? 'Model server', models: e.models.length }));
}

function disksOf(snapshot: SystemSnapshot | null): Findings['disks'] {
  // The system collector already leaves pseudo and network file systems out.
  return (snapshot?.disks ?? []).map((d) => ({ mount: d.mount, totalBytes: d.totalBytes, freeBytes: d.freeBytes }));
}
