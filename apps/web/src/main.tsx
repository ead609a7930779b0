import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { i18nReady } from './i18n/index.ts';
import { App } from './App.tsx';
import './global.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

// The first render waits for the language (English is its own chunk), so no string flashes in the wrong language.
void i18nReady.then(() =>
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  ),
);
