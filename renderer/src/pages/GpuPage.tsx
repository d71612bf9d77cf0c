/** @jsxRuntime automatic */
import { useState } from 'react';
import type { GpuSnapshot } from '../../../shared/types/gpu';
import { RangePicker, TIME_RANGES } from '../components/charts/RangePicker';
import { GpuCard } from '../components/gpu/GpuCard';
import { GpuHardware } from '../components/gpu/GpuHardware';
import { GpuProcessTable } from '../components/gpu/GpuProcessTable';
import { GpuUnavailable } from '../components/gpu/GpuUnavailable';
import { SeverityBadge } from '../components/SeverityBadge';
import { ErrorState, LoadingState, Panel } from '../components/StateViews';
import { formatRelativeTime } from '../format';
import { useGpuSnapshot } from '../hooks/useGpuSnapshot';
import { useInventory } from '../hooks/useInventory';

/** Apple's memory pressure level as a severity, with words: colour never stands alone. */
const PRESSURE = {
  normal: { severity: 'ok', words: 'normal' },
  warning: { severity: 'warning', words: 'high' },
  critical: { severity: 'critical', words: 'critical' },
} as const;

function sourceLine(gpu: GpuSnapshot): string {
  const parts = [gpu.source ? `from ${gpu.source}` : null, gpu.driverVersion ? `driver ${gpu.driverVersion}` : null, `updated ${formatRelativeTime(gpu.at)}`];
  return parts.filter(Boolean).join(' · ');
}

/** Every GPU with its memory, load and history, the processes holding GPU memory, and the hardware. */
export function GpuPage({ navigate }: { navigate: (route: string) => void }) {
  const gpu = useGpuSnapshot();
  const inventory = useInventory();
  const [range, setRange] = useState(TIME_RANGES[0]);
  const snapshot = gpu.data;
  if (!snapshot) {
    if (gpu.error) return <ErrorState title="Could not load GPU figures" error={gpu.error} onRetry={gpu.reload} />;
    return <LoadingState what="GPU figures" />;
  }
  const openStacks = (query: string) => navigate(`stacks?q=${encodeURIComponent(query)}`);
  return (
    <div className="gpu-page">
      {snapshot.state === 'ok' ? (
        <>
          <div className="toolbar">
            <RangePicker value={range} onChange={setRange} />
            <span className="muted">{sourceLine(snapshot)}</span>
            {snapshot.memoryPressure && (
              <SeverityBadge severity={PRESSURE[snapshot.memoryPressure].severity} label={`memory pressure ${PRESSURE[snapshot.memoryPressure].words}`} />
            )}
          </div>
          {snapshot.devices.map((device) => (
            <GpuCard key={device.uuid ?? device.index} device={device} range={range} />
          ))}
          <Panel title="GPU processes">
            {snapshot.processesNote && <p className="gpu-processes-note">{snapshot.processesNote}</p>}
            <GpuProcessTable processes={snapshot.processes} devices={snapshot.devices} onOpenContainer={openStacks} />
          </Panel>
        </>
      ) : (
        <GpuUnavailable gpu={snapshot} />
      )}
      <GpuHardware inventory={inventory} />
    </div>
  );
}
