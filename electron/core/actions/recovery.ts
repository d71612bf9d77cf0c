import type { AuditEntry } from '../store/auditLog';
import type { ActionStore } from '../store/spillingActionLog';
import { isAlive } from './processIdentity';

export const INTERRUPTED = {
  inFlight: 'outcome unknown: Opsbar stopped while acting on it',
  pending: 'not run: Opsbar stopped before this item',
  run: 'outcome unknown: Opsbar stopped during this run (the process running it is gone); check the items marked unknown by hand. Nothing was run again.',
};

/**
 * Runs left `running` by a process that is gone: their in-flight items become `unknown`, their
 * pending ones `skipped`, the run `unknown`, each audited. Runs nothing (an operator decides
 * what to do after a crash). A run of a live process (this one included) is left alone.
 */
export function recoverInterruptedRuns(log: ActionStore, audit: (entry: AuditEntry) => void, now: number): string[] {
  const recovered: string[] = [];
  for (const run of log.running()) {
    if (isAlive(run)) continue;
    if (!log.markInterrupted(run.planId, now, INTERRUPTED)) continue;
    const outcome = log.outcome(run.planId);
    const unknown = outcome?.items.filter((i) => i.outcome === 'unknown').map((i) => i.id) ?? [];
    audit({
      at: now,
      actor: 'opsbar',
      action: 'action.execute',
      target: `${outcome?.action ?? 'action'} plan ${run.planId}`,
      outcome: 'failed',
      details: { planId: run.planId, interrupted: true, pid: run.pid, unknownItems: unknown, message: INTERRUPTED.run },
    });
    recovered.push(run.planId);
  }
  return recovered;
}
