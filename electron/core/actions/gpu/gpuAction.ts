import type { GpuActionParams } from '../../../../shared/api/contract/actions';
import type { GpuSnapshot } from '../../../../shared/types/gpu';
import type { ActionPlugin, PlanDraft } from '../actionPlugin';
import { relieveContainer } from './containerRelief';
import { gpuCandidates } from './gpuCandidates';
import { gpuIndexOf, gpuMemoryFigures, verifyRelease } from './gpuVerify';
import { unloadModel } from './modelUnload';
import { electronShellPid } from './processExclusions';
import { readProcessIdentity } from './processIdentity';
import { stopProcess } from './processStop';

const seconds = (ms: number) => `${Math.round(ms / 100) / 10} s`;

/** Plain sentences for the plan view: what the GPU reading allows, and what execution will do. */
function notesFor(gpu: GpuSnapshot, params: GpuActionParams, termGraceMs: number, releaseWaitMs: number): string[] {
  const notes: string[] = [];
  if (gpu.state !== 'ok') notes.push(`No GPU reading (${gpu.error ?? gpu.state}): only model servers are candidates.`);
  if (gpu.source === 'ioreg') notes.push('This Mac reports no GPU memory per process: the candidates are the models loaded in model servers.');
  else if (gpu.processesNote) notes.push(gpu.processesNote);
  if (params.gpuIndex !== undefined && gpu.state === 'ok' && !gpu.devices.some((d) => d.index === params.gpuIndex))
    notes.push(`There is no GPU ${params.gpuIndex} on this host (GPUs: ${gpu.devices.map((d) => d.index).join(', ') || 'none'}).`);
  notes.push(`Processes get SIGTERM and ${seconds(termGraceMs)} to exit, then SIGKILL; each is signalled only while its PID still has the planned start time.`);
  notes.push(`Afterwards GPU memory is read again for up to ${seconds(releaseWaitMs)} and the release is reported as measured.`);
  return notes;
}

/**
 * "Relieve GPU memory": unload models, restart or stop containers, stop host processes — the
 * holders of GPU memory, biggest first, each re-checked just before it is touched.
 */
export function createGpuAction(): ActionPlugin<GpuActionParams> {
  return {
    name: 'gpu',
    stopOnFailure: false,

    async plan(params, deps): Promise<PlanDraft> {
      const status = await deps.status();
      const { items, kept } = gpuCandidates({
        gpu: status.gpu,
        models: status.models,
        ...(params.gpuIndex !== undefined ? { gpuIndex: params.gpuIndex } : {}),
        exclusions: { ownUid: process.getuid?.() ?? null, ownPids: deps.ownPids(), shellPid: electronShellPid(readProcessIdentity(process.ppid)) },
        readIdentity: (pid) => readProcessIdentity(pid),
      });
      const { termGrace, releaseWait } = deps.settings().emergency.gpu;
      return {
        title: params.gpuIndex === undefined ? 'Relieve GPU memory' : `Relieve GPU memory on GPU ${params.gpuIndex}`,
        items,
        kept,
        notes: [...(items.length === 0 ? ['Nothing that Opsbar may release holds GPU memory now.'] : []), ...notesFor(status.gpu, params, termGrace, releaseWait)],
        refusals: [],
      };
    },

    async prepare(plan, _items, context) {
      const gpu = (await context.collect(['gpu'])).gpu;
      return { refusals: [], before: gpuMemoryFigures(gpu, gpuIndexOf(plan), 'gpuMemoryBefore') };
    },

    async executeItem(item, _plan, context) {
      switch (item.kind) {
        case 'process.stop':
          return stopProcess(item, context);
        case 'container.restart':
        case 'container.stop':
          return relieveContainer(item, context);
        case 'model.unload':
          return unloadModel(item, context);
        default:
          return { outcome: 'failed', detail: `The GPU action does not know items of kind ${item.kind}: plan again.` };
      }
    },

    verify: (plan, outcomes, before, context) => verifyRelease(plan, outcomes, before, context),
  };
}
