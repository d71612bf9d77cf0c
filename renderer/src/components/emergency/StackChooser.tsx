/** @jsxRuntime automatic */
import { emergencyRoute } from '../../../../shared/actions/actionLinks';
import type { StatusSnapshot } from '../../../../shared/types/status';

/** The compose stacks the status knows, each a link to its rollback plan. */
export function StackChooser({ status, navigate }: { status: StatusSnapshot | undefined; navigate: (route: string) => void }) {
  const stacks = (status?.docker.stacks ?? []).filter((s) => s.kind === 'compose');
  if (!status) return <p className="muted">Waiting for the first status to list the stacks…</p>;
  if (!status.docker.available) return <p className="muted">Docker is not reachable ({status.docker.error ?? 'no answer'}): start it, then choose a stack here.</p>;
  if (stacks.length === 0) return <p className="muted">No compose stack runs on this host: a rollback recreates a compose project's containers.</p>;
  return (
    <ul className="stack-chooser" aria-label="Stacks">
      {stacks.map((stack) => {
        const route = emergencyRoute('rollback', stack.name);
        return (
          <li key={stack.name}>
            <a
              href={route}
              onClick={(event) => {
                event.preventDefault();
                navigate(route.slice(2));
              }}
            >
              Roll back {stack.name}…
            </a>{' '}
            <span className="muted">
              {stack.counts.running} of {stack.counts.total} running
            </span>
          </li>
        );
      })}
    </ul>
  );
}
