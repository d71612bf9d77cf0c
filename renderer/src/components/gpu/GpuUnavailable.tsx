/** @jsxRuntime automatic */
import type { GpuSnapshot } from '../../../../shared/types/gpu';
import { useApiCall } from '../../hooks/useApiCall';
import { ConfigFilePath } from '../ConfigFilePath';

/** The core's reason as one clause (its trailing full stop dropped: the sentence goes on). */
function clause(error: string | null, fallback: string): string {
  return (error ?? fallback).trim().replace(/\.+$/, '') || fallback;
}

function ConfigFile() {
  const settings = useApiCall('settings.get', {});
  return <ConfigFilePath path={settings.data?.configPath} />;
}

/** Why the GPU page has no figures (state unavailable, unknown or disabled), and what to do. */
export function GpuUnavailable({ gpu }: { gpu: GpuSnapshot }) {
  if (gpu.state === 'unknown') {
    return (
      <div className="state state-error gpu-state" role="alert">
        <strong>GPU figures are unknown</strong>
        <p>
          Opsbar found a GPU tool but could not read it: {clause(gpu.error, 'no reason given')}. It tries again on its next reading; the rest
          of Opsbar keeps working.
        </p>
      </div>
    );
  }
  if (gpu.state === 'disabled') {
    return (
      <div className="state state-empty gpu-state">
        <h3>GPU monitoring is turned off</h3>
        <p>
          Set <code>gpu.enabled: true</code> in <ConfigFile /> to turn it on.
        </p>
      </div>
    );
  }
  return (
    <div className="state state-empty gpu-state">
      <h3>No GPU found</h3>
      <p>
        Opsbar looks for <code>nvidia-smi</code> (NVIDIA driver) on PATH and in <code>/usr/bin</code>, or reads <code>ioreg</code> on Apple
        Silicon Macs; none was found: {clause(gpu.error, 'no GPU tool on this host')}. Set <code>gpu.nvidiaSmiPath</code> in <ConfigFile /> if{' '}
        <code>nvidia-smi</code> lives elsewhere.
      </p>
    </div>
  );
}

/** The same, in one line (the Overview tile). */
export function GpuStateLine({ gpu }: { gpu: GpuSnapshot }) {
  if (gpu.state === 'unknown') return <p className="gpu-state-line">GPU figures are unknown: {clause(gpu.error, 'no reason given')}.</p>;
  if (gpu.state === 'disabled') return <p className="muted gpu-state-line">GPU monitoring is turned off (gpu.enabled: false).</p>;
  return <p className="muted gpu-state-line">No GPU found (no nvidia-smi, not an Apple Silicon Mac).</p>;
}
