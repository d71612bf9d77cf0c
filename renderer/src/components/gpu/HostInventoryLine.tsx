/** @jsxRuntime automatic */
import type { HostInventory } from '../../../../shared/types/inventory';
import { describeControllers, describeCpu, describeOs } from './inventoryFormat';

/** What the host is, in one line: CPU model, OS and GPU controllers (nothing until it is read). */
export function HostInventoryLine({ inventory }: { inventory: HostInventory | undefined }) {
  if (!inventory) return null;
  const gpus = describeControllers(inventory.gpus);
  const parts = [describeCpu(inventory), describeOs(inventory), gpus.length > 0 ? `GPU: ${gpus.join(', ')}` : null].filter((p): p is string => !!p);
  if (parts.length === 0) return null;
  return (
    <p className="host-inventory muted" aria-label="Host hardware">
      {parts.join(' · ')}
    </p>
  );
}
