import type { GpuSnapshot } from '../../../shared/types/gpu';
import { useApiCall, type ApiCallState } from './useApiCall';
import { useLiveMessages } from './useLiveMessages';

/** GPUs and their processes: fetched once, then kept fresh from the GPU part of live status messages. */
export function useGpuSnapshot(): ApiCallState<GpuSnapshot> {
  const state = useApiCall('gpu.snapshot', {});
  useLiveMessages((message) => {
    if (message.type !== 'status') return;
    const next = message.modules.gpu;
    if (next) state.setData((current) => (current && current.at > next.at ? current : next));
  });
  return state;
}
