import type { Registry } from 'prom-client';
import type { StatusSnapshot } from '../../../shared/types/status';
import { GaugeGroup } from './gaugeGroup';

/** Shares are ratios (0–1) and every figure is in base units (bytes, seconds, °C, W): Prometheus' conventions. */
const SPECS = {
  opsbar_cpu_usage_ratio: { help: 'CPU busy share across all cores (0-1).' },
  opsbar_cpu_cores: { help: 'Logical CPU cores.' },
  opsbar_load1: { help: 'Load average over 1 minute.' },
  opsbar_load5: { help: 'Load average over 5 minutes.' },
  opsbar_load15: { help: 'Load average over 15 minutes.' },
  opsbar_memory_total_bytes: { help: 'Physical memory.' },
  opsbar_memory_used_bytes: { help: 'Memory in use (total minus available).' },
  opsbar_memory_available_bytes: { help: 'Memory available to new work without swapping.' },
  opsbar_memory_used_ratio: { help: 'Share of memory in use (0-1).' },
  opsbar_swap_total_bytes: { help: 'Swap space.' },
  opsbar_swap_used_bytes: { help: 'Swap in use.' },
  opsbar_disk_total_bytes: { help: 'Disk size a normal user can use, per mount.', labels: ['mount'] },
  opsbar_disk_free_bytes: { help: 'Free disk space a normal user can use, per mount.', labels: ['mount'] },
  opsbar_disk_free_ratio: { help: 'Share of the disk that is free (0-1), per mount: what Opsbar\'s disk thresholds judge.', labels: ['mount'] },
  opsbar_docker_up: { help: '1 when the Docker engine answered the last reading.' },
  opsbar_containers: { help: 'Containers per compose stack ("standalone" for none) and state.', labels: ['stack', 'state'] },
  opsbar_gpu_memory_used_bytes: { help: 'GPU memory in use.', labels: ['gpu', 'name'] },
  opsbar_gpu_memory_total_bytes: { help: 'GPU memory (Apple: the unified memory the GPU may wire).', labels: ['gpu', 'name'] },
  opsbar_gpu_utilization_ratio: { help: 'GPU busy share (0-1).', labels: ['gpu', 'name'] },
  opsbar_gpu_temperature_celsius: { help: 'GPU temperature.', labels: ['gpu', 'name'] },
  opsbar_gpu_power_watts: { help: 'GPU power draw.', labels: ['gpu', 'name'] },
  opsbar_model_server_up: { help: '1 when the model server answered its last read.', labels: ['endpoint', 'kind'] },
  opsbar_model_decode_tokens_per_second: { help: 'Decode rate of the last probe of a model.', labels: ['endpoint', 'model'] },
  opsbar_model_ttft_seconds: { help: 'Time to first token of the last probe of a model.', labels: ['endpoint', 'model'] },
  opsbar_model_last_probe_timestamp_seconds: { help: 'When the last probe of a model started (Unix time).', labels: ['endpoint', 'model'] },
} as const;

/** Every module's current values (system, Docker, GPUs, model servers) from one status. */
export class HostMetrics {
  private readonly gauges: GaugeGroup<keyof typeof SPECS>;

  constructor(registry: Registry) {
    this.gauges = new GaugeGroup(registry, SPECS);
  }

  fill(status: StatusSnapshot): void {
    const g = this.gauges;
    g.reset();
    const system = status.system;
    if (system) {
      g.set('opsbar_cpu_usage_ratio', system.cpu.percent / 100);
      g.set('opsbar_cpu_cores', system.cpu.cores);
      g.set('opsbar_load1', system.load[0]);
      g.set('opsbar_load5', system.load[1]);
      g.set('opsbar_load15', system.load[2]);
      g.set('opsbar_memory_total_bytes', system.memory.totalBytes);
      g.set('opsbar_memory_used_bytes', system.memory.usedBytes);
      g.set('opsbar_memory_available_bytes', system.memory.availableBytes);
      g.set('opsbar_memory_used_ratio', system.memory.percent / 100);
      g.set('opsbar_swap_total_bytes', system.swap.totalBytes);
      g.set('opsbar_swap_used_bytes', system.swap.usedBytes);
      for (const disk of system.disks) {
        g.set('opsbar_disk_total_bytes', disk.totalBytes, { mount: disk.mount });
        g.set('opsbar_disk_free_bytes', disk.freeBytes, { mount: disk.mount });
        g.set('opsbar_disk_free_ratio', 1 - disk.usedPercent / 100, { mount: disk.mount });
      }
    }
    g.set('opsbar_docker_up', status.docker.available ? 1 : 0);
    for (const stack of status.docker.stacks) {
      for (const container of stack.containers) g.inc('opsbar_containers', { stack: stack.name, state: container.state });
    }
    for (const device of status.gpu.devices) {
      const labels = { gpu: device.index, name: device.name };
      g.set('opsbar_gpu_memory_used_bytes', device.memoryUsedBytes, labels);
      g.set('opsbar_gpu_memory_total_bytes', device.memoryTotalBytes, labels);
      g.set('opsbar_gpu_utilization_ratio', device.utilizationPercent === null ? null : device.utilizationPercent / 100, labels);
      g.set('opsbar_gpu_temperature_celsius', device.temperatureC, labels);
      g.set('opsbar_gpu_power_watts', device.powerW, labels);
    }
    for (const endpoint of status.models.endpoints) {
      g.set('opsbar_model_server_up', endpoint.up ? 1 : 0, { endpoint: endpoint.url, kind: endpoint.kind ?? 'unknown' });
      for (const model of endpoint.models) {
        const probe = model.lastProbe;
        if (!probe) continue;
        const labels = { endpoint: endpoint.url, model: model.name };
        g.set('opsbar_model_decode_tokens_per_second', probe.decodeTokensPerSecond, labels);
        g.set('opsbar_model_ttft_seconds', probe.ttftMs / 1000, labels);
        g.set('opsbar_model_last_probe_timestamp_seconds', probe.at / 1000, labels);
      }
    }
  }
}
