import { actionStepKind } from './actionStep';
import { containerHealthStepKind } from './containerHealthStep';
import { httpStepKind } from './httpStep';
import { manualStepKind } from './manualStep';
import { shellStepKind } from './shellStep';
import type { StepKind } from './stepKind';

/** Every step kind Opsbar ships; `stepKindRegistry(builtInStepKinds)` is the registry. */
export const builtInStepKinds: StepKind[] = [shellStepKind, httpStepKind, containerHealthStepKind, manualStepKind, actionStepKind];
