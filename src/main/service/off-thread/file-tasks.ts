/**
 * Off-thread steps of the file-producing operations (issue 21: no request blocks the service more than
 * 100 ms): the capacity report (analysis + PDF/HTML), the inventory export (sheets + XLSX/CSV) and a
 * workspace's Save As (copy + a fresh checkpoint in the copy). The service thread hands over the live
 * state it read in slices (a snapshot's JSON text) and, for a file the user chose, the granted path —
 * the grant itself is used up on the service thread, and the same writing rules apply here
 * (../files/write.ts: never create folders, never replace without the user's confirmation, never
 * through a symlink, never half-written).
 */
import { existsSync, lstatSync, renameSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import { apiErr, apiOk, type ApiResult } from '../../../shared/errors';
import type { EngineSnapshot } from '../../engine';
import type { CapPolicy } from '../../engine/capacity';
import { Workspace } from '../../store';
import { copyWorkspaceFile } from '../../store/save-as';
import {
  collectReport,
  reportHtml,
  type ReportData,
  type ReportLocale,
  type ReportSweep,
} from '../capacity/report';
import { reportPdf } from '../capacity/pdf';
import { BranchError } from '../capacity/whatif';
import { inventorySheets, toCsvFiles, toXlsx } from '../inventory-io/export';
import { observedFromSnapshot, scenarioFromSnapshot } from '../capacity/current-scenario';
import { fromFsError, fromStoreError } from '../errors';
import { Session } from '../session';
import { checkTarget, writeGrantedFile } from '../files/write';
import type { Granted } from '../files/grants';

/** A file the user chose, as the service granted it (path and whether replacing it was confirmed). */
export type GrantedPath = Pick<Granted, 'path' | 'overwrite'>;

export type FileTaskInput =
  | {
      kind: 'report';
      /** The live snapshot's JSON text in chunks (joined here, not on the service thread). */
      snapshotChunks: string[];
      time: number;
      /** The live workspace (its history flushed by the service just before), read with a connection of its own. */
      workspacePath: string | null;
      policy: CapPolicy;
      title: string;
      locale: ReportLocale;
      branchIds?: string[];
      sweep: ReportSweep | null;
      format: 'pdf' | 'html';
      write?: GrantedPath;
    }
  | {
      kind: 'inventory.export';
      snapshotChunks: string[];
      format: 'xlsx' | 'csv';
      /** A file (xlsx) or a folder (csv) the user chose. */
      write?: GrantedPath;
    }
  | {
      kind: 'workspace.copy';
      from: string;
      to: string;
      overwrite: boolean;
      /** The tick the copy holds (the live session's, held there while the copy is made). */
      tick: number;
    };

export type ReportTaskResult = { bytes: number; path: string | null; data?: Uint8Array };
export type ExportTaskResult = { files: { name: string; data: Uint8Array | string }[]; writtenTo: string[] };

type Step = { progress: number; label?: string } | void | Promise<unknown>;
export type FileTaskSteps = Generator<Step, ApiResult<unknown>, void>;

const grantedOf = (w: GrantedPath, purpose: Granted['purpose']): Granted => ({ ...w, purpose });

export function* fileTaskSteps(input: FileTaskInput): FileTaskSteps {
  switch (input.kind) {
    case 'report': {
      yield { progress: 0.05, label: 'Analysing the capacity' };
      const snapshot = JSON.parse(input.snapshotChunks.join('')) as EngineSnapshot;
      const opened = input.workspacePath
        ? Workspace.open(input.workspacePath, { readOnly: true, check: 'none' })
        : null;
      if (opened && !opened.ok) return { ok: false, error: fromStoreError(opened.error) };
      const ws = opened?.value ?? null;
      let data: ReportData;
      try {
        data = collectReport({ snapshot, time: input.time, workspace: ws }, input.policy, {
          title: input.title,
          locale: input.locale,
          parentPath: input.workspacePath ?? undefined,
          branchIds: input.branchIds,
          sweep: input.sweep,
        });
      } catch (e) {
        if (e instanceof BranchError) return apiErr(e.code, e.message);
        throw e;
      } finally {
        ws?.close();
      }
      yield { progress: 0.5, label: input.format === 'pdf' ? 'Drawing the PDF' : 'Writing the HTML' };
      const bytes = input.format === 'pdf' ? reportPdf(data) : new TextEncoder().encode(reportHtml(data));
      if (!input.write) return apiOk<ReportTaskResult>({ bytes: bytes.byteLength, path: null, data: bytes });
      yield { progress: 0.9, label: 'Writing the file' };
      const w = writeGrantedFile(grantedOf(input.write, 'report'), bytes, 'report.generate');
      return w.ok ? apiOk<ReportTaskResult>({ bytes: bytes.byteLength, path: w.value.path }) : w;
    }
    case 'inventory.export': {
      const where = 'export.inventory';
      yield { progress: 0.05, label: 'Building the inventory sheets' };
      const snap = JSON.parse(input.snapshotChunks.join('')) as EngineSnapshot;
      const sheets = inventorySheets(
        scenarioFromSnapshot(snap),
        snap.tick > 0 ? observedFromSnapshot(snap) : {},
      );
      if (input.format === 'xlsx') {
        yield { progress: 0.4, label: 'Writing the workbook' };
        const book: { bytes?: Uint8Array } = {};
        yield toXlsx(sheets).then((b) => {
          book.bytes = b;
        });
        const bytes = book.bytes;
        if (!bytes) return apiErr('INTERNAL', `${where}: the workbook was not written.`);
        const name = 'RVTools_export.xlsx';
        if (!input.write) return apiOk<ExportTaskResult>({ files: [{ name, data: bytes }], writtenTo: [] });
        const w = writeGrantedFile(grantedOf(input.write, 'inventory'), bytes, where);
        return w.ok
          ? apiOk<ExportTaskResult>({ files: [{ name: w.value.path, data: '' }], writtenTo: [w.value.path] })
          : w;
      }
      const files = toCsvFiles(sheets);
      const out = files.map((f) => ({ name: f.name, data: f.text }));
      if (!input.write) return apiOk<ExportTaskResult>({ files: out, writtenTo: [] });
      yield { progress: 0.6, label: 'Writing the files' };
      // A folder the user chose: the CSV files go into it, none replacing an existing file unless confirmed.
      const folder = input.write.path;
      let isDir: boolean;
      try {
        isDir = lstatSync(folder).isDirectory();
      } catch {
        isDir = false;
      }
      if (!isDir) return apiErr('NOT_FOUND', `${where}: the folder ${folder} does not exist.`);
      const targets = files.map((f) => ({
        f,
        granted: grantedOf(
          { path: join(folder, f.name), overwrite: input.write!.overwrite },
          'inventory.folder',
        ),
      }));
      for (const x of targets) {
        const ok = checkTarget(x.granted, where);
        if (!ok.ok) return ok;
      }
      const writtenTo: string[] = [];
      for (const x of targets) {
        const w = writeGrantedFile(x.granted, x.f.text, where);
        if (!w.ok) return w;
        writtenTo.push(w.value.path);
      }
      return apiOk<ExportTaskResult>({ files: out, writtenTo });
    }
    case 'workspace.copy':
      return yield* copySteps(input);
  }
}

/**
 * Save As: a consistent copy of the committed file (a connection of its own), cut at the held tick, with
 * a fresh checkpoint at that tick (so opening it replays nothing), renamed into place at the end. The
 * target is replaced only when the user confirmed it; a failed or cancelled copy leaves nothing behind.
 */
function* copySteps(input: Extract<FileTaskInput, { kind: 'workspace.copy' }>): FileTaskSteps {
  const where = 'workspace.saveAs';
  const target = resolve(input.to);
  if (target === resolve(input.from))
    return apiErr('INVALID_ARGUMENT', `${where}: Save As needs a different file than the open one.`);
  try {
    lstatSync(target);
  } catch (e) {
    // A name the file system refuses (ENAMETOOLONG…) is answered as what it is, naming the chosen file.
    const fsError = (e as { code?: string }).code === 'ENOENT' ? null : fromFsError(e);
    if (fsError) return { ok: false, error: fsError };
  }
  const existing = checkTarget(
    { path: target, overwrite: input.overwrite, purpose: 'workspace.saveAs' },
    where,
  );
  if (!existing.ok) return existing;
  if (!existsSync(dirname(target)))
    return apiErr('NOT_FOUND', `${where}: the folder ${dirname(target)} does not exist.`);
  // A short hidden name beside the target (same file system: the final rename is atomic).
  const tmp = join(dirname(target), `.vdc-save-${randomBytes(6).toString('hex')}.partial`);
  let done = false;
  try {
    yield { progress: 0.05, label: 'Copying the workspace' };
    const copied = copyWorkspaceFile(input.from, tmp);
    if (!copied.ok) return { ok: false, error: fromStoreError(copied.error) };
    yield { progress: 0.6, label: 'Saving the simulation state in the copy' };
    const opened = Workspace.open(tmp);
    if (!opened.ok) return { ok: false, error: fromStoreError(opened.error) };
    const ws = opened.value;
    let closed = false;
    try {
      const cut = ws.truncateAfter(input.tick);
      if (!cut.ok) return { ok: false, error: fromStoreError(cut.error) };
      const session = Session.open(ws, { onTick: () => undefined, onClockChange: () => undefined });
      if (!session.ok) return session;
      if (session.value.engine.tick !== input.tick)
        return apiErr('WORKSPACE_ERROR', `${where}: the copy does not reach tick ${input.tick}.`);
      // close(): a checkpoint at that tick, the history flushed, the file closed.
      session.value.close();
      closed = true;
    } finally {
      if (!closed) ws.close();
    }
    yield { progress: 0.95, label: 'Moving the copy into place' };
    const again = checkTarget(
      { path: target, overwrite: input.overwrite, purpose: 'workspace.saveAs' },
      where,
    );
    if (!again.ok) return again;
    try {
      renameSync(tmp, target);
    } catch (e) {
      const fsError = fromFsError(e);
      if (!fsError) throw e;
      return apiErr(fsError.code, `${where}: cannot save the copy as ${target}: ${fsError.message}`);
    }
    done = true;
    return apiOk({ path: target });
  } finally {
    if (!done) for (const s of ['', '-wal', '-shm', '-journal']) rmSync(tmp + s, { force: true });
  }
}
