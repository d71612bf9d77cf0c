export { createAppleGpuSource, IOREG_ARGS, NO_PROCESS_FIGURES, NO_PROCESS_MEMORY, type AppleGpuSourceOptions } from './appleGpuSource';
export { readAccelerators, parseUserClientCreator, type AppleAccelerator, type AppleGpuClient } from './ioregAccelerators';
export { parsePlistText, loadPlistParse, type PlistParse } from './plistParser';
export { parseSysctlReadings, pressureFromLevel, SYSCTL_NAMES, type SysctlReadings } from './sysctlReadings';
export { defaultWiredCeilingBytes, gpuWiredCeilingBytes } from './wiredLimit';
