/** @jsxRuntime automatic */
import type { Route } from '../routes';

/** The page list; a route is one entry in `routes.ts`. */
export function Nav({ routes, current, onNavigate }: { routes: Route[]; current: string; onNavigate: (id: string) => void }) {
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
        </a>
      ))}
    </nav>
  );
}
