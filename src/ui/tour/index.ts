// The tour engine's DOM-free part: what a tour is and the reducer that walks it. The panel is
// `./Tour.svelte`.
export type { Tour, TourAction, TourDoIt, TourStep } from './types';
export { completedCount, currentCompletion, startTour, tourReducer } from './tour-state';
export type { StepCompletion, TourEvent, TourState } from './tour-state';
