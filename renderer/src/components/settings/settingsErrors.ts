/** A problem with one field: its dotted path (`runbooks.maintenanceWindow.cron`) and what is wrong. */
export interface FieldError {
  path: string;
  message: string;
}

/**
 * The field problems in the core's answer to an invalid `settings.update`/`settings.propose`
 * ("Invalid payload for settings.update: monitoring.systemIntervalMs: Too small…; …"). A message
 * that names no field comes back as one problem without a path.
 */
export function fieldErrorsOf(message: string): FieldError[] {
  const body = message.replace(/^Invalid payload for [\w.]+: /, '');
  if (body === message) return [{ path: '', message }];
  const errors = body.split('; ').map((part): FieldError => {
    const match = /^((?:patch\.)?[A-Za-z_][\w]*(?:\.[\w-]+)*): (.*)$/s.exec(part);
    return match ? { path: match[1].replace(/^patch\./, ''), message: match[2] } : { path: '', message: part };
  });
  return errors.length > 0 ? errors : [{ path: '', message }];
}

/**
 * Which rendered field shows a problem: the field itself, else the nearest field above it
 * (a problem in a JSON editor's list item shows at the editor). '' when none matches.
 */
export function fieldFor(path: string, fields: ReadonlySet<string>): string {
  const parts = path.split('.');
  for (let n = parts.length; n > 0; n--) {
    const candidate = parts.slice(0, n).join('.');
    if (fields.has(candidate)) return candidate;
  }
  return '';
}

/** The DOM id of a field's input, so a problem can link to it. */
export function fieldDomId(path: string): string {
  return `settings-field-${path.replace(/[^A-Za-z0-9_-]/g, '-')}`;
}
