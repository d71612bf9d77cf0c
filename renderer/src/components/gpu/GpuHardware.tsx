/** @jsxRuntime automatic */
import type { HostInventory } from '../../../../shared/types/inventory';
import { formatGpuMemory } from './gpuFormat';
import type { ApiCallState } from '../../hooks/useApiCall';
import { LoadingState, Panel } from '../StateViews';
import { NOT_REPORTED } from './gpuFormat';
import { withMaker } from './inventoryFormat';

/** The GPU controllers the system reports (read once at start), whether or not a GPU tool answers. */
export function GpuHardware({ inventory }: { inventory: ApiCallState<HostInventory> }) {
  const { data, error } = inventory;
  return (
    <Panel title="Hardware">
      {!data && error && <p className="muted">The host's hardware could not be read: {error.message}</p>}
      {!data && !error && <LoadingState what="hardware" />}
      {data && data.gpus.length === 0 && <p className="muted">The system reports no GPU controller.</p>}
      {data && data.gpus.length > 0 && (
        <ul className="gpu-controllers">
          {data.gpus.map((gpu, i) => (
            <li key={i}>
              <span className="gpu-controller-name">{withMaker(gpu.vendor, gpu.model)}</span>
              <span className="muted">
                {gpu.vramBytes != null ? `${formatGpuMemory(gpu.vramBytes)} video memory` : `video memory ${NOT_REPORTED}`}
                {gpu.cores != null ? ` · ${gpu.cores} GPU cores` : ''}
              </span>
            </li>
          ))}
        </ul>
      )}
      {data?.error && <p className="muted">{data.error}</p>}
    </Panel>
  );
}
