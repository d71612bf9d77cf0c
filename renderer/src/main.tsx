/** @jsxRuntime automatic */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { createTransport } from './transport';
import 'uplot/dist/uPlot.min.css';
import './styles/base.css';
import './styles/components.css';
import './styles/runbooks.css';
import './styles/gpu.css';
import './styles/models.css';
import './styles/settings.css';
import './styles/incidents.css';
import './styles/emergency.css';
import './styles/logs.css';
import './styles/containers.css';
import './styles/http.css';
import './styles/welcome.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html lacks #root');
createRoot(root).render(
  <StrictMode>
    <App transport={createTransport()} />
  </StrictMode>,
);
