/** @jsxRuntime automatic */
import { actionForAlert, emergencyRoute, type ActionLink } from '../../../../shared/actions/actionLinks';

function LinkTo({ link, navigate }: { link: ActionLink; navigate: (route: string) => void }) {
  const route = emergencyRoute(link.action, link.stack);
  return (
    <a
      className="emergency-link"
      href={route}
      onClick={(event) => {
        event.preventDefault();
        navigate(route.slice(2));
      }}
    >
      {link.label}
    </a>
  );
}

/** The emergency action that relieves an alert ("Free disk space…"), or nothing. */
export function AlertActionLink({ kind, group, navigate }: { kind: string; group: string | null; navigate: (route: string) => void }) {
  const link = actionForAlert(kind, group);
  return link ? <LinkTo link={link} navigate={navigate} /> : null;
}

/** An incident's actions: one link per distinct action its alert kinds call for. */
export function IncidentActionLinks({ kinds, group, navigate }: { kinds: readonly string[]; group: string | null; navigate: (route: string) => void }) {
  const links = new Map<string, ActionLink>();
  for (const kind of kinds) {
    const link = actionForAlert(kind, group);
    if (link) links.set(link.label, link);
  }
  if (links.size === 0) return null;
  return (
    <section aria-label="Incident emergency actions">
      <h4>Emergency actions</h4>
      <ul className="incident-runbooks">
        {[...links.values()].map((link) => (
          <li key={link.label}>
            <LinkTo link={link} navigate={navigate} />
          </li>
        ))}
      </ul>
    </section>
  );
}
