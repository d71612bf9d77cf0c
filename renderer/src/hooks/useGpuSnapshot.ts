import type { GpuSnapshot } from '../../../shared/types/gpu';
import { moduleFromMessage } from '../../../shared/status/moduleFromMessage';
import { useApiCall, type ApiCallState } from './useApiCall';
import { useLiveMessages } from './useLiveMessages';

/** GPUs and their processes: fetched once, then kept fresh from the GPU part of live status messages. */
export function useGpuSnapshot(): ApiCallState<GpuSnapshot> {
  const state = useApiCall('gpu.snapshot', {});
  useLiveMessages((message) => {
    if (message.type !== 'status') return;
    state.setData((current) => moduleFromMessage(current, message, 'gpu') ?? current);
  });
  return state;
}
