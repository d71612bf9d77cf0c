import type { DockerSnapshot } from '../../../shared/types/docker';
import { moduleFromMessage } from '../../../shared/status/moduleFromMessage';
import { useApiCall, type ApiCallState } from './useApiCall';
import { useLiveMessages } from './useLiveMessages';

/** Docker stacks: fetched once, then kept fresh from the Docker part of live status messages. */
export function useDockerSnapshot(): ApiCallState<DockerSnapshot> {
  const state = useApiCall('docker.stacks', {});
  useLiveMessages((message) => {
    if (message.type !== 'status') return;
    state.setData((current) => moduleFromMessage(current, message, 'docker') ?? current);
  });
  return state;
}
