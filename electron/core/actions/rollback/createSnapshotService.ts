import type Dockerode from 'dockerode';
import type { Settings } from '../../../../shared/config/settingsSchema';
import type { Clock } from '../../clock';
import type { Logger } from '../../logger';
import type { DockerClientProvider } from '../../monitors/docker/dockerClientProvider';
import type { SnapshotLog } from '../../store/snapshotLog';
import type { AuditEntry } from '../../store/auditLog';
import type { SnapshotService } from './snapshotService';

export interface SnapshotServiceOptions {
  clock: Clock;
  log: Logger;
  settings(): Settings;
  docker: DockerClientProvider;
  dockerAdmin(): Dockerode;
  store(): SnapshotLog;
  audit(entry: AuditEntry): void;
  role: 'app' | 'cli';
}

/** STUB (foundation): replaced by the rollback engineer. */
export function createSnapshotService(options: SnapshotServiceOptions): SnapshotService {
  void options;
  return {
    list: async () => [],
    take: async () => {
      throw new Error('snapshots are not built yet');
    },
    get: () => null,
    protectedImageIds: () => new Set(),
    onStatus: () => {},
    stop: async () => {},
  };
}
