import { describe, expect, it } from 'vitest';
import { dialogFor, FileDialogRequestSchema, grantRequestFor, proposedName } from './file-dialog-spec';
import { desktopStrings } from './desktop-strings';

const en = desktopStrings('en');

describe('native file dialogs by purpose', () => {
  it('takes a purpose and a proposed name only; the path always comes from the dialog', () => {
    expect(FileDialogRequestSchema.safeParse({ purpose: 'report', suggestedName: 'r.pdf' }).success).toBe(
      true,
    );
    expect(FileDialogRequestSchema.safeParse({ purpose: 'report', path: '/etc/passwd' }).success).toBe(false);
    expect(FileDialogRequestSchema.safeParse({ purpose: 'anything' }).success).toBe(false);
    expect(proposedName('../../.bashrc', 'x')).toBe('bashrc');
    expect(proposedName('C:\\Users\\a\\evil.html', 'x')).toBe('evil.html');
    expect(proposedName('', 'fallback.vdc')).toBe('fallback.vdc');
    const spec = dialogFor('report', '/etc/../../capacity-report.pdf', en, '/home/u/Documents');
    expect(spec).toMatchObject({ kind: 'save', defaultPath: '/home/u/Documents/capacity-report.pdf' });
    expect(spec.filters[0]).toEqual({ name: 'PDF', extensions: ['pdf'] });
    expect(spec.properties).toContain('showOverwriteConfirmation');
    expect(dialogFor('workspace.open', undefined, en, '/d').kind).toBe('open');
    expect(dialogFor('inventory.folder', undefined, en, '/d').properties).toContain('openDirectory');
    expect(dialogFor('workspace.new', undefined, desktopStrings('zh-CN'), '/d')).toMatchObject({
      title: '新建工作区',
      buttonLabel: '创建',
    });
  });

  it('counts a replaced file as confirmed only when the dialog itself confirmed that very file', () => {
    const exists = (p: string) => p === '/d/a.vdc' || p === '/d/b' || p === '/d/r.html';
    // The save dialog asked "replace r.html?" and the user said yes.
    expect(grantRequestFor('report', 'save', '/d/r.html', exists)).toEqual({
      path: '/d/r.html',
      purpose: 'report',
      overwrite: true,
    });
    expect(grantRequestFor('report', 'save', '/d/new.html', exists).overwrite).toBe(false);
    // ".vdc" appended after the dialog: the existing /d/b.vdc was never confirmed.
    expect(
      grantRequestFor('workspace.saveAs', 'save', '/d/b', (p) => p === '/d/b' || p === '/d/b.vdc'),
    ).toEqual({
      path: '/d/b.vdc',
      purpose: 'workspace.saveAs',
      overwrite: false,
    });
    expect(grantRequestFor('workspace.saveAs', 'save', '/d/a.vdc', exists).overwrite).toBe(true);
    // Open and folder dialogs never allow replacing anything.
    expect(grantRequestFor('workspace.open', 'open', '/d/a.vdc', exists).overwrite).toBe(false);
    expect(grantRequestFor('inventory.folder', 'folder', '/d/b', exists).overwrite).toBe(false);
  });
});
