/** Shared chart.js options: time axis, localised ticks and tooltips, theme colours. */
import type { ChartOptions } from 'chart.js';
import { enUS, zhCN } from 'date-fns/locale';
import { chartColors } from './setup';

export interface TimeChartOptionsInput {
  dark: boolean;
  locale: string;
  unit?: string;
  stacked?: boolean;
  formatNumber: (v: number) => string;
  legend?: boolean;
}

export function timeChartOptions(o: TimeChartOptionsInput): ChartOptions<'line'> {
  const c = chartColors(o.dark);
  return {
    animation: false,
    responsive: true,
    maintainAspectRatio: false,
    parsing: false,
    normalized: true,
    interaction: { mode: 'nearest', axis: 'x', intersect: false },
    elements: { point: { radius: 0, hitRadius: 6, hoverRadius: 3 }, line: { borderWidth: 1.5, tension: 0 } },
    scales: {
      x: {
        type: 'time',
        adapters: { date: { locale: o.locale === 'zh-CN' ? zhCN : enUS } },
        time: {
          tooltipFormat: 'yyyy-MM-dd HH:mm:ss',
          displayFormats: {
            second: 'HH:mm:ss',
            minute: 'HH:mm',
            hour: 'HH:mm',
            day: 'MMM d',
            week: 'MMM d',
            month: 'MMM yyyy',
            quarter: 'MMM yyyy',
            year: 'yyyy',
          },
        },
        grid: { color: c.grid },
        ticks: { color: c.text, maxRotation: 0, autoSkip: true, autoSkipPadding: 16, font: { size: 11 } },
      },
      y: {
        beginAtZero: true,
        stacked: o.stacked ?? false,
        grid: { color: c.grid },
        ticks: { color: c.text, font: { size: 11 }, callback: (v) => o.formatNumber(Number(v)) },
        title: { display: !!o.unit, text: o.unit ?? '', color: c.text, font: { size: 11 } },
      },
    },
    plugins: {
      legend: {
        display: o.legend ?? false,
        position: 'bottom',
        labels: { color: c.text, boxWidth: 10, font: { size: 11 } },
      },
      tooltip: {
        callbacks: {
          label: (ctx) =>
            `${ctx.dataset.label ?? ''}: ${o.formatNumber(ctx.parsed.y ?? 0)}${o.unit ? ' ' + o.unit : ''}`,
        },
      },
    },
  };
}
