/**
 * The names of the API's methods, without their schemas: what the preload needs to refuse an
 * unknown name, without bundling the validation library. `contract.ts` checks it stays in step.
 */
export const API_METHOD_NAMES = [
  'status.get',
  'inventory.get',
  'docker.stacks',
  'gpu.snapshot',
  'models.snapshot',
  'models.probe',
  'models.probes',
  'history.query',
  'history.series',
  'events.list',
  'settings.get',
  'settings.update',
  'settings.propose',
  'settings.confirm',
  'settings.cancel',
  'runbooks.list',
  'runbooks.get',
  'runbooks.start',
  'runbooks.step',
  'runbooks.cancel',
  'runbooks.resume',
  'runbooks.run',
  'runbooks.runs',
  'runbooks.schedules',
] as const;

export type ApiMethodName = (typeof API_METHOD_NAMES)[number];
