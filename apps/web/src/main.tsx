import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
// i18n initialises before the first render, so no string flashes in the wrong language.
import './i18n/index.ts';
import { App } from './App.tsx';
import './global.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
