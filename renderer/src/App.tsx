/** @jsxRuntime automatic */
import { ConnectionBanner } from './components/ConnectionBanner';
import { Header } from './components/Header';
import { Nav } from './components/Nav';
import { OpsbarContext } from './hooks/opsbarContext';
import { useAlerts } from './hooks/useAlerts';
import { useBrowserNotifications } from './hooks/useBrowserNotifications';
import { useHashRoute } from './hooks/useHashRoute';
import { useIncidents } from './hooks/useIncidents';
import { useLiveStatus } from './hooks/useLiveStatus';
import { useFirstRun } from './components/welcome/useSetupDetection';
import { WelcomePage } from './pages/WelcomePage';
import { ROUTES } from './routes';
import type { Transport } from './transport';

function Shell() {
  const status = useLiveStatus();
  const alerts = useAlerts();
  const [hash, navigate] = useHashRoute(ROUTES[0].id);
  // The Incidents entry's badge; kept live by `incident` messages.
  const openIncidents = useIncidents('open', 1000).data?.filter((i) => i.state === 'open').length ?? 0;
  useBrowserNotifications(navigate);
  const [pathText, queryString = ''] = hash.split('?');
  // `runbooks/run/42`: the first segment picks the page, the rest is the page's own path.
  const [routeId, ...path] = pathText.split('/');
  const route = ROUTES.find((r) => r.id === routeId) ?? ROUTES[0];
  return (
    <div className="app">
      <Header status={status.data} alerts={alerts.data} />
      <Nav routes={ROUTES} current={route.id} onNavigate={navigate} badges={{ incidents: openIncidents }} />
      <ConnectionBanner />
      <main className="page" key={hash}>
        {route.render({ status, navigate, path, query: new URLSearchParams(queryString) })}
      </main>
    </div>
  );
}

/**
 * A first start (no config file yet) shows the welcome view until its choice is written. The
 * dashboard is shown meanwhile and whenever the question fails: it is never held back by it.
 */
function FirstRunGate() {
  const firstRun = useFirstRun();
  if (firstRun.phase === 'welcome' && firstRun.detection) return <WelcomePage detection={firstRun.detection} onDone={firstRun.done} />;
  return <Shell />;
}

/** The whole UI on one transport (the preload bridge, HTTP, or a test fake). */
export function App({ transport }: { transport: Transport }) {
  return (
    <OpsbarContext.Provider value={transport}>
      <FirstRunGate />
    </OpsbarContext.Provider>
  );
}
