import type { DockerSnapshot } from '../../../shared/types/docker';
import { useApiCall, type ApiCallState } from './useApiCall';
import { useLiveMessages } from './useLiveMessages';

/** Docker stacks: fetched once, then kept fresh from the Docker part of live status messages. */
export function useDockerSnapshot(): ApiCallState<DockerSnapshot> {
  const state = useApiCall('docker.stacks', {});
  useLiveMessages((message) => {
    if (message.type !== 'status') return;
    const next = message.modules.docker;
    if (next) state.setData((current) => (current && current.at > next.at ? current : next));
  });
  return state;
}
