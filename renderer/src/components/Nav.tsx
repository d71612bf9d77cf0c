/** @jsxRuntime automatic */
import type { Route } from '../routes';

interface NavProps {
  routes: Route[];
  current: string;
  onNavigate: (id: string) => void;
  /** A count beside a page's name (open incidents); none at 0. */
  badges?: Partial<Record<string, number>>;
}

/** The page list; a route is one entry in `routes.ts`. */
export function Nav({ routes, current, onNavigate, badges = {} }: NavProps) {
  return (
    <nav className="app-nav" aria-label="Pages">
      {routes.map((route) => (
        <a
          key={route.id}
          href={`#/${route.id}`}
          aria-current={route.id === current ? 'page' : undefined}
          onClick={(event) => {
            event.preventDefault();
            onNavigate(route.id);
          }}
        >
          {route.label}
          {badges[route.id] ? (
            <span className="nav-badge" aria-label={`${badges[route.id]} open`}>
              {badges[route.id]}
            </span>
          ) : null}
        </a>
      ))}
    </nav>
  );
}
