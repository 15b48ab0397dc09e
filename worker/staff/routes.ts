import { Hono } from 'hono';
import type { AppEnv } from '../app.ts';
import { breakGlassRoutes } from './break-glass.tsx';
import { staffHomeRoutes } from './home.tsx';
import { relationshipRoutes } from './relationships.tsx';

/**
 * The staff pages this folder serves. Each route mounts requireStaff() itself, so staff pages
 * mounted elsewhere keep their own checks.
 */
export const staffRoutes = new Hono<AppEnv>();

staffRoutes.route('/', staffHomeRoutes);
staffRoutes.route('/', breakGlassRoutes);
staffRoutes.route('/', relationshipRoutes);
