/** The open workspace (name, scenario, seed) and the workspace commands of the File menu. */
import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { WorkspaceInfoView } from '@shared/schemas/views';
import type { ApiResult } from '@shared/errors';
import type { Params } from '@shared/contract';
import { useApi } from '@renderer/api';

export const useWorkspaceStore = defineStore('workspace', () => {
  const api = useApi();
  const current = ref<WorkspaceInfoView | null>(null);
  const loaded = ref(false);
  const recent = ref<{ path: string; name: string }[]>([]);
  const scenarios = ref<{ id: string; name: string; description: string }[]>([]);

  async function load(): Promise<void> {
    const r = await api.call('workspace.current', {});
    if (r.ok) current.value = r.value;
    loaded.value = true;
  }
  async function loadRecent(): Promise<void> {
    const r = await api.call('workspace.recent', {});
    if (r.ok) recent.value = r.value;
  }
  async function loadScenarios(): Promise<void> {
    const r = await api.call('meta.scenarios', {});
    if (r.ok) scenarios.value = r.value;
  }
  function take(r: ApiResult<WorkspaceInfoView>): ApiResult<WorkspaceInfoView> {
    if (r.ok) current.value = r.value;
    return r;
  }
  async function create(p: Params<'workspace.new'>): Promise<ApiResult<WorkspaceInfoView>> {
    return take(await api.call('workspace.new', p));
  }
  async function open(p: Params<'workspace.open'>): Promise<ApiResult<WorkspaceInfoView>> {
    return take(await api.call('workspace.open', p));
  }
  async function saveAs(p: Params<'workspace.saveAs'>): Promise<ApiResult<WorkspaceInfoView>> {
    return take(await api.call('workspace.saveAs', p));
  }

  api.on('workspace', (w) => {
    current.value = w;
  });
  api.onReconnect(() => void load());

  return { current, loaded, recent, scenarios, load, loadRecent, loadScenarios, create, open, saveAs };
});
