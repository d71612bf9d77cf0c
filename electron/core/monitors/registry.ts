import type { AnyMonitorModule } from './monitorModule';
import { dockerModule } from './docker/dockerModule';
import { gpuModule } from './gpu/gpuModule';
import { httpModule } from './http/httpModule';
import { modelsModule } from './models/modelsModule';
import { systemModule } from './system/systemModule';

/**
 * The built-in monitor modules, in the order their checks and tray lines are listed. Adding a
 * monitor is adding its folder and a line here (and its snapshot type in shared/types/status.ts).
 * Each module loads its collector's code only when it is switched on.
 */
export const builtInModules: readonly AnyMonitorModule[] = [systemModule, dockerModule, gpuModule, modelsModule, httpModule];
