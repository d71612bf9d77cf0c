import type { SnapshotView, StackSnapshot } from '../../../../shared/types/actions';
import type { StatusSnapshot } from '../../../../shared/types/status';

/**
 * Known-good stack snapshots: every container's create configuration, image ids kept alive by a
 * protected tag (`opsbar-snapshot/<stack>:<time>`), compose files where readable, volumes used.
 */
export interface SnapshotService {
  /** Newest first, with what differs from the stack now. */
  list(stack?: string): Promise<SnapshotView[]>;
  /** Takes one now (throws RefusedError when the stack has no containers). */
  take(stack: string, reason: StackSnapshot['reason']): Promise<StackSnapshot>;
  get(id: string): StackSnapshot | null;
  /** The image ids every stored snapshot keeps (the disk action keeps them). */
  protectedImageIds(): Set<string>;
  /** In the app, after each status: an automatic snapshot when a stack has been healthy long enough and changed since its last. */
  onStatus(status: StatusSnapshot): void;
  stop(): Promise<void>;
}
