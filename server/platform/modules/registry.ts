import type { ModuleDefinition } from './define-module';

let registered: readonly ModuleDefinition[] | null = null;

/**
 * The module list, as the platform reads it (rule sets, figures, attachment kinds, reminders).
 * `server/modules/index.ts` registers it when it is loaded; the platform never imports that
 * file itself, so that no platform file sits in an import cycle with every module.
 */
export function registerModules(modules: readonly ModuleDefinition[]): void {
  registered = modules;
}

/** Every registered module; loading `server/modules` (as the app, the demo loader and the jobs do) registers them. */
export function registeredModules(): readonly ModuleDefinition[] {
  if (!registered) throw new Error('模块尚未注册：请先导入 server/modules（createApp、演示数据载入与定时任务都会导入）');
  return registered;
}
