/** @jsxRuntime automatic */
import type { Severity } from '../../../shared/types/severity';
import type { StatusCheck } from '../../../shared/types/status';
import type { SystemSnapshot } from '../../../shared/types/system';
import { formatBytes, formatDuration, formatLoad, formatPercent } from '../format';
import { Gauge } from './Gauge';
import { HistorySparkline } from './HistorySparkline';

const PERCENT_DOMAIN: [number, number] = [0, 100];

/**
 * CPU, memory, swap, load and every disk, each with its last hour where history exists. A gauge
 * takes its severity from the status check about it (ids `cpu`, `memory`, `disk:<mount>`), so
 * gauges and checks never disagree; without such a check it stays neutral.
 */
export function SystemGauges({ system, checks }: { system: SystemSnapshot; checks: StatusCheck[] }) {
  const severityOf = (id: string): Severity => checks.find((c) => c.id === id)?.severity ?? 'ok';
  const { cpu, memory, swap, load, disks } = system;
  const swapPercent = swap.totalBytes > 0 ? (swap.usedBytes / swap.totalBytes) * 100 : null;
  const loadPercent = cpu.cores > 0 ? (load[0] / cpu.cores) * 100 : null;
  return (
    <div className="gauges">
      <Gauge label="CPU" value={formatPercent(cpu.percent)} percent={cpu.percent} detail={`${cpu.cores} cores`} severity={severityOf('cpu')}>
        <HistorySparkline series="cpu.percent" label="CPU, last hour" format={formatPercent} domain={PERCENT_DOMAIN} />
      </Gauge>
      <Gauge
        label="Memory"
        value={formatPercent(memory.percent)}
        percent={memory.percent}
        detail={`${formatBytes(memory.usedBytes)} used of ${formatBytes(memory.totalBytes)} · ${formatBytes(memory.availableBytes)} available`}
        severity={severityOf('memory')}
      >
        <HistorySparkline series="memory.percent" label="Memory, last hour" format={formatPercent} domain={PERCENT_DOMAIN} />
      </Gauge>
      <Gauge
        label="Swap"
        value={swap.totalBytes > 0 ? formatBytes(swap.usedBytes) : 'none'}
        percent={swapPercent}
        detail={swap.totalBytes > 0 ? `used of ${formatBytes(swap.totalBytes)}` : 'no swap configured'}
      />
      <Gauge
        label="Load"
        value={formatLoad(load)}
        percent={loadPercent}
        detail={`1, 5, 15 min · ${cpu.cores} cores · up ${formatDuration(system.uptimeSeconds)}`}
      />
      {disks.map((disk) => (
        <Gauge
          key={disk.mount}
          label={`Disk ${disk.mount}`}
          value={`${formatBytes(disk.freeBytes)} free`}
          percent={disk.usedPercent}
          detail={`${formatPercent(100 - disk.usedPercent)} free of ${formatBytes(disk.totalBytes)} · ${disk.fsType}`}
          severity={severityOf(`disk:${disk.mount}`)}
        >
          <HistorySparkline series={`disk.usedPercent:${disk.mount}`} label={`Disk ${disk.mount} used, last hour`} format={formatPercent} domain={PERCENT_DOMAIN} />
        </Gauge>
      ))}
    </div>
  );
}
