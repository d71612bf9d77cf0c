/** @jsxRuntime automatic */
import type { PlanItem } from '../../../../shared/types/actions';
import { formatBytes } from '../../format';
import { kindWords } from './emergencyFormat';

interface PlanItemsTableProps {
  items: readonly PlanItem[];
  ticked: ReadonlySet<string>;
  onToggle: (id: string, on: boolean) => void;
  onAll: (on: boolean) => void;
  /** While a run is starting: the ticks are what was confirmed. */
  disabled: boolean;
}

/** The exact items the plan would touch, in order, each with its checkbox, size and reason. */
export function PlanItemsTable({ items, ticked, onToggle, onAll, disabled }: PlanItemsTableProps) {
  return (
    <div className="plan-items">
      <div className="plan-items-tools">
        <button type="button" className="link-button" disabled={disabled || ticked.size === items.length} onClick={() => onAll(true)}>
          Tick all
        </button>
        <button type="button" className="link-button" disabled={disabled || ticked.size === 0} onClick={() => onAll(false)}>
          Untick all
        </button>
      </div>
      <table className="plan-table" aria-label="Plan items">
        <thead>
          <tr>
            <th scope="col">
              <span className="visually-hidden">Do</span>
            </th>
            <th scope="col">Action</th>
            <th scope="col">Name</th>
            <th scope="col" className="num">
              Size
            </th>
            <th scope="col">Why</th>
          </tr>
        </thead>
        <tbody>
          {items.map((item) => (
            <tr key={item.id} aria-label={item.name} className={ticked.has(item.id) ? undefined : 'plan-row-off'}>
              <td>
                <input type="checkbox" aria-label={`${kindWords(item.kind)} ${item.name}`} checked={ticked.has(item.id)} disabled={disabled} onChange={(event) => onToggle(item.id, event.target.checked)} />
              </td>
              <td className="plan-kind">{kindWords(item.kind)}</td>
              <td className="plan-name" title={item.id}>
                {item.name}
              </td>
              <td className="num">{formatBytes(item.bytes)}</td>
              <td className="muted">{item.reason}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
