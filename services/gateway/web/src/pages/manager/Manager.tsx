import { historyKpiInfo, normList } from '@stuurwiel/schemas';
import { useMemo } from 'react';
import { z } from 'zod';
import { type Api, createApi } from '../../app/api.js';
import { useMessages } from '../../app/i18n.js';
import { Page } from '../../app/layout.js';
import { WithToken } from '../../app/sign-in.js';
import { Loading, PeriodForm, Problem } from './common.js';
import { Detail } from './Detail.js';
import { useKpiName, useManagerState, useRemote } from './hooks.js';
import { KpiView } from './KpiView.js';
import { managerMessages } from './messages.js';
import { Overview, TileLink } from './Overview.js';
import { periodOf } from './period.js';
import { mayEditSettings } from './role.js';
import { Settings } from './Settings.js';
import type { ManagerState } from './state.js';
import './manager.css';

const kpiList = z.array(historyKpiInfo);

function Views({ api, token, signOut }: { api: Api; token: string; signOut: () => void }) {
  const t = useMessages(managerMessages);
  const kpiName = useKpiName();
  const { state, href, go } = useManagerState();
  const [kpis] = useRemote('kpis', () => api.get('/history/kpis', kpiList));
  const [norms] = useRemote('norms', () => api.get('/norms', normList));
  const catalogue = useMemo(
    () => new Map(kpis.status === 'ready' ? kpis.data.map((k) => [k.name, k]) : []),
    [kpis],
  );
  const period = periodOf(state.from, state.to);
  const info = state.kpi ? catalogue.get(state.kpi) : undefined;
  const overview: ManagerState = { ...state, kpi: null, view: 'overview', groupBy: [], filters: {} };
  const kpiLevel: ManagerState = { ...state, view: 'overview' };
  const settings: ManagerState = { ...overview, view: 'settings' };

  const crumbs: { label: string; target: ManagerState | null }[] = [
    { label: t('overview'), target: overview },
  ];
  if (state.view === 'settings') crumbs.push({ label: t('settings'), target: null });
  else if (state.kpi) {
    crumbs.push({ label: kpiName(state.kpi), target: state.view === 'detail' ? kpiLevel : null });
    if (state.view === 'detail') crumbs.push({ label: t('detail'), target: null });
  }
  // The current level is the last crumb: named, not linked.
  crumbs[crumbs.length - 1]!.target = null;
  const heading = crumbs.at(-1)!.label;
  const normsInForce = norms.status === 'ready' ? norms.data.norms : [];
  const props = { api, period, state, href, go };

  let body: React.ReactNode;
  if (kpis.status === 'failed') body = <Problem reason={kpis.reason} />;
  else if (kpis.status === 'loading') body = <Loading />;
  else if (state.view === 'settings') body = <Settings api={api} canEdit={mayEditSettings(token)} />;
  else if (state.kpi && !info) body = <Problem reason={`kpi: ${state.kpi}`} />;
  else if (info && state.view === 'detail')
    body = <Detail key={JSON.stringify(state)} info={info} norms={normsInForce} {...props} />;
  else if (info) body = <KpiView info={info} norms={normsInForce} {...props} />;
  else body = <Overview catalogue={catalogue} {...props} />;

  return (
    <Page
      title={t('title')}
      actions={
        <>
          <TileLink href={href(settings)} onGo={() => go(settings)}>
            {t('settings')}
          </TileLink>
          <button type="button" className="utrecht-button utrecht-button--subtle" onClick={signOut}>
            {t('signOut')}
          </button>
        </>
      }
    >
      <nav aria-label={t('breadcrumb')} className="manager-breadcrumb">
        <ol>
          {crumbs.map((crumb) => (
            <li key={crumb.label}>
              {crumb.target ? (
                <TileLink href={href(crumb.target)} onGo={() => go(crumb.target!)}>
                  {crumb.label}
                </TileLink>
              ) : (
                <span aria-current="page">{crumb.label}</span>
              )}
            </li>
          ))}
        </ol>
      </nav>
      <h2 id="level-heading" className="utrecht-heading-2" data-testid="level-heading" tabIndex={-1}>
        {heading}
      </h2>
      {state.view === 'settings' ? null : (
        <PeriodForm
          key={`${period.from}|${period.to}`}
          period={period}
          onApply={(next) => go({ ...state, from: next.from, to: next.to })}
        />
      )}
      {body}
    </Page>
  );
}

/** The manager's drill-down: tiles per channel and process, one KPI against its norm, its detail. */
export function Manager() {
  const t = useMessages(managerMessages);
  return (
    <WithToken title={t('title')}>
      {(token, signOut) => <Views api={createApi(token)} token={token} signOut={signOut} />}
    </WithToken>
  );
}
