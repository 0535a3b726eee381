/**
 * Inventory import/export methods of the API contract (spread into ./contract-capacity.ts): the chunked
 * upload the console uses, preview and apply, the CSV template and the RVTools export. Limits:
 * ./import-limits.ts. Imports only zod + shared files. Protocol: docs/capacity.md ("RVTools import").
 */
import { z } from 'zod';
import { WorkspaceInfoSchema } from './schemas/views';
import { IMPORT_LIMITS } from './import-limits';
import { DownloadRefSchema, FileTargetParams, GrantIdSchema, oneFileTarget, oneFileTargetMsg } from './files';

const ImportProblemSchema = z.object({
  severity: z.enum(['fatal', 'error', 'warning']),
  sheet: z.string(),
  row: z.number(),
  column: z.string(),
  message: z.string(),
});
export const ImportPreviewSchema = z.object({
  format: z.enum(['rvtools-xlsx', 'rvtools-csv', 'generic-csv']),
  sheetsFound: z.array(z.string()),
  sheetsMissing: z.array(z.string()),
  counts: z.object({
    datacenters: z.number(),
    clusters: z.number(),
    hosts: z.number(),
    datastores: z.number(),
    vms: z.number(),
    vmsPoweredOn: z.number(),
    skippedTemplates: z.number(),
    unusableRows: z.number(),
    totalVcpus: z.number(),
    totalMemMiB: z.number(),
    provisionedGiB: z.number(),
  }),
  problems: z.array(ImportProblemSchema),
  importable: z.boolean(),
});
export type ImportPreviewView = z.infer<typeof ImportPreviewSchema>;

const MAX_CHUNK_BASE64 = 4 * Math.ceil(IMPORT_LIMITS.chunkBytes / 3);
export const UploadIdSchema = z
  .string()
  .regex(/^upl-[0-9a-f]{24}$/, { message: 'must be an upload id from import.upload.begin' });
const FileName = z.string().min(1).max(255);

/**
 * Files come as a file or folder the user chose in a dialog (`grant`, purpose import.source; used once), as
 * an upload (import.upload.*; the console's way), or inline as base64 for small files (up to the
 * transport's payload limit). The API takes no path: see src/shared/files.ts.
 */
const ImportSource = {
  grant: GrantIdSchema.optional(),
  uploadId: UploadIdSchema.optional(),
  files: z
    .array(z.object({ name: FileName, base64: z.string().max(1_400_000) }))
    .max(IMPORT_LIMITS.maxFiles)
    .optional(),
};
const hasSource = (p: { grant?: string; files?: unknown[]; uploadId?: string }) =>
  [p.grant, p.files, p.uploadId].filter((x) => x !== undefined).length === 1;
const sourceMsg = {
  message:
    'give exactly one of "grant" (a file or a folder of CSV files chosen in a dialog), "uploadId" (from import.upload.begin) or "files"',
};

export const UploadStateSchema = z.object({
  uploadId: z.string(),
  /** Bytes received so far, of all files, and the declared total. */
  receivedBytes: z.number(),
  totalBytes: z.number(),
  complete: z.boolean(),
});
export type UploadStateView = z.infer<typeof UploadStateSchema>;

export const importContract = {
  'import.template': {
    params: z.object({}).strict(),
    result: z.object({ name: z.string(), text: z.string() }),
  },
  'import.upload.begin': {
    params: z
      .object({
        files: z
          .array(
            z
              .object({ name: FileName, sizeBytes: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER) })
              .strict(),
          )
          .min(1)
          .max(IMPORT_LIMITS.maxFiles),
      })
      .strict(),
    result: UploadStateSchema.extend({
      chunkBytes: z.number(),
      chunks: z.array(z.number()),
      idleTimeoutSec: z.number(),
    }),
  },
  'import.upload.chunk': {
    params: z
      .object({
        uploadId: UploadIdSchema,
        fileIndex: z
          .number()
          .int()
          .min(0)
          .max(IMPORT_LIMITS.maxFiles - 1),
        index: z
          .number()
          .int()
          .min(0)
          .max(Math.ceil(IMPORT_LIMITS.maxBytes / IMPORT_LIMITS.chunkBytes) - 1),
        dataBase64: z
          .string()
          .min(4)
          .max(MAX_CHUNK_BASE64, {
            message: `a chunk holds at most ${IMPORT_LIMITS.chunkBytes} bytes (${MAX_CHUNK_BASE64} base64 characters)`,
          })
          .regex(/^[A-Za-z0-9+/]+={0,2}$/, { message: 'must be base64' }),
      })
      .strict(),
    result: UploadStateSchema,
  },
  'import.upload.cancel': { params: z.object({ uploadId: UploadIdSchema }).strict(), result: z.null() },
  'import.preview': {
    params: z.object(ImportSource).strict().refine(hasSource, sourceMsg),
    result: ImportPreviewSchema,
  },
  'import.apply': {
    params: z
      .object({
        ...ImportSource,
        name: z.string().min(1).max(200).optional(),
        /** The new workspace's file, chosen in a dialog (purpose workspace.new); else it goes to the data folder. */
        workspaceGrant: GrantIdSchema.optional(),
        skipBadRows: z.boolean().default(false),
      })
      .strict()
      .refine(hasSource, sourceMsg),
    result: z.object({ workspace: WorkspaceInfoSchema, preview: ImportPreviewSchema }),
  },
  /**
   * RVTools export: inline, written where the user chose (`grant`: a file for xlsx, purpose inventory; a
   * folder for csv, purpose inventory.folder, where no existing file is replaced), or as downloads.
   */
  'export.inventory': {
    params: z
      .object({ format: z.enum(['xlsx', 'csv']).default('xlsx'), ...FileTargetParams })
      .strict()
      .refine(oneFileTarget, oneFileTargetMsg),
    result: z.object({
      files: z.array(
        z.object({ name: z.string(), base64: z.string().optional(), text: z.string().optional() }),
      ),
      writtenTo: z.array(z.string()),
      downloads: z.array(DownloadRefSchema).optional(),
    }),
  },
} as const;
