// The NVIDIA GPU source (nvidia-smi): what the GPU module's composition needs from this folder.
export { createNvidiaGpuSource, type NvidiaGpuSourceOptions } from './nvidiaGpuSource';
export { DRIVER_FOLDERS, isExecutableFile, locateNvidiaSmi } from './locateNvidiaSmi';
export type { SpawnLoopProcess } from './loopProcess';
