import { KPI_SCOPES, type KpiSnapshotOf } from '@stuurwiel/schemas';
import type { SurveyInput, SurveyResponse, SurveySettings } from './inputs.js';
import { splitByScope } from './scopes.js';
import { share } from './stats.js';
import { instantIn, perWindow, type WindowBounds, windowBounds } from './windows.js';

type SurveySnapshot = KpiSnapshotOf<'survey'>;

// Compared as 4·(score − min) against 3·(max − min) and (max − min), so that 4 of 1–5 is exactly
// 0.75 of the scale with no floating-point doubt.
export function isSatisfied(r: Pick<SurveyResponse, 'score' | 'scale'>): boolean {
  return 4 * (r.score - r.scale.min) >= 3 * (r.scale.max - r.scale.min);
}

export function isDissatisfied(r: Pick<SurveyResponse, 'score' | 'scale'>): boolean {
  return 4 * (r.score - r.scale.min) < r.scale.max - r.scale.min;
}

function surveyWindow(
  responses: readonly SurveyResponse[],
  bounds: WindowBounds,
): SurveySnapshot['windows']['15m'] {
  const inWindow = responses.filter((r) => instantIn(bounds, r.occurred_at));
  const satisfied = inWindow.filter(isSatisfied).length;
  const dissatisfied = inWindow.filter(isDissatisfied).length;
  return {
    responses: inWindow.length,
    satisfied,
    dissatisfied,
    satisfied_share: share(satisfied, inWindow.length),
    dissatisfied_share: share(dissatisfied, inWindow.length),
  };
}

export function computeSurveySnapshots(
  tenant: string,
  input: SurveyInput,
  asOf: string,
  settings: SurveySettings,
): SurveySnapshot[] {
  const windows = windowBounds(asOf);
  const scoped = splitByScope({ responses: input.responses }, KPI_SCOPES.survey, {
    responses: (r, kind) => [
      kind === 'channel' ? r.channel : kind === 'location' ? r.location_id : r.team_id,
    ],
  });
  return scoped.map(({ scope, input: part }) => ({
    spec_version: 1,
    tenant,
    domain: 'survey',
    scope,
    as_of: asOf,
    computed_at: settings.computedAt,
    last_event_at: settings.lastEventAt,
    now: {},
    windows: perWindow(windows, (bounds) => surveyWindow(part.responses, bounds)),
  }));
}
