import { channel, KPI_SCOPES, type KpiSnapshotOf } from '@stuurwiel/schemas';
import type { SurveyInput, SurveyResponse, SurveySettings } from './inputs.js';
import { splitByScope } from './scopes.js';
import { share } from './stats.js';
import { instantIn, perWindow, type WindowBounds, windowBounds } from './windows.js';

type SurveySnapshot = KpiSnapshotOf<'survey'>;
type SurveyWindow = SurveySnapshot['windows']['15m'];
type Channel = keyof SurveyWindow['responses_by_channel'];

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
  const byScale = scoresByScale(inWindow);
  const single = byScale.length === 1 ? byScale[0]! : null;
  const byChannel = Object.fromEntries(
    channel.options.map((c) => [c, 0]),
  ) as SurveyWindow['responses_by_channel'];
  for (const r of inWindow) if (r.channel in byChannel) byChannel[r.channel as Channel] += 1;
  return {
    responses: inWindow.length,
    satisfied,
    dissatisfied,
    satisfied_share: share(satisfied, inWindow.length),
    dissatisfied_share: share(dissatisfied, inWindow.length),
    // A 7.5 of ten and a 4 of five do not average: one mean only when one scale is in use.
    mean_score: single ? single.mean_score : null,
    scale: single ? { min: single.min, max: single.max } : null,
    by_scale: byScale,
    responses_by_channel: byChannel,
  };
}

function scoresByScale(responses: readonly SurveyResponse[]): SurveyWindow['by_scale'] {
  const groups = new Map<string, { min: number; max: number; sum: number; n: number }>();
  for (const r of responses) {
    const key = `${r.scale.min}|${r.scale.max}`;
    let g = groups.get(key);
    if (!g) {
      g = { min: r.scale.min, max: r.scale.max, sum: 0, n: 0 };
      groups.set(key, g);
    }
    g.sum += r.score;
    g.n += 1;
  }
  return [...groups.values()]
    .sort((a, b) => a.min - b.min || a.max - b.max)
    .map((g) => ({ min: g.min, max: g.max, responses: g.n, mean_score: g.sum / g.n }));
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
