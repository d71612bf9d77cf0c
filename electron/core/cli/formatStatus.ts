import type { ModuleSnapshots, StatusSnapshot } from '../../../shared/types/status';
import type { AnyMonitorModule, MonitorModule } from '../monitors/monitorModule';

const MARK: Record<string, string> = { ok: 'ok  ', warning: 'WARN', critical: 'CRIT', unknown: '??  ' };

/** The human form of `opsbar status`: one line per check, then each module's own section. */
export function formatStatusText(status: StatusSnapshot, modules: readonly AnyMonitorModule[]): string {
  const lines = [`Opsbar status: ${status.overall.toUpperCase()}${status.system ? ` — ${status.system.hostname}` : ''}`, ''];
  for (const check of status.checks) lines.push(`  [${MARK[check.severity]}] ${check.label.padEnd(22)} ${check.summary}`);
  for (const module of modules) {
    const text = (module as MonitorModule).text?.(status[module.id] as ModuleSnapshots[typeof module.id] as never, 'status');
    if (text) lines.push('', text);
  }
  return lines.join('\n') + '\n';
}

/** `opsbar <module>`: that module's section alone (e.g. `opsbar gpu`). */
export function formatModuleText(status: StatusSnapshot, module: AnyMonitorModule): string {
  return `${(module as MonitorModule).text?.(status[module.id] as never, 'alone') ?? JSON.stringify(status[module.id])}\n`;
}
