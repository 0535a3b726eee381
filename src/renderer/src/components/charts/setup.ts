/** Registers the chart.js pieces the console uses (tree-shaken) and the date-fns time adapter. */
import {
  Chart,
  Filler,
  Legend,
  LineController,
  LineElement,
  LinearScale,
  PointElement,
  TimeScale,
  Tooltip,
  BarController,
  BarElement,
  CategoryScale,
} from 'chart.js';
import 'chartjs-adapter-date-fns';

Chart.register(
  LineController,
  LineElement,
  PointElement,
  LinearScale,
  TimeScale,
  Tooltip,
  Legend,
  Filler,
  BarController,
  BarElement,
  CategoryScale,
);

export const PALETTE = [
  '#2f7ed8',
  '#e8743b',
  '#19a979',
  '#ed4a7b',
  '#945ecf',
  '#13a4b4',
  '#525df4',
  '#bf399e',
  '#6c8893',
  '#ee6868',
  '#9a9a9a',
];

export function chartColors(dark: boolean): { grid: string; text: string } {
  return dark
    ? { grid: 'rgba(255,255,255,0.08)', text: 'rgba(255,255,255,0.7)' }
    : { grid: 'rgba(0,0,0,0.07)', text: 'rgba(0,0,0,0.65)' };
}
