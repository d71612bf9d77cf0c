import type { GpuDevice } from '../../../../../shared/types/gpu';
import type { Clock } from '../../../clock';
import type { CommandResult, CommandRunner } from '../../../process/commandRunner';
import type { GpuReading, GpuSource, RawGpuProcess } from '../gpuSource';
import { readAccelerators, type AppleAccelerator } from './ioregAccelerators';
import { parsePlistText, type PlistParse } from './plistParser';
import { parseSysctlReadings, SYSCTL_NAMES, type SysctlReadings } from './sysctlReadings';
import { gpuWiredCeilingBytes } from './wiredLimit';

/**
 * `-d 2` rather than `-d 1`: the same one short process, but the accelerator's children (one
 * AGXDeviceUserClient per process with the GPU open, carrying `IOUserClientCreator`) come with
 * it, and the depth bound keeps the output small, unlike `-l` over the whole subtree.
 */
export const IOREG_ARGS = ['-r', '-d', '2', '-w', '0', '-c', 'IOAccelerator', '-a'] as const;

const MAX_OUTPUT_BYTES = 8 * 1024 * 1024;
/** How long past its own deadline a runner may take to report before the source stops waiting. */
const BACKSTOP_GRACE_MS = 1_000;

export const NO_PROCESS_FIGURES = 'Per-process GPU figures are not available on this Mac';
export const NO_PROCESS_MEMORY = 'Apple GPUs report no per-process memory: the list shows the processes holding the GPU open';

export interface AppleGpuSourceOptions {
  runner: CommandRunner;
  clock: Clock;
  /** Deadline of each ioreg and sysctl call (`gpu.timeoutMs`). */
  timeoutMs: number;
  ioregPath?: string;
  sysctlPath?: string;
  /** The plist parser; default the `plist` package, loaded on first use. */
  parsePlist?: PlistParse;
}

type Failure = { state: 'unavailable' | 'unknown'; error: string };

const NO_RESULT: CommandResult = { exitCode: null, signal: null, stdout: '', stderr: '', timedOut: false, truncated: false, spawnError: null, notFound: false };

const seconds = (ms: number) => `${Number((ms / 1000).toFixed(1))} s`;
const firstLine = (s: string) => s.trim().split('\n')[0]?.trim() ?? '';

function emptyReading(failure: Failure): GpuReading {
  return { ...failure, source: 'ioreg', driverVersion: null, devices: [], processes: [], processesNote: null, memoryPressure: null };
}

/** Why a tool's answer cannot be used, in words; null when it can. */
function commandFailure(tool: string, result: CommandResult, timeoutMs: number): string | null {
  if (result.timedOut) return `${tool} did not answer in ${seconds(timeoutMs)}`;
  if (result.spawnError) return result.spawnError;
  if (result.truncated) return `${tool} printed more than ${MAX_OUTPUT_BYTES / 1024 / 1024} MiB; its output was cut off`;
  if (result.signal) return `${tool} was ended by ${result.signal}`;
  if (result.exitCode !== 0) return `${tool} failed (exit ${result.exitCode})${result.stderr.trim() ? `: ${firstLine(result.stderr)}` : ''}`;
  return null;
}

function ioregFailure(result: CommandResult, timeoutMs: number): Failure | null {
  if (result.notFound) return { state: 'unavailable', error: 'No Apple GPU: ioreg not found' };
  const why = commandFailure('ioreg', result, timeoutMs);
  return why ? { state: 'unknown', error: why } : null;
}

/** The sysctl figures, and a note when the memory ceiling cannot be worked out. */
function sysctlOutcome(result: CommandResult, timeoutMs: number): { readings: SysctlReadings; note: string | null } {
  const readings = parseSysctlReadings(result.stdout);
  if (readings.totalMemoryBytes !== null) return { readings, note: null };
  // sysctl exits non-zero at an unknown name after printing the ones before it, so only a
  // missing hw.memsize makes the call a failure here.
  const why = result.notFound ? 'sysctl not found' : (commandFailure('sysctl', result, timeoutMs) ?? 'sysctl gave no hw.memsize');
  return { readings, note: `GPU memory ceiling unknown: ${why}` };
}

function deviceOf(accelerator: AppleAccelerator, index: number, sys: SysctlReadings): GpuDevice {
  const chip = sys.chipName?.startsWith('Apple ') ? sys.chipName : null;
  return {
    index,
    uuid: null,
    // exelban/stats falls back to a generic name; macmon names the chip ("Apple M3 Pro").
    name: accelerator.model ?? chip ?? `Apple GPU (${accelerator.className})`,
    vendor: 'apple',
    memoryUsedBytes: accelerator.memoryUsedBytes,
    memoryTotalBytes: gpuWiredCeilingBytes({ totalBytes: sys.totalMemoryBytes, wiredLimitMb: sys.wiredLimitMb }),
    utilizationPercent: accelerator.utilizationPercent,
    // The GPU's temperature and power need powermetrics or SMC access, that is root.
    temperatureC: null,
    powerW: null,
    powerLimitW: null,
    migMode: null,
    memoryKind: 'unified',
  };
}

function processesOf(accelerators: AppleAccelerator[]): RawGpuProcess[] {
  return accelerators.flatMap((accelerator, gpuIndex) =>
    // The registry keeps GPU time per client (AppUsage), but no per-client memory figure.
    accelerator.clients.map((client) => ({ pid: client.pid, name: client.name, gpuIndex, gpuUuid: null, memoryBytes: null })),
  );
}

/**
 * The Apple Silicon GPU through `ioreg` (no sudo): one short ioreg and one sysctl per
 * `read()`, nothing long-running, nothing kept between readings. Never throws.
 */
export function createAppleGpuSource(options: AppleGpuSourceOptions): GpuSource {
  const { runner, clock, timeoutMs } = options;
  const ioregPath = options.ioregPath ?? '/usr/sbin/ioreg';
  const sysctlPath = options.sysctlPath ?? '/usr/sbin/sysctl';
  let inFlight: Promise<GpuReading> | null = null;
  let stopped = false;

  /** The runner kills at its deadline; this also bounds a runner that never reports back. */
  const run = (file: string, args: readonly string[]): Promise<CommandResult> =>
    new Promise((resolve) => {
      const backstop = clock.setTimeout(() => resolve({ ...NO_RESULT, timedOut: true }), timeoutMs + BACKSTOP_GRACE_MS);
      const settle = (result: CommandResult) => {
        backstop.cancel();
        resolve(result);
      };
      runner
        .run(file, args, { timeoutMs, maxOutputBytes: MAX_OUTPUT_BYTES })
        .then(settle, (error: Error) => settle({ ...NO_RESULT, spawnError: `${file} could not be run: ${error.message}` }));
    });

  async function sample(): Promise<GpuReading> {
    const [ioreg, sysctl] = await Promise.all([run(ioregPath, IOREG_ARGS), run(sysctlPath, SYSCTL_NAMES)]);
    const failure = ioregFailure(ioreg, timeoutMs);
    if (failure) return emptyReading(failure);
    // With no IOAccelerator at all, ioreg prints nothing (or an empty list).
    if (ioreg.stdout.trim() === '') return emptyReading({ state: 'unavailable', error: 'No Apple GPU: the registry has no IOAccelerator' });
    const parsed = await parsePlistText(ioreg.stdout, options.parsePlist);
    if (!parsed.ok) return emptyReading({ state: 'unknown', error: `ioreg printed something Opsbar cannot read: ${parsed.reason}` });
    const found = readAccelerators(parsed.value);
    if (!found.ok) return emptyReading({ state: 'unknown', error: found.reason });
    if (found.accelerators.length === 0) {
      const others = found.otherClasses.length > 0 ? `: the GPUs here are ${found.otherClasses.join(', ')}` : ': the registry has no IOAccelerator';
      return emptyReading({ state: 'unavailable', error: `No Apple GPU${others}` });
    }
    const { readings, note } = sysctlOutcome(sysctl, timeoutMs);
    const processes = processesOf(found.accelerators);
    return {
      state: 'ok',
      error: note,
      source: 'ioreg',
      driverVersion: found.accelerators[0].driverVersion,
      devices: found.accelerators.map((accelerator, index) => deviceOf(accelerator, index, readings)),
      processes,
      processesNote: found.accelerators.some((a) => a.hasClientData) ? NO_PROCESS_MEMORY : NO_PROCESS_FIGURES,
      memoryPressure: readings.pressure,
    };
  }

  return {
    kind: 'apple',
    start() {
      // Nothing long-running: the GPU collector calls read() every gpu.appleIntervalMs.
      stopped = false;
    },
    read() {
      if (stopped) return Promise.resolve(emptyReading({ state: 'unknown', error: 'The Apple GPU reader is stopped' }));
      // A caller that asks again while ioreg is still running shares that run.
      inFlight ??= sample().finally(() => (inFlight = null));
      return inFlight;
    },
    async stop() {
      stopped = true;
      await inFlight;
    },
  };
}
