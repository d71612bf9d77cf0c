/** @jsxRuntime automatic */
import type { GpuDevice, GpuProcess, GpuProcessContainer } from '../../../../shared/types/gpu';
import { formatGpuMemory } from './gpuFormat';
import { formatOrNotReported, NOT_REPORTED } from './gpuFormat';

/** Largest memory first; processes whose memory is not reported last; then by pid. */
export function sortByMemory(processes: GpuProcess[]): GpuProcess[] {
  return [...processes].sort((a, b) => (b.memoryBytes ?? -1) - (a.memoryBytes ?? -1) || a.pid - b.pid);
}

function gpuOf(process: GpuProcess, devices: GpuDevice[]): string {
  const index = process.gpuIndex ?? devices.find((d) => d.uuid != null && d.uuid === process.gpuUuid)?.index;
  return index == null ? NOT_REPORTED : `GPU ${index}`;
}

/** What the Stacks page filter should find the container by: its stack, else its name. */
export function stacksQueryFor(container: GpuProcessContainer): string | null {
  return container.stack ?? container.name;
}

function ContainerCell({ container, onOpen }: { container: GpuProcessContainer | null; onOpen: (query: string) => void }) {
  if (!container) return <span className="muted">host process</span>;
  const name = container.name ?? `container ${container.id.slice(0, 12)}`;
  const query = stacksQueryFor(container);
  return (
    <>
      {query == null ? (
        <span>{name}</span>
      ) : (
        <a
          href={`#/stacks?q=${encodeURIComponent(query)}`}
          onClick={(event) => {
            event.preventDefault();
            onOpen(query);
          }}
        >
          {name}
        </a>
      )}
      {container.stack && <span className="muted gpu-process-stack">stack {container.stack}</span>}
    </>
  );
}

interface GpuProcessTableProps {
  processes: GpuProcess[];
  devices: GpuDevice[];
  /** Opens the Stacks page filtered by a stack or container name. */
  onOpenContainer: (query: string) => void;
}

/** The processes holding GPU memory, largest first, each with its GPU, owner and container. */
export function GpuProcessTable({ processes, devices, onOpenContainer }: GpuProcessTableProps) {
  if (processes.length === 0) return <p className="muted">No process holds GPU memory right now.</p>;
  return (
    <table className="gpu-processes">
      <thead>
        <tr>
          <th scope="col" className="num">PID</th>
          <th scope="col">Process</th>
          <th scope="col">GPU</th>
          <th scope="col" className="num">Memory</th>
          <th scope="col">User</th>
          <th scope="col">Container</th>
        </tr>
      </thead>
      <tbody>
        {sortByMemory(processes).map((process) => (
          <tr key={`${process.pid}:${process.gpuUuid ?? process.gpuIndex ?? ''}`}>
            <td className="num">{process.pid}</td>
            <td className="gpu-process-name" title={process.name}>
              {process.name}
            </td>
            <td>{gpuOf(process, devices)}</td>
            <td className="num">{formatOrNotReported(process.memoryBytes, formatGpuMemory)}</td>
            <td>{process.user ?? NOT_REPORTED}</td>
            <td>
              <ContainerCell container={process.container} onOpen={onOpenContainer} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
