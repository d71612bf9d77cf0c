import type { GpuSnapshot } from '../../types/gpu';
import { method, noPayload } from './method';

export const gpuMethods = {
  /** GPUs and the processes holding their memory (the status's `gpu` section). */
  'gpu.snapshot': method<GpuSnapshot>()(noPayload),
} as const;
