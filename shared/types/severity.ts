/** How bad a thing is. Ordered: a worse severity has a larger rank. */
export const SEVERITIES = ['ok', 'unknown', 'warning', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];

const RANK: Record<Severity, number> = { ok: 0, unknown: 1, warning: 2, critical: 3 };

/** The worst of several severities; `ok` for none. */
export function worstSeverity(values: Iterable<Severity>): Severity {
  let worst: Severity = 'ok';
  for (const value of values) if (RANK[value] > RANK[worst]) worst = value;
  return worst;
}

export function severityRank(value: Severity): number {
  return RANK[value];
}
