import { BarChart, LineChart } from 'echarts/charts';
import {
  AriaComponent,
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  TooltipComponent,
} from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer, SVGRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';
import { saveBlob } from '../../app/api.js';
import { useMessages } from '../../app/i18n.js';
import { managerMessages } from './messages.js';

// Only what the manager views draw, so the bundle stays small.
echarts.use([
  LineChart,
  BarChart,
  GridComponent,
  TooltipComponent,
  LegendComponent,
  MarkLineComponent,
  AriaComponent,
  CanvasRenderer,
  SVGRenderer,
]);

export type ChartOption = echarts.EChartsCoreOption;

/**
 * Every chart describes itself (ECharts aria: the description a screen reader reads) and draws
 * patterns besides colour (decals), so no series is told apart by colour alone.
 */
function accessible(option: ChartOption, description: string): ChartOption {
  return { ...option, aria: { enabled: true, label: { description }, decal: { show: true } } };
}

function pngBlob(dataUrl: string): Blob {
  const bytes = atob(dataUrl.slice(dataUrl.indexOf(',') + 1));
  const array = new Uint8Array(bytes.length);
  for (let i = 0; i < bytes.length; i += 1) array[i] = bytes.charCodeAt(i);
  return new Blob([array], { type: 'image/png' });
}

/** The chart drawn again by the SVG renderer, as a file. */
function svgBlob(option: ChartOption, width: number, height: number): Blob {
  const host = document.createElement('div');
  const chart = echarts.init(host, null, { renderer: 'svg', ssr: true, width, height });
  chart.setOption({ ...option, animation: false });
  const svg = chart.renderToSVGString();
  chart.dispose();
  return new Blob([svg], { type: 'image/svg+xml' });
}

export function Chart({
  option,
  description,
  height = 320,
  fileName,
  testId,
}: {
  option: ChartOption;
  description: string;
  height?: number;
  /** Without a name the chart offers no downloads (the sparklines). */
  fileName?: string;
  testId?: string;
}) {
  const t = useMessages(managerMessages);
  const host = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const full = accessible(option, description);

  useEffect(() => {
    if (!host.current) return;
    const instance = echarts.init(host.current, null, { renderer: 'canvas' });
    chart.current = instance;
    const resize = () => instance.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(full, true);
  });

  const download = (type: 'png' | 'svg') => {
    const instance = chart.current;
    if (!instance || !fileName) return;
    if (type === 'png')
      saveBlob(
        pngBlob(instance.getDataURL({ type: 'png', pixelRatio: 2, backgroundColor: '#fff' })),
        `${fileName}.png`,
      );
    else saveBlob(svgBlob(full, instance.getWidth(), instance.getHeight()), `${fileName}.svg`);
  };

  return (
    <figure className="manager-chart" data-testid={testId}>
      <div
        ref={host}
        className="manager-chart-canvas"
        style={{ height }}
        role="img"
        aria-label={description}
      />
      {fileName ? (
        <figcaption className="manager-downloads">
          <button
            type="button"
            className="utrecht-button utrecht-button--secondary-action"
            onClick={() => download('png')}
          >
            {t('downloadPng')}
          </button>
          <button
            type="button"
            className="utrecht-button utrecht-button--secondary-action"
            onClick={() => download('svg')}
          >
            {t('downloadSvg')}
          </button>
        </figcaption>
      ) : null}
    </figure>
  );
}
