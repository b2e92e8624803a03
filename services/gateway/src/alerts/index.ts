export { alertRoutes, alertsQuery } from './routes.js';
