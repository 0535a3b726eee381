/** Handlers of the capacity-planning methods (see src/shared/contract-capacity.ts). */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { ParsedParams } from '../../shared/contract';
import type { capacityContract } from '../../shared/contract-capacity';
import type { HandlersOf } from './handlers';
import type { MethodName } from '../../shared/methods';
import { apiErr, apiOk, type ApiResult } from '../../shared/errors';
import { DEFAULT_POLICY, type CapPolicy } from '../engine/capacity';
import { importInventory } from './inventory-io/import';
import { filesFromBase64, filesFromPath } from './inventory-io/files';
import { UploadError, UploadStore } from './inventory-io/uploads';
import { GENERIC_TEMPLATE } from './inventory-io/generic';
import { inventorySheets, toCsvFiles, toXlsx } from './inventory-io/export';
import type { InputFile } from './inventory-io/types';
import {
  capCtx,
  consolidation,
  forecastRows,
  headroom,
  rightsize,
  summary,
  type CapCtx,
} from './capacity/analysis';
import { failover } from './capacity/failover';
import { BranchError, createBranch, deleteBranch, listBranches, runBranch } from './capacity/whatif';
import { compareBranches } from './capacity/compare';
import { collectReport, reportHtml } from './capacity/report';
import { reportPdf } from './capacity/pdf';
import { reportText } from './capacity/report-text';
import { observedFromSnapshot, scenarioFromSnapshot } from './capacity/current-scenario';
import * as T from './capacity/tables';
import type { Session } from './session';
import type { VdcService } from './vdc-service';

type P<M extends MethodName> = ParsedParams<M>;

const policyOf = (p: CapPolicy | undefined): CapPolicy => p ?? DEFAULT_POLICY;

function branchErr(e: unknown): ApiResult<never> {
  if (e instanceof BranchError) return apiErr(e.code, e.message);
  throw e;
}

type Source = {
  path?: string | undefined;
  uploadId?: string | undefined;
  files?: { name: string; base64: string }[] | undefined;
};

function uploadResult<T>(fn: () => T): ApiResult<T> {
  try {
    return apiOk(fn());
  } catch (e) {
    if (e instanceof UploadError) return apiErr(e.code, e.message, e.details);
    throw e;
  }
}

/** `now`: the wall clock that expires idle uploads (tests move it). */
export function makeCapacityHandlers(svc: VdcService, opts: { now?: () => number } = {}): HandlersOf<keyof typeof capacityContract> {
  const uploads = new UploadStore(opts.now);
  svc.onClientDisconnect((clientId) => uploads.releaseClient(clientId));
  const sourceFiles = (clientId: string, p: Source): ApiResult<InputFile[]> => {
    if (p.files) return apiOk(filesFromBase64(p.files));
    if (p.uploadId !== undefined) {
      const id = p.uploadId;
      return uploadResult(() => uploads.files(clientId, id));
    }
    const r = filesFromPath(p.path!);
    return r.ok ? apiOk(r.files) : apiErr('INVALID_ARGUMENT', r.message);
  };
  const withSession = <T>(fn: (s: Session) => ApiResult<T>): ApiResult<T> => {
    const s = svc.requireSession();
    return s.ok ? fn(s.value) : s;
  };
  const ctx = (s: Session): CapCtx => capCtx(s.engine, s.workspace);
  /** Branches running right now (a branch file is written by one run at a time). */
  const running = new Set<string>();
  const parentOf = (s: Session): ApiResult<string> =>
    s.workspace
      ? apiOk(s.workspace.path)
      : apiErr(
          'NO_WORKSPACE',
          'What-if branches copy the workspace file; this simulation is not recorded in one.',
        );

  return {
    'capacity.summary': (_c: string, p: P<'capacity.summary'>) =>
      withSession((s) => apiOk(summary(ctx(s), policyOf(p.policy), p.windowHours * 3600))),
    'capacity.headroom': (_c: string, p: P<'capacity.headroom'>) =>
      withSession((s) =>
        apiOk(headroom(ctx(s), policyOf(p.policy), p.profiles ?? [], p.clusterId, p.windowHours * 3600)),
      ),
    'capacity.forecast': (_c: string, p: P<'capacity.forecast'>) =>
      withSession((s) =>
        apiOk(
          forecastRows(ctx(s), policyOf(p.policy), {
            risk: p.risk,
            horizonDays: p.horizonDays,
            historyDays: p.historyDays,
            growthPctPerMonth: p.growthPctPerMonth,
            clusterId: p.clusterId,
          }),
        ),
      ),
    'capacity.failover': (_c: string, p: P<'capacity.failover'>) =>
      withSession((s) =>
        apiOk(failover(ctx(s), { clusterId: p.clusterId, method: p.method, settleMinutes: p.settleMinutes })),
      ),
    'capacity.rightsize': (_c: string, p: P<'capacity.rightsize'>) =>
      withSession((s) => apiOk(rightsize(ctx(s), p))),
    'capacity.consolidation': (_c: string, p: P<'capacity.consolidation'>) =>
      withSession((s) => apiOk(consolidation(ctx(s), p.windowHours * 3600))),
    'capacity.csv': (_c: string, p: P<'capacity.csv'>) =>
      withSession((s) => {
        const c = ctx(s);
        const pol = policyOf(p.policy);
        const table = ((): T.Table => {
          switch (p.table) {
            case 'allocation':
              return T.allocationTable(summary(c, pol, 86_400).allocation);
            case 'demand':
              return T.demandTable(summary(c, pol, 86_400).demand);
            case 'headroom':
              return T.headroomTable(headroom(c, pol, [], undefined, 86_400).rows);
            case 'forecast':
              return T.forecastTable(
                forecastRows(c, pol, {
                  risk: 'conservative',
                  horizonDays: 365,
                  historyDays: 30,
                  growthPctPerMonth: 0,
                }).rows,
              );
            case 'failover':
              return T.failoverTable(failover(c, { method: 'estimate', settleMinutes: 10 }).clusters);
            case 'rightsize':
              return T.rightsizeTable(
                rightsize(c, { windowDays: 7, percentile: 95, bufferPct: 0, limit: 20_000 }).rows,
              );
            case 'consolidation':
              return T.consolidationTable(consolidation(c, 86_400).rows);
          }
        })();
        return apiOk({ name: `capacity-${p.table}.csv`, text: T.csvOf(table) });
      }),
    'import.template': () => apiOk({ name: 'vdc-inventory-template.csv', text: GENERIC_TEMPLATE }),
    'import.upload.begin': (c: string, p: P<'import.upload.begin'>) =>
      uploadResult(() => uploads.begin(c, p.files)),
    'import.upload.chunk': (c: string, p: P<'import.upload.chunk'>) =>
      uploadResult(() => uploads.chunk(c, p.uploadId, p.fileIndex, p.index, p.dataBase64)),
    'import.upload.cancel': (c: string, p: P<'import.upload.cancel'>) =>
      uploadResult(() => (uploads.free(c, p.uploadId), null)),
    'import.preview': async (c: string, p: P<'import.preview'>) => {
      const files = sourceFiles(c, p);
      if (!files.ok) return files;
      return apiOk((await importInventory(files.value)).preview);
    },
    'import.apply': async (c: string, p: P<'import.apply'>) => {
      const files = sourceFiles(c, p);
      if (!files.ok) return files;
      const { preview, scenario } = await importInventory(
        files.value,
        p.name === undefined ? {} : { name: p.name },
      );
      const first =
        preview.problems.find((x) => x.severity === 'fatal') ??
        preview.problems.find((x) => x.severity === 'error');
      const where = first
        ? `${first.sheet}${first.row ? ` row ${first.row}` : ''}${first.column ? `, column "${first.column}"` : ''}: ${first.message}`
        : '';
      if (!scenario)
        return apiErr('INVALID_ARGUMENT', `Nothing was imported. ${where}`, {
          problems: preview.problems.slice(0, 100),
        });
      if (preview.counts.unusableRows > 0 && !p.skipBadRows) {
        return apiErr(
          'INVALID_ARGUMENT',
          `Nothing was imported: ${preview.counts.unusableRows} row(s) cannot be used, e.g. ${where}. Fix them, or import the usable rows only (skipBadRows).`,
          { problems: preview.problems.slice(0, 100) },
        );
      }
      const created = svc.newWorkspace({
        scenario,
        name: p.name ?? scenario.name,
        ...(p.workspacePath ? { path: p.workspacePath } : {}),
      });
      if (!created.ok) return created;
      if (p.uploadId !== undefined) uploads.release(p.uploadId);
      return apiOk({ workspace: created.value, preview });
    },
    'export.inventory': async (_c: string, p: P<'export.inventory'>) => {
      const s = svc.requireSession();
      if (!s.ok) return s;
      const snap = s.value.engine.snapshot();
      const sheets = inventorySheets(
        scenarioFromSnapshot(snap),
        snap.tick > 0 ? observedFromSnapshot(snap) : {},
      );
      const writtenTo: string[] = [];
      try {
        if (p.format === 'xlsx') {
          const bytes = await toXlsx(sheets);
          if (p.path) {
            mkdirSync(dirname(p.path), { recursive: true });
            writeFileSync(p.path, bytes);
            writtenTo.push(p.path);
            return apiOk({ files: [{ name: p.path }], writtenTo });
          }
          return apiOk({
            files: [{ name: 'RVTools_export.xlsx', base64: Buffer.from(bytes).toString('base64') }],
            writtenTo,
          });
        }
        const files = toCsvFiles(sheets);
        if (p.path) {
          mkdirSync(p.path, { recursive: true });
          for (const f of files) {
            writeFileSync(join(p.path, f.name), f.text);
            writtenTo.push(join(p.path, f.name));
          }
        }
        return apiOk({ files: files.map((f) => ({ name: f.name, text: f.text })), writtenTo });
      } catch (e) {
        return apiErr(
          'INVALID_ARGUMENT',
          `The export could not be written to ${p.path ?? 'memory'}: ${(e as Error).message}`,
        );
      }
    },
    'whatif.create': (_c: string, p: P<'whatif.create'>) =>
      withSession((s) => {
        const parent = parentOf(s);
        if (!parent.ok) return parent;
        const saved = s.checkpoint();
        if (!saved.ok) return saved;
        try {
          return apiOk(createBranch(s.workspace!, s.engine.snapshot(), p.name, p.changes));
        } catch (e) {
          return branchErr(e);
        }
      }),
    'whatif.list': () =>
      withSession((s) => (s.workspace ? apiOk(listBranches(s.workspace.path)) : apiOk([]))),
    'whatif.run': async (_c: string, p: P<'whatif.run'>) => {
      const s = svc.requireSession();
      if (!s.ok) return s;
      const parent = parentOf(s.value);
      if (!parent.ok) return parent;
      const key = `${parent.value}#${p.id}`;
      if (running.has(key))
        return apiErr('CONFLICT', `What-if branch ${p.id} is already running; wait for it to finish.`);
      running.add(key);
      try {
        return apiOk(await runBranch(parent.value, p.id, p.days, p.tickSeconds));
      } catch (e) {
        return branchErr(e);
      } finally {
        running.delete(key);
      }
    },
    'whatif.compare': (_c: string, p: P<'whatif.compare'>) =>
      withSession((s) => {
        const parent = parentOf(s);
        if (!parent.ok) return parent;
        try {
          return apiOk(compareBranches(parent.value, p.ids));
        } catch (e) {
          return branchErr(e);
        }
      }),
    'whatif.delete': (_c: string, p: P<'whatif.delete'>) =>
      withSession((s) => {
        const parent = parentOf(s);
        if (!parent.ok) return parent;
        try {
          deleteBranch(parent.value, p.id);
          return apiOk(null);
        } catch (e) {
          return branchErr(e);
        }
      }),
    'report.generate': (_c: string, p: P<'report.generate'>) =>
      withSession((s) => {
        try {
          const title = reportText(p.locale).title(svc.workspaceInfo()?.name ?? 'simulation');
          const data = collectReport(ctx(s), policyOf(p.policy), {
            title,
            locale: p.locale,
            parentPath: s.workspace?.path,
            branchIds: p.branchIds,
          });
          const bytes = p.format === 'pdf' ? reportPdf(data) : new TextEncoder().encode(reportHtml(data));
          if (p.path) {
            mkdirSync(dirname(p.path), { recursive: true });
            writeFileSync(p.path, bytes);
          }
          return apiOk({
            format: p.format,
            path: p.path ?? null,
            bytes: bytes.byteLength,
            ...(p.path
              ? {}
              : p.format === 'pdf'
                ? { base64: Buffer.from(bytes).toString('base64') }
                : { html: new TextDecoder().decode(bytes) }),
          });
        } catch (e) {
          return branchErr(e);
        }
      }),
  };
}
