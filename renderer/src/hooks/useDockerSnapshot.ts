import type { DockerSnapshot } from '../../../shared/types/docker';
import type { ApiCallState } from './useApiCall';
import { useLiveModule } from './useLiveModule';

/** Docker stacks, kept fresh from live status messages. */
export const useDockerSnapshot = (): ApiCallState<DockerSnapshot> => useLiveModule('docker');
