/** @jsxRuntime automatic */
import type { SystemSnapshot } from '../../../shared/types/system';
import { formatBytes, formatDuration, formatLoad, formatPercent } from '../format';
import { Gauge, bandSeverity } from './Gauge';
import { HistorySparkline } from './HistorySparkline';

const PERCENT_DOMAIN: [number, number] = [0, 100];

/** CPU, memory, swap, load and every disk, each with its last hour where history exists. */
export function SystemGauges({ system }: { system: SystemSnapshot }) {
  const { cpu, memory, swap, load, disks } = system;
  const swapPercent = swap.totalBytes > 0 ? (swap.usedBytes / swap.totalBytes) * 100 : null;
  const loadPercent = cpu.cores > 0 ? (load[0] / cpu.cores) * 100 : null;
  return (
    <div className="gauges">
      <Gauge label="CPU" value={formatPercent(cpu.percent)} percent={cpu.percent} detail={`${cpu.cores} cores`} severity={bandSeverity(cpu.percent, 90, 98)}>
        <HistorySparkline series="cpu.percent" label="CPU, last hour" format={formatPercent} domain={PERCENT_DOMAIN} />
      </Gauge>
      <Gauge
        label="Memory"
        value={formatPercent(memory.percent)}
        percent={memory.percent}
        detail={`${formatBytes(memory.usedBytes)} used of ${formatBytes(memory.totalBytes)} · ${formatBytes(memory.availableBytes)} available`}
        severity={bandSeverity(memory.percent, 90, 97)}
      >
        <HistorySparkline series="memory.percent" label="Memory, last hour" format={formatPercent} domain={PERCENT_DOMAIN} />
      </Gauge>
      <Gauge
        label="Swap"
        value={swap.totalBytes > 0 ? formatBytes(swap.usedBytes) : 'none'}
        percent={swapPercent}
        detail={swap.totalBytes > 0 ? `used of ${formatBytes(swap.totalBytes)}` : 'no swap configured'}
        severity={swapPercent == null ? 'ok' : bandSeverity(swapPercent, 50, 90)}
      />
      <Gauge
        label="Load"
        value={formatLoad(load)}
        percent={loadPercent}
        detail={`1, 5, 15 min · ${cpu.cores} cores · up ${formatDuration(system.uptimeSeconds)}`}
        severity={loadPercent == null ? 'ok' : bandSeverity(loadPercent, 100, 200)}
      />
      {disks.map((disk) => (
        <Gauge
          key={disk.mount}
          label={`Disk ${disk.mount}`}
          value={`${formatBytes(disk.freeBytes)} free`}
          percent={disk.usedPercent}
          detail={`${formatPercent(100 - disk.usedPercent)} free of ${formatBytes(disk.totalBytes)} · ${disk.fsType}`}
          severity={bandSeverity(disk.usedPercent, 85, 95)}
        >
          <HistorySparkline series={`disk.usedPercent:${disk.mount}`} label={`Disk ${disk.mount} used, last hour`} format={formatPercent} domain={PERCENT_DOMAIN} />
        </Gauge>
      ))}
    </div>
  );
}
