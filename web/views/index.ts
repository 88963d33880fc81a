/** The workspace's views, in nav order (the first is the default). */
import type { View } from '../router.js';
import { gridView } from './grid.js';
import { coverageView } from './coverage.js';
import { todayView } from './today.js';
import { sourcesView } from './sources.js';
import { alertsView } from './alerts.js';
import { storyView } from './story.js';
import { searchView } from './search.js';

// One line per view, kept so by hand, so that branches adding views merge without conflict.
// prettier-ignore
export const views: View[] = [
  gridView,
  todayView,
  searchView,
  alertsView,
  coverageView,
  sourcesView,
  storyView,
];
