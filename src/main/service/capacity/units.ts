/** Human units for the capacity report: the shared implementation (src/shared/units.ts). */
export { axisFormat, fmtGiB, fmtMHz, fmtMiB, fmtUnit, fmtW, type Unit } from '../../../shared/units';
