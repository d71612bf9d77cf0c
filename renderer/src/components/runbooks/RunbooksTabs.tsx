/** @jsxRuntime automatic */

const TABS = [
  { id: 'library', route: 'runbooks', label: 'Library' },
  { id: 'history', route: 'runbooks/history', label: 'Runs & schedules' },
] as const;

/** The Runbooks section's own pages. */
export function RunbooksTabs({ current, navigate }: { current: 'library' | 'history' | 'run'; navigate: (route: string) => void }) {
  return (
    <nav className="subnav" aria-label="Runbooks">
      {TABS.map((tab) => (
        <a
          key={tab.id}
          href={`#/${tab.route}`}
          aria-current={tab.id === current ? 'page' : undefined}
          onClick={(event) => {
            event.preventDefault();
            navigate(tab.route);
          }}
        >
          {tab.label}
        </a>
      ))}
    </nav>
  );
}
