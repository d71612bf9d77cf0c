/** @jsxRuntime automatic */
import { useState } from 'react';
import type { GpuSnapshot } from '../../../shared/types/gpu';
import type { StatusCheck, StatusSnapshot } from '../../../shared/types/status';
import { RangePicker, TIME_RANGES } from '../components/charts/RangePicker';
import { GpuCard } from '../components/gpu/GpuCard';
import { GPU_TOOL_CHECK_ID, gpuDeviceChecks } from '../components/gpu/gpuChecks';
import { GpuHardware } from '../components/gpu/GpuHardware';
import { GpuProcessTable } from '../components/gpu/GpuProcessTable';
import { RunbookLinks } from '../components/RunbookLinks';
import { GpuUnavailable } from '../components/gpu/GpuUnavailable';
import { WithStatusChecks } from '../components/gpu/WithStatusChecks';
import { SeverityBadge } from '../components/SeverityBadge';
import { ErrorState, LoadingState, Panel } from '../components/StateViews';
import { formatRelativeTime } from '../format';
import { useApiCall, type ApiCallState } from '../hooks/useApiCall';
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

interface GpuPageProps {
  navigate: (route: string) => void;
  /** The app's live status (as the Overview gets it): the cards' severities come from its checks. Read here when not given. */
  status?: ApiCallState<StatusSnapshot>;
}

/** Every GPU with its memory, load and history, the processes holding GPU memory, and the hardware. */
export function GpuPage({ navigate, status }: GpuPageProps) {
  return (
    <WithStatusChecks checks={status ? (status.data?.checks ?? []) : undefined}>
      {(checks) => <GpuPageBody navigate={navigate} checks={checks} />}
    </WithStatusChecks>
  );
}

function GpuPageBody({ navigate, checks }: { navigate: (route: string) => void; checks: readonly StatusCheck[] }) {
  const gpu = useGpuSnapshot();
  const inventory = useInventory();
  const library = useApiCall('runbooks.list', {});
  const [range, setRange] = useState(TIME_RANGES[0]);
  const snapshot = gpu.data;
  if (!snapshot) {
    if (gpu.error) return <ErrorState title="Could not load GPU figures" error={gpu.error} onRetry={gpu.reload} />;
    return <LoadingState what="GPU figures" />;
  }
  const openStacks = (query: string) => navigate(`stacks?q=${encodeURIComponent(query)}`);
  const openRunbook = (id: string) => navigate(`runbooks?id=${encodeURIComponent(id)}`);
  const runbooks = library.data?.runbooks ?? [];
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
            <GpuCard
              key={device.uuid ?? device.index}
              device={device}
              range={range}
              checks={gpuDeviceChecks(checks, device.index)}
              runbooks={runbooks}
              onOpenRunbook={openRunbook}
            />
          ))}
          <Panel title="GPU processes">
            {snapshot.processesNote && <p className="gpu-processes-note">{snapshot.processesNote}</p>}
            <GpuProcessTable processes={snapshot.processes} devices={snapshot.devices} onOpenContainer={openStacks} />
          </Panel>
        </>
      ) : (
        <>
          <GpuUnavailable gpu={snapshot} />
          <RunbookLinks
            subject="the GPU tool"
            checks={[checks.find((check) => check.id === GPU_TOOL_CHECK_ID)]}
            runbooks={runbooks}
            onOpenRunbook={openRunbook}
          />
        </>
      )}
      <GpuHardware inventory={inventory} />
    </div>
  );
}
