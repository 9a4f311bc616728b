import { createRoot } from 'react-dom/client';
import '@mantine/core/styles.css';
import { i18nReady } from './app/i18n';
import './app/app.css';
import { App } from './app/App';

// A person who chose Latvian sees the login in Latvian from its first frame, not English swapped for it.
void i18nReady.then(() => createRoot(document.getElementById('root')!).render(<App />));
