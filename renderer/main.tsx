import { createRoot } from 'react-dom/client';
import { AppRoot } from './app/AppRoot';
import './app/global.css';

createRoot(document.getElementById('root')!).render(<AppRoot />);
