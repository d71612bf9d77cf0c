import type { ActionSystem } from '../actions/actionSystem';
import type { SnapshotService } from '../actions/rollback/snapshotService';
import type { ApiHandlers, CallContext } from './dispatcher';

type ActionMethod = 'actions.plan' | 'actions.execute' | 'actions.cancel' | 'actions.get' | 'actions.recent' | 'snapshots.list' | 'snapshots.take' | 'disk.usage';

export interface ActionHandlerDeps {
  actions: ActionSystem;
  snapshots: SnapshotService;
}

const actorOf = (context?: CallContext): string => context?.caller ?? 'app';

/** Emergency actions: the UI and the CLI send a plan id and its hash, never a command. */
export function actionApiHandlers(deps: ActionHandlerDeps): Pick<ApiHandlers, ActionMethod> {
  return {
    'actions.plan': (p, context) => deps.actions.plan(p, actorOf(context)),
    'actions.execute': (p, context) => deps.actions.execute({ planId: p.planId, hash: p.hash, itemIds: p.itemIds }, actorOf(context)).outcome,
    'actions.cancel': (p) => ({ cancelled: deps.actions.cancel(p.planId) }),
    'actions.get': (p) => deps.actions.get(p.planId),
    'actions.recent': (p) => deps.actions.recent(p.limit),
    'snapshots.list': (p) => deps.snapshots.list(p.stack),
    'snapshots.take': async (p) => {
      const taken = await deps.snapshots.take(p.stack, 'manual');
      const views = await deps.snapshots.list(p.stack);
      const view = views.find((v) => v.snapshot.id === taken.id);
      if (!view) throw new Error(`snapshot ${taken.id} was taken but is not listed`);
      return view;
    },
    'disk.usage': () => deps.actions.diskUsage(),
  };
}
