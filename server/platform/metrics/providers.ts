import { registeredModules } from '../modules/registry';
import { createMetricRegistry, type MetricRegistry } from './define-metric';

let registry: MetricRegistry | null = null;

/**
 * The one registry of computed figures that targets, the cockpit, the Word report and (later)
 * assessment read, built from the modules' `metrics` the first time it is asked (the modules
 * themselves read it, so it cannot be built while they load).
 */
export function metrics(): MetricRegistry {
  registry ??= createMetricRegistry(registeredModules().flatMap((m) => m.metrics ?? []));
  return registry;
}
