import type { OpsbarAction } from '../steps/stepKind';
import type { EmergencyActionDeps } from './emergencyActionDeps';
import { createEmergencyExecuteAction } from './emergencyExecuteAction';
import { createEmergencyPlanAction } from './emergencyPlanAction';

/** The runbook actions that call the emergency actions: plan (shows it), then execute (in a confirm step) exactly that plan. */
export function createEmergencyActions(deps: EmergencyActionDeps): OpsbarAction[] {
  return [createEmergencyPlanAction(deps), createEmergencyExecuteAction(deps)];
}
