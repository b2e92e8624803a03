import { type HistoryKpiInfo, historyResult } from '@stuurwiel/schemas';
import { useMessages } from '../../app/i18n.js';
import { CHANNEL_KPIS, CHANNELS, judge, PROCESS_KPIS } from './catalogue.js';
import { Chart } from './charts.js';
import { Problem, type ViewProps } from './common.js';
import { useValueFormat } from './format.js';
import { useKpiName, useRemote } from './hooks.js';
import { managerMessages } from './messages.js';
import { previousPeriod } from './period.js';
import { historyParams } from './query.js';
import type { ManagerState } from './state.js';
import { byGroup, type Trend, trendOf } from './trend.js';

const ARROWS = { up: '▲', down: '▼', flat: '▶', unknown: '·' } as const;

function TileBody({ trend, unit, kpi, label }: { trend: Trend; unit: string; kpi: string; label: string }) {
  const t = useMessages(managerMessages);
  const f = useValueFormat();
  const judgement = judge(kpi, trend.direction);
  const judged = t(`judge_${judgement}`);
  return (
    <>
      <p className="manager-tile-value" data-testid="tile-value">
        {f.value(trend.current, unit)}
      </p>
      <p className={`manager-trend manager-trend--${judgement}`}>
        <span aria-hidden="true">{ARROWS[trend.direction]} </span>
        {t(`trend_${trend.direction}`)}
        {judged ? ` (${judged})` : ''}
        {trend.previous !== null ? (
          <>
            {' · '}
            {t('previous', { value: f.value(trend.previous, unit) })}
          </>
        ) : null}
      </p>
      {trend.series.length > 1 ? (
        <Chart
          height={56}
          description={`${label}: ${trend.series.map((p) => `${p.bucket} ${f.value(p.value, unit)}`).join(', ')}`}
          option={{
            animation: false,
            grid: { left: 2, right: 2, top: 4, bottom: 4 },
            xAxis: { type: 'category', show: false, data: trend.series.map((p) => p.bucket) },
            yAxis: { type: 'value', show: false, scale: true },
            series: [
              {
                type: 'line',
                data: trend.series.map((p) => p.value),
                symbol: 'none',
                lineStyle: { width: 2 },
              },
            ],
          }}
        />
      ) : null}
    </>
  );
}

function KpiTile({ api, info, period, state, href, go }: TileProps & { info: HistoryKpiInfo }) {
  const kpiName = useKpiName();
  const span = { from: previousPeriod(period).from, to: period.to };
  const params = historyParams(info.name, span);
  const [remote] = useRemote(JSON.stringify(params), () => api.get('/history', historyResult, params));
  const target: ManagerState = { ...state, kpi: info.name, view: 'overview', groupBy: [], filters: {} };
  return (
    <li className="manager-tile" data-kpi={info.name}>
      <h4 className="utrecht-heading-4">
        <TileLink href={href(target)} onGo={() => go(target)}>
          {kpiName(info.name)}
        </TileLink>
      </h4>
      {remote.status === 'ready' ? (
        <TileBody
          trend={trendOf(remote.data.rows, info.unit, period)}
          unit={info.unit}
          kpi={info.name}
          label={kpiName(info.name)}
        />
      ) : remote.status === 'failed' ? (
        <Problem reason={remote.reason} />
      ) : (
        <p className="manager-tile-value" aria-hidden="true">
          …
        </p>
      )}
    </li>
  );
}

type TileProps = ViewProps;

/** A link that changes the view in place (Ctrl/middle click still opens a new tab). */
export function TileLink({
  href,
  onGo,
  children,
}: {
  href: string;
  onGo: () => void;
  children: React.ReactNode;
}) {
  return (
    <a
      className="utrecht-link"
      href={href}
      onClick={(event) => {
        if (event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) return;
        event.preventDefault();
        onGo();
      }}
    >
      {children}
    </a>
  );
}

function ProcessTiles({
  api,
  info,
  grouping,
  period,
  state,
  href,
  go,
}: TileProps & { info: HistoryKpiInfo; grouping: 'product' | 'case_type' }) {
  const t = useMessages(managerMessages);
  const kpiName = useKpiName();
  const span = { from: previousPeriod(period).from, to: period.to };
  const params = historyParams(info.name, span, { groupBy: [grouping] });
  const [remote] = useRemote(JSON.stringify(params), () => api.get('/history', historyResult, params));
  if (remote.status === 'failed') return <Problem reason={remote.reason} />;
  if (remote.status === 'loading') return null;
  const groups = [...byGroup(remote.data.rows, grouping)]
    .filter(([name]) => name !== '')
    .sort(([a], [b]) => a.localeCompare(b));
  return (
    <>
      {groups.map(([name, rows]) => {
        const target: ManagerState = {
          ...state,
          kpi: info.name,
          view: 'overview',
          groupBy: [],
          filters: { [grouping]: name },
        };
        const label = `${kpiName(info.name)} · ${t(grouping === 'product' ? 'process_product' : 'process_case_type', { name })}`;
        return (
          <li key={name} className="manager-tile" data-kpi={info.name} data-process={name}>
            <h4 className="utrecht-heading-4">
              <TileLink href={href(target)} onGo={() => go(target)}>
                {label}
              </TileLink>
            </h4>
            <TileBody
              trend={trendOf(rows, info.unit, period)}
              unit={info.unit}
              kpi={info.name}
              label={label}
            />
          </li>
        );
      })}
    </>
  );
}

/** Level 1: the main KPIs per channel and per service process, each with its trend. */
export function Overview({ catalogue, ...props }: TileProps & { catalogue: Map<string, HistoryKpiInfo> }) {
  const t = useMessages(managerMessages);
  const f = useValueFormat();
  const before = previousPeriod(props.period);
  return (
    <>
      <p className="utrecht-paragraph" data-testid="period-summary">
        {t('periodSummary', {
          from: f.date(props.period.from),
          to: f.date(props.period.to),
          prevFrom: f.date(before.from),
          prevTo: f.date(before.to),
        })}
      </p>
      <h2 className="utrecht-heading-2">{t('channels')}</h2>
      {CHANNELS.map((channel) => (
        <section key={channel} aria-labelledby={`channel-${channel}`} className="manager-section">
          <h3 id={`channel-${channel}`} className="utrecht-heading-3">
            {t(`channel_${channel}`)}
          </h3>
          <ul className="manager-tiles">
            {CHANNEL_KPIS[channel].flatMap((name) => {
              const info = catalogue.get(name);
              return info ? [<KpiTile key={name} info={info} {...props} />] : [];
            })}
          </ul>
        </section>
      ))}
      <h2 className="utrecht-heading-2">{t('processes')}</h2>
      <ul className="manager-tiles">
        {PROCESS_KPIS.flatMap(({ kpi, grouping }) => {
          const info = catalogue.get(kpi);
          return info
            ? [
                <ProcessTiles
                  key={kpi}
                  info={info}
                  grouping={grouping as 'product' | 'case_type'}
                  {...props}
                />,
              ]
            : [];
        })}
      </ul>
    </>
  );
}
