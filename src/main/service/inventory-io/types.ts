/** Shapes shared by the inventory readers, the RVTools mapping and the preview. */
import { IMPORT_LIMITS } from '../../../shared/import-limits';

/** A cell as read: formulas are kept as markers and never evaluated. */
export type Cell = string | number | boolean | null | { formula: string };

export interface SheetRow {
  /** 1-based row number in the sheet or line number in the CSV file (the header is row 1). */
  row: number;
  cells: Cell[];
}

export interface SheetTable {
  /** Canonical sheet name, e.g. "vInfo". */
  name: string;
  /** Where it came from (file name, or "book.xlsx ▸ vInfo"). */
  source: string;
  headers: string[];
  rows: SheetRow[];
}

export type ImportFormat = 'rvtools-xlsx' | 'rvtools-csv' | 'generic-csv';

export interface ImportProblem {
  /** 'fatal' = nothing can be imported; 'error' = this row is not used; 'warning' = used with a default. */
  severity: 'fatal' | 'error' | 'warning';
  sheet: string;
  /** Row number (header = 1); 0 for a problem with the whole sheet or file. */
  row: number;
  column: string;
  message: string;
}

export interface ImportCounts {
  datacenters: number;
  clusters: number;
  hosts: number;
  datastores: number;
  vms: number;
  vmsPoweredOn: number;
  skippedTemplates: number;
  unusableRows: number;
  totalVcpus: number;
  totalMemMiB: number;
  provisionedGiB: number;
}

export interface ImportPreview {
  format: ImportFormat;
  sheetsFound: string[];
  sheetsMissing: string[];
  counts: ImportCounts;
  problems: ImportProblem[];
  /** True when there is no fatal problem (rows with errors can be skipped on request). */
  importable: boolean;
}

export interface InputFile {
  name: string;
  bytes: Uint8Array;
}

/** Largest file the import reads (RVTools exports of 10,000 VMs are about 10–20 MB); shared with the console. */
export const MAX_IMPORT_BYTES = IMPORT_LIMITS.maxBytes;
