import type { GpuSnapshot } from '../../../shared/types/gpu';
import type { ApiCallState } from './useApiCall';
import { useLiveModule } from './useLiveModule';

/** GPUs and their processes, kept fresh from live status messages. */
export const useGpuSnapshot = (): ApiCallState<GpuSnapshot> => useLiveModule('gpu');
