import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { i18nReady } from './i18n';
import './ui/ui.css';
import { App } from './app/App';
import { registerCards } from './app/cards';
import { registerOpenRoom } from './app/openRoom';
import { registerProfile } from './app/profile';

registerCards();
registerOpenRoom();
registerProfile();

const root = document.getElementById('root');
if (!root) throw new Error('#root is missing from index.html');

void i18nReady.then(() =>
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  ),
);
