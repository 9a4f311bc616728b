import { createRoot } from 'react-dom/client';
import '@mantine/core/styles.css';
import './app/i18n';
import './app/app.css';
import { App } from './app/App';

createRoot(document.getElementById('root')!).render(<App />);
