import { createRoot } from 'react-dom/client';
import { AppProviders } from './app/providers';
import { applyStoredTheme } from './hooks/use-theme';
import './styles.css';

applyStoredTheme();

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element');
createRoot(container).render(<AppProviders />);
