import { Hono } from 'hono';
import type { AppEnv } from '../app.ts';
import { requireSignIn } from '../auth/require-sign-in.ts';
import { accessHistoryRoutes } from './access-history.tsx';
import { appointmentRoutes } from './appointments.tsx';
import { composeRoutes } from './compose.tsx';
import { keepDraftAfterTimeout } from './compose-expiry.ts';
import { dashboardRoutes } from './dashboard.tsx';
import { openChart } from './guard.ts';
import { healthRoutes } from './health.tsx';
import { medicationRoutes } from './medications.tsx';
import { messageRoutes } from './messages.tsx';
import { resultRoutes } from './results.tsx';

/**
 * Every chart page, mounted under /chart/:patientId. The middleware runs the access decision
 * before any handler, and each handler audits its own view before rendering.
 */
export const chartRoutes = new Hono<AppEnv>();

// Before requireSignIn, so that a compose POST after a timeout keeps its text as a draft.
chartRoutes.use('/messages/*', keepDraftAfterTimeout());
chartRoutes.use('*', requireSignIn(), openChart());
chartRoutes.route('/', dashboardRoutes);
chartRoutes.route('/', resultRoutes);
chartRoutes.route('/', medicationRoutes);
// Before messageRoutes, whose /messages/:threadId would otherwise match /messages/new.
chartRoutes.route('/', composeRoutes);
chartRoutes.route('/', messageRoutes);
chartRoutes.route('/', appointmentRoutes);
chartRoutes.route('/', healthRoutes);
chartRoutes.route('/', accessHistoryRoutes);
