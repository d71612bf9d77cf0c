/**
 * The hosts a clicked link may open in the operator's browser (exact, lower-case): the
 * documentation Opsbar and its runbooks point to. A link to any other host is refused and
 * logged; add a host here (one place) when a runbook needs it.
 */
export const EXTERNAL_LINK_HOSTS: readonly string[] = [
  'github.com',
  'docs.github.com',
  'docs.docker.com',
  'docs.nvidia.com',
  'developer.nvidia.com',
  'www.electronjs.org',
];
