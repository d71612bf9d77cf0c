import type { DiskActionParams } from '../../../../shared/api/contract/actions';
import type { ActionPlan, PlanItem } from '../../../../shared/types/actions';
import type { ActionDeps, ActionPlugin, ExecutionContext, ItemResult, PlanDraft } from '../actionPlugin';
import { planContainers, planLogs } from './containerCandidates';
import { boundKept, type CandidateSet, call, emptyCandidates, mergeCandidates } from './diskItems';
import { removeBuildCache, removeContainer, removeImage, truncateLog } from './dockerItemActions';
import { readDockerView } from './dockerView';
import { engineInfo } from './engineCalls';
import { planBuildCache, planImages } from './imageCandidates';
import { measureFreeBytes, toFigures } from './freeBytes';
import { planHistory, vacuumHistory } from './historyVacuum';
import { planModelCaches, removeCacheItem } from './modelCaches';
import { verifyDisk } from './diskVerification';
import { keptVolumes } from './volumeKept';

/** Docker's candidates, in the order they are acted on: containers first, then the images only they used. */
async function planDocker(params: DiskActionParams, deps: ActionDeps): Promise<CandidateSet> {
  const out = emptyCandidates();
  const reading = await readDockerView(deps);
  if (!reading.view) {
    out.notes.push(`Docker not reachable: ${reading.problem} Only Opsbar's history and the model caches are planned.`);
    return out;
  }
  const view = reading.view;
  const settings = deps.settings().emergency.disk;
  const now = deps.clock.now();
  const unusedDays = params.unusedImagesOlderThanDays !== undefined ? params.unusedImagesOlderThanDays : settings.unusedImagesOlderThanDays;
  const containers = planContainers(view, now);
  mergeCandidates(out, containers);
  mergeCandidates(
    out,
    planImages(view, {
      now,
      plannedContainers: containers.planned,
      snapshotImageIds: deps.snapshots.protectedImageIds(),
      unusedOlderThanDays: unusedDays,
      unusedSelected: typeof params.unusedImagesOlderThanDays === 'number',
    }),
  );
  mergeCandidates(out, planBuildCache(view));
  mergeCandidates(out, await planLogs(view, params.logsOverMb ?? settings.logsOverMb, containers.planned));
  out.kept.push(...keptVolumes(view));
  out.notes.push(
    "Predicted bytes are Docker's estimates: a layer shared by several images is freed only when the last of them goes, so the measured figure differs.",
    view.localRoot
      ? `Verification measures the free space of the file systems holding Docker's data root ${view.localRoot} and /.`
      : 'The Docker engine is not on this machine: verification measures only this machine\'s file systems (/ and the caches).',
  );
  return out;
}

/** Paths whose file systems prepare and verify measure: /, Docker's data root when local, the caches and Opsbar's data. */
async function measuredPaths(items: readonly PlanItem[], context: ExecutionContext): Promise<string[]> {
  const paths = new Set<string>(['/']);
  const { resolution } = context.docker.current();
  if (resolution?.chosen?.kind === 'unix' && items.some((i) => i.kind !== 'cache.remove' && i.kind !== 'history.vacuum')) {
    try {
      const info = (await call(context, 'Docker /info', (signal) => engineInfo(context.dockerAdmin(), signal)));
      if (info.DockerRootDir) paths.add(info.DockerRootDir);
    } catch {
      // Docker went away: its items will fail on their own; / is still measured.
    }
  }
  for (const item of items) if (item.kind === 'cache.remove') paths.add(String(item.facts.root));
  if (items.some((i) => i.kind === 'history.vacuum')) paths.add(context.dataDir);
  return [...paths];
}

function executeDiskItem(item: PlanItem, context: ExecutionContext): Promise<ItemResult> {
  switch (item.kind) {
    case 'container.remove':
      return removeContainer(item, context);
    case 'image.remove':
      return removeImage(item, context);
    case 'buildcache.remove':
      return removeBuildCache(item, context);
    case 'log.truncate':
      return truncateLog(item, context);
    case 'cache.remove':
      return removeCacheItem(item);
    case 'history.vacuum':
      return Promise.resolve(vacuumHistory(item, context));
    default:
      return Promise.resolve({ outcome: 'failed', detail: `the disk action does not know items of kind ${item.kind}` });
  }
}

/**
 * "Free disk space": stopped containers, dangling (and, opt-in, old unused) images, build cache,
 * big container logs, allow-listed model caches (opt-in, by name) and Opsbar's own history.
 * Volumes, running or paused containers and their images, snapshot images and anything labelled
 * opsbar.protect=true are kept, each said so. Every item is re-checked just before it is acted on.
 */
export function createDiskAction(): ActionPlugin<DiskActionParams> {
  return {
    name: 'disk',
    stopOnFailure: false,
    async plan(params, deps): Promise<PlanDraft> {
      const all = await planDocker(params, deps);
      mergeCandidates(all, await planModelCaches(deps.settings(), params.caches, deps.clock.now()));
      mergeCandidates(all, planHistory(deps));
      return { title: 'Free disk space', items: all.items, kept: boundKept(all.kept), notes: all.notes, refusals: [] };
    },
    async prepare(_plan: ActionPlan, items, context) {
      const readings = await measureFreeBytes(await measuredPaths(items, context), context.signal);
      return { refusals: [], before: toFigures(readings) };
    },
    executeItem: (item, _plan, context) => executeDiskItem(item, context),
    verify: (plan, outcomes, before, context) => verifyDisk(plan, outcomes, before, context),
  };
}
